"""content/competencies/*.yml: the competency map."""

from __future__ import annotations

from pydantic import Field

from generator.model.base import Strict
from generator.model.types import LevelId, Slug


class CompetencyLevel(Strict):
    summary: str = Field("", description="What the competency looks like at this level (Markdown).")
    behaviours: list[str] = Field(min_length=1, description="Observable behaviours at this level.")
    examples: list[str] = Field(default_factory=list, description="Examples of the behaviours in practice.")


class Competency(Strict):
    id: Slug = Field(description="Competency id, referenced by milestones.")
    name: str = Field(description="Display name.")
    domain: Slug = Field(description="Id of the framework domain it belongs to.")
    summary: str = Field("", description="What the competency is (Markdown).")
    levels: dict[LevelId, CompetencyLevel] = Field(
        default_factory=dict, description="Expectations keyed by level id; any subset of levels.")


class CompetencyFile(Strict):
    competencies: list[Competency] = Field(description="Competencies defined in this file.")
