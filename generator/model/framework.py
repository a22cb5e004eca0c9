"""content/framework.yml: the framework's name, version, domains, levels and policy."""

from __future__ import annotations

import re
from typing import Literal

from pydantic import Field, field_validator
from pydantic_core import PydanticCustomError

from generator.model.base import Strict
from generator.model.types import VERDICT_ROLES, Duration, IsoDate, LevelId, Role, Slug

VERSION_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._+-]{0,39}$")
# Names the published site/ folder already uses next to the version folders.
RESERVED_VERSIONS = {"latest", "versions.json", "index.html", "404.html", "sitemap.xml", "sitemap.xml.gz",
                     "robots.txt", "assets", "search"}


class Domain(Strict):
    id: Slug = Field(description="Domain id, referenced by competencies and milestones.")
    name: str = Field(description="Display name.")
    summary: str = Field("", description="What the domain covers (Markdown).")


class Dimension(Strict):
    id: Slug = Field(description="Dimension id, such as scope, keyed in a level's `dimensions`.")
    name: str = Field(description="Display name, such as Scope.")
    description: str = Field("", description="What the dimension measures (Markdown).")


class Level(Strict):
    id: LevelId = Field(description="Level id such as L3, referenced by tracks and profiles.")
    name: str = Field(description="Display name of the level.")
    summary: str = Field("", description="What the level means across tracks (Markdown).")
    proficiency: str = Field("", description="The proficiency the level stands for, such as Awareness, Working, "
                                             "Practitioner or Expert; shown with the level in the matrices.")
    dimensions: dict[Slug, str] = Field(
        default_factory=dict, description="What the level means on each of the framework's dimensions, keyed by "
                                          "dimension id, like `scope: a team` (Markdown); a track level may say "
                                          "it differently.")


CONFIRMING_ROLES: tuple[Role, ...] = ("manager", "mentor", "sponsor", "committee", "peer")


class ReadinessPolicy(Strict):
    evidence_max_age: Duration = Field("365d", description="Evidence older than this at the as-of date does not count.")
    on_track_ratio: float = Field(0.5, ge=0, le=1, allow_inf_nan=False,
                                  description="Share of target milestones met for 'on track'.")
    competency_coverage: float | None = Field(
        None, ge=0, le=1, description="Share of the target level's competencies that must be evidenced to be "
                                      "ready; default 0, or 1 for a target level without milestones.")
    verified_feedback_only: bool | list[Role] = Field(
        True, description="Feedback that counts only when verified from git: true (manager, sponsor and committee "
                          "feedback, and waivers), false (all feedback counts), or a list of roles. Unless "
                          "false, feedback confirms a competency only when verified, whatever its role.")
    competency_confirmation: list[Role] = Field(
        default_factory=lambda: list(CONFIRMING_ROLES),
        description="Roles whose feedback confirms a competency: it is evidenced only when an evidence entry "
                    "(not a reflection) links it and feedback of one of these roles links it too. [] keeps the "
                    "earlier rule: any evidence entry that links it.")
    behaviour_coverage: float = Field(
        0.0, ge=0, le=1, allow_inf_nan=False,
        description="Share of a competency's expected behaviours that must be confirmed for it to be evidenced "
                    "(0: any confirmation).")
    assess_against: Literal["latest", "release_at_since"] = Field(
        "latest", description="The release people are assessed against unless their profile pins one: the "
                              "latest, or the release in force at their profile's `since`.")

    @field_validator("competency_confirmation")
    @classmethod
    def _no_self_confirmation(cls, roles: list[str]) -> list[str]:
        if "self" in roles:
            raise PydanticCustomError("self-confirmation", "a learner cannot confirm their own competencies; "
                                      "remove 'self' from competency_confirmation")
        return roles

    def roles_needing_verification(self) -> frozenset[str]:
        if self.verified_feedback_only is True:
            return frozenset(VERDICT_ROLES)
        return frozenset(self.verified_feedback_only or ())

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
    dimensions: list[Dimension] = Field(
        default_factory=list, description="Ordered level dimensions that are not competencies, such as scope, "
                                          "reach or impact: shown with each level, never assessed.")
    expectations: Literal["cumulative", "restated"] = Field(
        "cumulative", description="cumulative: a behaviour stays expected at every higher level and levels list "
                                  "what is new; restated: each level lists all it expects.")
    readiness: ReadinessPolicy = Field(default_factory=ReadinessPolicy, description="Readiness policy.")

    @field_validator("version")
    @classmethod
    def _safe_version(cls, value: str) -> str:
        """The version names a folder of site/: it may not climb out of it or take another file's name."""
        if not VERSION_RE.match(value) or value.endswith(".") or ".." in value:
            raise PydanticCustomError(
                "version", "'{value}' cannot name a site folder; use letters, digits, '.', '_', '+' or '-' "
                "(at most 40, starting with a letter or digit), like \"2026.2\"", {"value": value[:80]})
        if value.lower() in RESERVED_VERSIONS:
            raise PydanticCustomError("version", "'{value}' is a reserved name in the published site; "
                                      "use a version number, like \"2026.2\"", {"value": value})
        return value

    def dimensions_at(self, level_id: str, own: dict[str, str] | None = None) -> list[tuple[Dimension, str]]:
        """Each dimension with what it says at the level: `own` (a track level's) first, else the framework's."""
        level = next((lv for lv in self.levels if lv.id == level_id), None)
        texts = {**(level.dimensions if level else {}), **(own or {})}
        return [(d, texts[d.id]) for d in self.dimensions if texts.get(d.id)]

    def level_index(self, level_id: str) -> int:
        return [lv.id for lv in self.levels].index(level_id)
