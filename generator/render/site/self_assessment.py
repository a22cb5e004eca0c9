"""The self-assessment page of a track: its behaviours by competency, and the data its script reads.

The page lists every behaviour of the track's competencies as a checklist, so it works
without JavaScript. `themes/handbook/assets/self-assessment.js` adds the levels, the radar,
the gaps and the download; it reads the JSON block built here and sends nothing anywhere.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from markupsafe import Markup

from generator.link.expectations import CompetencyExpectations, ExpectedBehaviour, track_expectations
from generator.link.project import Project
from generator.model.track import Track
from generator.render.markdown import plain_text

SCRIPT = "assets/self-assessment.js"
STYLE = "assets/self-assessment.css"


@dataclass
class AssessedCompetency:
    expectations: CompetencyExpectations
    behaviours: list[ExpectedBehaviour]   # those a level of the track expects

    @property
    def id(self) -> str:
        return self.expectations.id


def assessed_competencies(project: Project, track: Track) -> list[AssessedCompetency]:
    """The track's competencies with the behaviours expected at one of the track's levels."""
    levels = [lv.level for lv in track.levels]
    out = []
    for comp in track_expectations(project, track):
        keys = {k for lv in levels for k in comp.expected.get(lv, [])}
        behaviours = [b for b in comp.behaviours if b.key in keys]
        if behaviours:
            out.append(AssessedCompetency(comp, behaviours))
    return out


def script_json(data: Any) -> Markup:
    """JSON that cannot end its <script> element or open markup, whatever the content says."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    for char, escaped in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"), ("\u2028", "\\u2028"),
                          ("\u2029", "\\u2029")):
        text = text.replace(char, escaped)
    return Markup(text)


def page_data(project: Project, track: Track, comps: list[AssessedCompetency]) -> dict[str, Any]:
    """What the script needs: the track's levels, and each competency's behaviours and expectations."""
    assert project.framework is not None
    names = {lv.id: lv.name for lv in project.framework.levels}
    domains = {d.id: d.name for d in project.framework.domains}
    levels = [lv.level for lv in track.levels]
    return {
        "track": track.id, "trackName": track.name,
        "levels": [{"id": lv.level, "name": names.get(lv.level, lv.level), "title": lv.title}
                   | ({"label": lv.label} if lv.label else {}) for lv in track.levels],
        "competencies": [{
            "id": c.id, "name": c.expectations.name, "domain": domains.get(c.expectations.domain, ""),
            "behaviours": [{"key": b.key, "id": b.id, "text": plain_text(b.text), "level": b.level}
                           for b in c.behaviours],
            "expected": {lv: c.expectations.expected.get(lv, []) for lv in levels},
        } for c in comps],
    }


def self_assessment_page(project: Project, track: Track) -> tuple[str, str, dict[str, Any]]:
    """(docs path, template, context) of the track's self-assessment page."""
    from generator.render.site import paths

    comps = assessed_competencies(project, track)
    return (paths.self_assessment_doc(track.id), "self_assessment.md.j2",
            {"track": track, "assessed": comps, "data_json": script_json(page_data(project, track, comps))})
