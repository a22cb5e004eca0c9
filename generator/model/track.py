"""content/tracks/<track>.yml: a milestone ladder for one career track."""

from __future__ import annotations

import re

from pydantic import Field, model_validator
from pydantic_core import PydanticCustomError

from generator.model.base import Strict
from generator.model.types import (
    Cadence,
    Duration,
    LevelId,
    LevelLabel,
    MetricName,
    Role,
    Slug,
    Target,
    duration_days,
    parse_target,
)


class Criterion(Strict):
    text: str = Field(description="The pass criterion in words.")
    metric: MetricName | None = Field(None, description="Metric checked automatically against the target.")
    target: Target | None = Field(None, description="Operator and number the metric must satisfy, like \">= 15\".")
    label: str | None = Field(None, min_length=1, max_length=80,
                              description="How people read the metric, like \"efficiency gain\" (default: its name "
                                          "in words, without a unit suffix).")
    unit: str | None = Field(None, max_length=20,
                             description="Unit written after its numbers, like \"%\" or \"days\" (default: % for a "
                                         "name ending in _pct, days for _days, none otherwise).")

    @model_validator(mode="after")
    def _metric_and_target_together(self) -> Criterion:
        if (self.metric is None) != (self.target is None):
            missing = "target" if self.target is None else "metric"
            raise PydanticCustomError(
                "criterion", "the criterion has a {have} but no {missing}; give both or neither",
                {"have": "metric" if missing == "target" else "target", "missing": missing})
        return self

    @property
    def metric_label(self) -> str:
        """The metric in words: its `label`, else its name without a unit suffix ("efficiency gain")."""
        return self.label or metric_words(self.metric or "")[0]

    @property
    def metric_unit(self) -> str:
        return self.unit if self.unit is not None else metric_words(self.metric or "")[1]

    def amount(self, value: float) -> str:
        """A measured or target number with the metric's unit: "19 %"."""
        return f"{value:g}\u00a0{self.metric_unit}".rstrip("\u00a0")  # a no-break space: "62" and "%" stay together

    def rule(self) -> str:
        """The target in words: "efficiency gain ≥ 15 %"; empty without a metric."""
        if not self.metric or not self.target:
            return ""
        op, number = parse_target(self.target)
        return f"{self.metric_label} {OPERATOR_SIGNS[op]}\u00a0{self.amount(number)}"


OPERATOR_SIGNS = {">=": "≥", ">": ">", "<=": "≤", "<": "<", "==": "="}
# Unit suffixes of metric names, and the unit their numbers are written with.
UNIT_SUFFIXES = {"pct": "%", "percent": "%", "days": "days", "hours": "hours", "minutes": "minutes", "ms": "ms"}


def metric_words(name: str) -> tuple[str, str]:
    """A snake_case metric name as (words, unit): "tier1_slo_coverage_pct" → ("tier1 SLO coverage", "%")."""
    parts = [p for p in name.split("_") if p]
    unit = UNIT_SUFFIXES.get(parts[-1], "") if len(parts) > 1 else ""
    if unit:
        parts = parts[:-1]
    return " ".join(ACRONYMS.get(p) or re.sub(r"^([a-z]+)(\d+)$", r"\1 \2", p) for p in parts), unit


# Parts of metric names people write in capitals.
ACRONYMS = {"slo": "SLO", "sla": "SLA", "sli": "SLI", "dora": "DORA", "api": "API", "ci": "CI", "cd": "CD",
            "nps": "NPS", "okr": "OKR", "kpi": "KPI", "sev1": "sev-1", "sev2": "sev-2", "mttr": "MTTR", "ui": "UI"}


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
    label: LevelLabel | None = Field(None, description="The track's short name for the level, like M3 or IC4, "
                                                       "shown instead of the level id wherever the track names it.")
    title: str = Field("", description="The track's title at this level; default: the framework level's name.")
    summary: str = Field("", description="What the level means in this track (Markdown).")
    dimensions: dict[Slug, str] = Field(
        default_factory=dict, description="What the level means in this track on the framework's dimensions, "
                                          "keyed by dimension id; each replaces the framework level's text.")
    milestones: list[Milestone] = Field(default_factory=list, description="Milestones of this level.")

    @property
    def tag(self) -> str:
        """How the track names the level: its label, else the framework's level id."""
        return self.label or self.level


class Track(Strict):
    id: Slug = Field(description="Track id, referenced by profiles and milestone references.")
    name: str = Field(description="Display name.")
    summary: str = Field("", description="What the track is (Markdown).")
    competencies: list[Slug] | None = Field(
        None, description="Competency set ids and competency ids the track uses; omitted: every competency.")
    owners: list[str] = Field(default_factory=list, description="CODEOWNERS of this track file, like @backend-leads.")
    levels: list[TrackLevel] = Field(
        min_length=1, description="The ladder, lowest level first: the track's level path. On a ladder that "
                                  "branches, list the shared levels, then the track's own branch.")

    def level(self, level_id: str) -> TrackLevel | None:
        return next((lv for lv in self.levels if lv.level == level_id), None)

    def level_tag(self, level_id: str) -> str:
        """How the track names a level: its label, else the level id (also for levels off the track)."""
        level = self.level(level_id)
        return level.tag if level else level_id

    def milestones(self) -> list[Milestone]:
        return [m for lv in self.levels for m in lv.milestones]
