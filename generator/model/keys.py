"""Public keys of readers and the confidentiality policy of handbook.yml."""

from __future__ import annotations

import re
from typing import Annotated, Literal

from pydantic import AfterValidator, Field, WithJsonSchema, model_validator
from pydantic_core import PydanticCustomError

from generator.model.base import Strict
from generator.model.types import Role

# age recipients and the SSH key types age accepts; the key itself is checked when sealing.
KEY_RE = re.compile(r"^(age1[0-9a-z]{20,}"
                    r"|ssh-ed25519 [A-Za-z0-9+/=]{20,}( \S.*)?"
                    r"|ssh-rsa [A-Za-z0-9+/=]{20,}( \S.*)?)$")
MAX_KEY = 2000


def _check_key(value: str) -> str:
    value = value.strip()
    if value.upper().startswith("AGE-SECRET-KEY") or "PRIVATE KEY" in value.upper():
        # Never echo a private key into check output or CI logs.
        raise PydanticCustomError("public-key", "this is a private key, which must never be committed; remove it "
                                  "from the repository (and its history), make a new key, and write its public "
                                  "part (age1... from `age-keygen -y`, or the SSH .pub file)")
    if len(value) > MAX_KEY or not KEY_RE.match(value):
        raise PydanticCustomError("public-key", "'{value}' is not a public key; write an age key (age1...) or an "
                                  "SSH public key (ssh-ed25519 AAAA... or ssh-rsa AAAA...), as `age-keygen -y` "
                                  "or the .pub file prints it", {"value": value[:60]})
    return value


PublicKey = Annotated[
    str, AfterValidator(_check_key),
    WithJsonSchema({"type": "string", "pattern": KEY_RE.pattern,
                    "description": "An age public key (age1...) or an SSH public key (ssh-ed25519 or ssh-rsa)."}),
]

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
