"""portfolios/: people, profiles and portfolio entries."""

from __future__ import annotations

from pydantic import Field, field_validator, model_validator
from pydantic_core import PydanticCustomError

from generator.model.base import Strict
from generator.model.types import (
    BehaviourRef,
    CompetencyRef,
    IsoDate,
    Kind,
    LevelId,
    MetricName,
    MilestoneRef,
    Number,
    PublicKey,
    Role,
    Slug,
    Verdict,
)
from generator.read.sealing import armour_problem

# Lists of one entry: a real entry links a handful; thousands only multiply the work of every build.
MAX_ITEMS = 100


# Said of a person in people.yml and of a learner in their profile alike.
COMMITTEE_DOC = "A member of the promotion committee: only members may give committee feedback and verdicts."
KEYS_DOC = ("Public keys (age1..., ssh-ed25519 ..., ssh-rsa ...): they open what is sealed for this person, "
            "and SSH keys check who signed their commits.")


class Person(Strict):
    id: Slug = Field(description="Person id, referenced as manager, mentor, sponsor or feedback author.")
    name: str = Field(description="Full name.")
    email: str | None = Field(None, description="Email address; used to verify who committed feedback.")
    handle: str | None = Field(None, description="Code-host handle such as @grace, for CODEOWNERS.")
    manager: Slug | None = Field(None, description="Person id of their manager, for team views of a manager "
                                                   "of managers.")
    committee: bool = Field(False, description=COMMITTEE_DOC)
    keys: list[PublicKey] = Field(default_factory=list, max_length=MAX_ITEMS, description=KEYS_DOC)


class PeopleFile(Strict):
    people: list[Person] = Field(default_factory=list, description="Reviewers and colleagues without a portfolio.")


class Waiver(Strict):
    milestone: MilestoneRef = Field(description="The waived milestone as track-id/milestone-id.")
    reason: str = Field(description="Why the milestone cannot be met.")
    approved_by: Slug = Field(description="Id of the person who approved the waiver.")


class Profile(Strict):
    name: str = Field(description="Full name.")
    email: str | None = Field(None, description="Email address; git commits by it are this person's.")
    handle: str | None = Field(None, description="Code-host handle such as @ada, for CODEOWNERS.")
    track: Slug = Field(description="Id of the career track.")
    level: LevelId = Field(description="Current level id.")
    target: LevelId = Field(description="Level being worked towards.")
    since: IsoDate = Field(description="When the target was set; milestone horizons count from here.")
    manager: Slug | None = Field(None, description="Person id of the manager.")
    mentor: Slug | None = Field(None, description="Person id of the mentor.")
    sponsor: Slug | None = Field(None, description="Person id of the sponsor.")
    committee: bool = Field(False, description=COMMITTEE_DOC)
    keys: list[PublicKey] = Field(default_factory=list, max_length=MAX_ITEMS, description=KEYS_DOC)
    framework: str | None = Field(None, description="Released framework version to assess against.")
    waivers: list[Waiver] = Field(default_factory=list,
                                  description="Milestones that cannot be met, with justification.")


class FeedbackItem(Strict):
    from_: Slug = Field(alias="from", description="Person id of who gave the feedback.")
    role: Role = Field(description="The giver's role towards the learner.")
    text: str = Field(description="The feedback itself.")
    verdict: Verdict | None = Field(None, description="Whether the giver judges the milestone met.")


class Entry(Strict):
    title: str = Field(description="What the entry is about.")
    date: IsoDate = Field(description="When it happened, YYYY-MM-DD.")
    kind: Kind = Field(description="The kind of evidence.")
    milestones: list[MilestoneRef] = Field(default_factory=list, max_length=MAX_ITEMS,
                                           description="Milestones it is evidence for.")
    competencies: list[CompetencyRef] = Field(
        default_factory=list, description="Competencies it is evidence for: an id (at the target level) or id@level.")
    behaviours: list[BehaviourRef] = Field(
        default_factory=list, description="Behaviours it is evidence for, as competency-id/behaviour-id.")
    metrics: dict[MetricName, Number] = Field(default_factory=dict, description="Measured values by metric name.")
    artifacts: list[str] = Field(default_factory=list, max_length=MAX_ITEMS,
                                           description="Files under the portfolio folder or https links.")
    feedback: list[FeedbackItem] = Field(default_factory=list, max_length=MAX_ITEMS,
                                           description="Feedback received on this work.")
    from_: Slug | None = Field(None, alias="from", description="kind: feedback only: who gave it.")
    role: Role | None = Field(None, description="kind: feedback only: the giver's role.")
    verdict: Verdict | None = Field(None, description="kind: feedback only: whether the giver judges it met.")
    sealed: str | None = Field(None, description="kind: feedback only: the verdict and text, encrypted with age "
                                                 "(ASCII armour) to the readers of the policy.")

    sealed_digest: str | None = Field(None, pattern=r"^sha256:[0-9a-f]{64}$",
                                      description="kind: feedback only: the digest of the sealed content, which "
                                                  "the giver commits so the block can be resealed.")

    @field_validator("sealed")
    @classmethod
    def _armoured(cls, value: str | None) -> str | None:
        if value is not None and (problem := armour_problem(value)):
            raise PydanticCustomError("sealed-armour", "{problem}; write it with handbook feedback give",
                                      {"problem": problem})
        return value

    @model_validator(mode="after")
    def _feedback_shape(self) -> Entry:
        if self.kind == "feedback":
            missing = [k for k, v in (("from", self.from_), ("role", self.role)) if v is None]
            if missing:
                raise PydanticCustomError(
                    "feedback-entry",
                    "a feedback entry needs {keys}; add them to the front matter, like from: grace and role: manager",
                    {"keys": " and ".join(f"'{k}'" for k in missing)})
            if self.sealed_digest is not None and self.sealed is None:
                raise PydanticCustomError("sealed-digest", "'sealed_digest' belongs beside a sealed: block; "
                                          "remove it")
            if self.sealed is not None and self.verdict is not None:
                raise PydanticCustomError(
                    "sealed-verdict", "the verdict of sealed feedback is inside sealed:, not beside it; remove "
                    "'verdict' (handbook feedback give seals it with the text)")
        else:
            extra = [k for k, v in (("from", self.from_), ("role", self.role), ("verdict", self.verdict),
                                    ("sealed", self.sealed), ("sealed_digest", self.sealed_digest)) if v]
            if extra:
                raise PydanticCustomError(
                    "feedback-entry",
                    "{keys} belong to kind: feedback entries; put feedback in the 'feedback' list instead",
                    {"keys": ", ".join(f"'{k}'" for k in extra)})
        return self
