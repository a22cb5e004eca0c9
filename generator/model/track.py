"""content/tracks/<track>.yml: a milestone ladder for one career track."""

from __future__ import annotations

from pydantic import Field, model_validator
from pydantic_core import PydanticCustomError

from generator.model.base import Strict
from generator.model.types import Cadence, Duration, LevelId, MetricName, Role, Slug, Target, duration_days


class Criterion(Strict):
    text: str = Field(description="The pass criterion in words.")
    metric: MetricName | None = Field(None, description="Metric checked automatically against the target.")
    target: Target | None = Field(None, description="Operator and number the metric must satisfy, like \">= 15\".")

    @model_validator(mode="after")
    def _metric_and_target_together(self) -> Criterion:
        if (self.metric is None) != (self.target is None):
            missing = "target" if self.target is None else "metric"
            raise PydanticCustomError(
                "criterion", "the criterion has a {have} but no {missing}; give both or neither",
                {"have": "metric" if missing == "target" else "target", "missing": missing})
        return self


class Evidence(Strict):
    entries: int = Field(1, ge=0, description="Linked evidence entries needed.")
    feedback: list[Role] = Field(default_factory=list, description="Feedback roles needed.")
    occurrences: int = Field(1, ge=1, description="Distinct dated occasions needed (consistency).")
    spread: Duration = Field("0d", description="First-to-last occasion span needed.")

    @property
    def spread_days(self) -> int:
        return duration_days(self.spread)


class Milestone(Strict):
    id: Slug = Field(description="Unique in the track; referenced as track-id/milestone-id.")
    title: str = Field(description="Short imperative title.")
    domain: Slug = Field(description="Id of the framework domain it develops.")
    competencies: list[Slug] = Field(default_factory=list, description="Competency ids it exercises.")
    activity: str = Field("", description="What to do (Markdown).")
    criterion: Criterion = Field(description="The measurable pass criterion.")
    horizon: Duration | None = Field(None, description="Time allowed, counted from the profile's `since`.")
    cadence: Cadence = Field("once", description="How often progress is checked.")
    evidence: Evidence = Field(default_factory=Evidence, description="Evidence needed to meet it.")
    recognition: str | None = Field(None, description="Reward or recognition on completion.")
    business_link: str | None = Field(None, description="The business outcome it maps to.")

    @property
    def horizon_days(self) -> int | None:
        return duration_days(self.horizon) if self.horizon else None


class TrackLevel(Strict):
    level: LevelId = Field(description="A framework level id.")
    title: str = Field("", description="The track's title at this level; default: the framework level's name.")
    summary: str = Field("", description="What the level means in this track (Markdown).")
    dimensions: dict[Slug, str] = Field(
        default_factory=dict, description="What the level means in this track on the framework's dimensions, "
                                          "keyed by dimension id; each replaces the framework level's text.")
    milestones: list[Milestone] = Field(default_factory=list, description="Milestones of this level.")


class Track(Strict):
    id: Slug = Field(description="Track id, referenced by profiles and milestone references.")
    name: str = Field(description="Display name.")
    summary: str = Field("", description="What the track is (Markdown).")
    competencies: list[Slug] | None = Field(
        None, description="Competency set ids and competency ids the track uses; omitted: every competency.")
    owners: list[str] = Field(default_factory=list, description="CODEOWNERS of this track file, like @backend-leads.")
    levels: list[TrackLevel] = Field(min_length=1, description="The ladder, lowest level first.")

    def level(self, level_id: str) -> TrackLevel | None:
        return next((lv for lv in self.levels if lv.level == level_id), None)

    def milestones(self) -> list[Milestone]:
        return [m for lv in self.levels for m in lv.milestones]
