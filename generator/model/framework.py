"""content/framework.yml: the framework's name, version, domains, levels and policy."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from generator.model.base import Strict
from generator.model.types import Duration, IsoDate, LevelId, Slug


class Domain(Strict):
    id: Slug = Field(description="Domain id, referenced by competencies and milestones.")
    name: str = Field(description="Display name.")
    summary: str = Field("", description="What the domain covers (Markdown).")


class Level(Strict):
    id: LevelId = Field(description="Level id such as L3, referenced by tracks and profiles.")
    name: str = Field(description="Display name of the level.")
    summary: str = Field("", description="What the level means across tracks (Markdown).")


class ReadinessPolicy(Strict):
    evidence_max_age: Duration = Field("365d", description="Evidence older than this at the as-of date does not count.")
    on_track_ratio: float = Field(0.5, ge=0, le=1, description="Share of target milestones met for 'on track'.")
    competency_coverage: float | None = Field(
        None, ge=0, le=1, description="Share of the target level's competencies that must be evidenced to be "
                                      "ready; default 0, or 1 for a target level without milestones.")

    def coverage_needed(self, has_milestones: bool) -> float:
        """The evidenced share `ready` needs: the policy's, else 0 with milestones and 1 without."""
        if self.competency_coverage is not None:
            return self.competency_coverage
        return 0.0 if has_milestones else 1.0


class Framework(Strict):
    name: str = Field(description="Name of the career framework.")
    version: str = Field(description="Version of this framework release; names the site version. Quote it.")
    released: IsoDate | None = Field(None, description="Release date, YYYY-MM-DD.")
    summary: str = Field("", description="How growth and promotion work (Markdown).")
    domains: list[Domain] = Field(min_length=1, description="Ordered competency domains.")
    levels: list[Level] = Field(min_length=1, description="Ordered levels, lowest first.")
    expectations: Literal["cumulative", "restated"] = Field(
        "cumulative", description="cumulative: a behaviour stays expected at every higher level and levels list "
                                  "what is new; restated: each level lists all it expects.")
    readiness: ReadinessPolicy = Field(default_factory=ReadinessPolicy, description="Readiness policy.")

    def level_index(self, level_id: str) -> int:
        return [lv.id for lv in self.levels].index(level_id)
