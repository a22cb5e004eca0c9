"""The data block of the self-assessment page: the track's behaviours, and JSON that cannot break out."""

from __future__ import annotations

import json

from generator.render.site.self_assessment import assessed_competencies, page_data, script_json
from tests.render.site.conftest import Generated


def test_script_json_cannot_close_its_element() -> None:
    text = str(script_json({"text": "</script><script>alert(1)</script> & <!-- \u2028"}))
    assert "<" not in text and ">" not in text and "&" not in text and "\u2028" not in text
    assert json.loads(text) == {"text": "</script><script>alert(1)</script> & <!-- \u2028"}


def test_page_lists_only_the_track_levels_behaviours(generated: Generated) -> None:
    track = generated.project.track("design")
    assert track is not None
    comps = assessed_competencies(generated.project, track)
    data = page_data(generated.project, track, comps)
    assert [lv["id"] for lv in data["levels"]] == [lv.level for lv in track.levels]
    behaviours = {b["text"] for c in data["competencies"] for b in c["behaviours"]}
    assert "Weighs cloud cost in design choices" in behaviours
    assert all(set(c["expected"]) == {"L2", "L3"} for c in data["competencies"])  # design has no L1
    page = generated.page("tracks/design/self-assessment.md")
    assert page.count('type="checkbox"') == len([b for c in data["competencies"] for b in c["behaviours"]])
    block = page.split('<script type="application/json" id="sa-data">', 1)[1].split("</script>", 1)[0]
    assert json.loads(block) == data
