"""What each competency expects at each level, flattened for self-assessment and exports.

The self-assessment page, the CASE export and the badges need the same thing: for a
competency, every behaviour once (with the level that first expects it and, when the
framework gives one, its id) and the behaviours expected at each framework level.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

from generator.link.competencies import ResolvedCompetency, on_level_path, resolve_competencies, track_competencies
from generator.link.project import Project
from generator.model.track import Track


@dataclass(frozen=True)
class ExpectedBehaviour:
    competency: str
    id: str | None            # the framework's id, which entries link as competency/id; None when it has none
    text: str
    level: str                # the level that first expects it
    examples: tuple[str, ...] = ()
    replaces: str | None = None   # id of a lower level's behaviour it replaces

    @property
    def key(self) -> str:
        """Stable within the competency: the id, else a short hash of the text."""
        return self.id or "t-" + hashlib.sha256(self.text.encode("utf-8")).hexdigest()[:10]

    @property
    def ref(self) -> str | None:
        return f"{self.competency}/{self.id}" if self.id else None


@dataclass
class CompetencyExpectations:
    id: str
    name: str
    domain: str
    summary: str
    behaviours: list[ExpectedBehaviour] = field(default_factory=list)   # each once, lowest level first
    expected: dict[str, list[str]] = field(default_factory=dict)        # level id -> behaviour keys expected
    parents: list[str] = field(default_factory=list)                    # the `extends` chain, nearest first


def _from_resolved(project: Project, comps: list[ResolvedCompetency],
                   per_level_path: bool = False) -> list[CompetencyExpectations]:
    """`per_level_path`: each level as its own path expects it (the framework's view of a branching ladder)."""
    assert project.framework is not None
    out = []
    for comp in comps:
        behaviours = [ExpectedBehaviour(comp.id, b.id, b.text, b.level, tuple(b.examples), b.replaces)
                      for b in comp.behaviours()]
        keys = {(b.id, b.text): b.key for b in behaviours}
        view = CompetencyExpectations(comp.id, comp.name, comp.domain, comp.summary, behaviours,
                                      parents=list(comp.parents))
        for level in project.framework.levels:
            at = on_level_path(project, comp, level.id) if per_level_path else comp
            view.expected[level.id] = [keys[(b.id, b.text)] for b in at.expected_at(level.id)
                                       if (b.id, b.text) in keys]
        out.append(view)
    return out


def all_expectations(project: Project) -> list[CompetencyExpectations]:
    """Every competency of the framework."""
    return _from_resolved(project, list(resolve_competencies(project).values()), per_level_path=True)


def track_expectations(project: Project, track: Track) -> list[CompetencyExpectations]:
    """The competencies the track uses, in the framework's domain order."""
    assert project.framework is not None
    views = _from_resolved(project, track_competencies(project, track))
    domains = [d.id for d in project.framework.domains]
    return sorted(views, key=lambda v: domains.index(v.domain) if v.domain in domains else len(domains))
