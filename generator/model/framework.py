"""content/framework.yml: the framework's name, version, domains, levels and policy."""

from __future__ import annotations

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


class Framework(Strict):
    name: str = Field(description="Name of the career framework.")
    version: str = Field(description="Version of this framework release; names the site version. Quote it.")
    released: IsoDate | None = Field(None, description="Release date, YYYY-MM-DD.")
    summary: str = Field("", description="How growth and promotion work (Markdown).")
    domains: list[Domain] = Field(min_length=1, description="Ordered competency domains.")
    levels: list[Level] = Field(min_length=1, description="Ordered levels, lowest first.")
    readiness: ReadinessPolicy = Field(default_factory=ReadinessPolicy, description="Readiness policy.")

    def level_index(self, level_id: str) -> int:
        return [lv.id for lv in self.levels].index(level_id)
