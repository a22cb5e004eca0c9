"""Public keys of readers and the confidentiality policy of handbook.yml."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, model_validator
from pydantic_core import PydanticCustomError

from generator.model.base import Strict
from generator.model.types import PublicKey, Role

Keys = Annotated[list[PublicKey], Field(max_length=50)]

FeedbackReader = Literal["committee", "programme", "manager", "mentor", "sponsor", "learner"]


class Readers(Strict):
    committee: Keys = Field(default_factory=list, description="Keys of the promotion committee.")
    programme: Keys = Field(default_factory=list, description="Keys of the programme (L&D) readers.")


class SealedFeedback(Strict):
    roles: list[Role] = Field(default_factory=list, description="Feedback of these roles must be sealed.")
    readers: list[FeedbackReader] = Field(default_factory=list, description="Who can open sealed feedback.")


class Confidentiality(Strict):
    readers: Readers = Field(default_factory=Readers, description="Readers who are not people of the repository.")
    sealed_feedback: SealedFeedback = Field(default_factory=SealedFeedback,
                                            description="Which feedback is sealed and who opens it.")

    @model_validator(mode="after")
    def _readers_have_keys(self) -> Confidentiality:
        # Feedback sealed to a reader without keys could be opened by nobody in that role.
        for reader in ("committee", "programme"):
            if reader in self.sealed_feedback.readers and not getattr(self.readers, reader):
                raise PydanticCustomError("reader-keys", "sealed feedback names {reader} as a reader, but "
                                          "readers.{reader} lists no key; add its public keys under "
                                          "confidentiality.readers.{reader}", {"reader": reader})
        return self
