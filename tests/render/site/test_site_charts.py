"""The track chart and cadence markers come from the data and describe themselves in text."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from pathlib import Path

from generator.link.load import load_project
from generator.model.track import Milestone
from generator.render.site.charts import build_track_chart, describe_cadence, render_cadence, render_track_chart

SVG = "{http://www.w3.org/2000/svg}"


def milestone(cadence: str, horizon: str | None) -> Milestone:
    return Milestone.model_validate({"id": "m", "title": "M", "domain": "d", "criterion": {"text": "t"},
                                     "cadence": cadence, "horizon": horizon})


def test_track_chart_counts_milestones_by_domain_and_level(minimal: Path) -> None:
    project, _ = load_project(minimal, portfolios=False)
    chart = build_track_chart(project.framework, project.tracks[0])
    assert chart.levels == ["L1 · Associate engineer", "L2 · Engineer"]
    assert [name for name, _ in chart.domains] == ["Technical proficiency", "Leadership influence"]
    assert chart.counts == [[0, 0], [1, 1]]
    assert chart.cumulative == [[0, 0], [1, 1]]


def test_track_chart_is_valid_svg_with_a_text_alternative(minimal: Path) -> None:
    project, _ = load_project(minimal, portfolios=False)
    track = project.tracks[0]
    svg = ET.fromstring(str(render_track_chart(track, build_track_chart(project.framework, track), "c")))
    assert svg.get("role") == "img" and svg.get("aria-labelledby") == "c-t c-d"
    assert svg.find(f"{SVG}title").text == "How expectations grow in Engineering"
    desc = svg.find(f"{SVG}desc").text
    assert "L2 · Engineer: 2 milestones (Technical proficiency 1, Leadership influence 1)" in desc
    assert len(svg.findall(f"{SVG}rect")) == 2 + 2  # two bar segments, two legend keys


def test_cadence_marks_follow_cadence_and_horizon() -> None:
    assert describe_cadence(milestone("weekly", "6w")) == "weekly check-ins: about 6 over 42 days"
    assert describe_cadence(milestone("quarterly", "1y")) == "quarterly check-ins: about 4 over 365 days"
    assert describe_cadence(milestone("once", "90d")) == "checked once, at the end"
    svg = ET.fromstring(str(render_cadence(milestone("weekly", "6w"))))
    assert len(svg.findall(f"{SVG}circle")) == 6
    assert svg.get("aria-label") == "weekly check-ins: about 6 over 42 days"


def test_cadence_marks_are_capped() -> None:
    svg = ET.fromstring(str(render_cadence(milestone("micro", "1y"))))
    assert len(svg.findall(f"{SVG}circle")) == 13
    assert svg.get("aria-label") == "micro check-ins: about 122 over 365 days"


def test_a_restated_framework_is_charted_as_what_each_level_expects(tmp_path: Path) -> None:
    from generator.link.competencies import resolve_competencies
    from generator.link.project import Project
    from generator.model.competency import Competency
    from generator.model.framework import Framework
    from generator.model.track import Track
    from generator.render.site.charts import describe_chart

    framework = Framework.model_validate({
        "name": "F", "version": "1", "expectations": "restated", "domains": [{"id": "tech", "name": "Technical"}],
        "levels": [{"id": "L1", "name": "One"}, {"id": "L2", "name": "Two"}]})
    craft = Competency.model_validate({"id": "craft", "name": "Craft", "domain": "tech", "levels": {
        "L1": {"behaviours": ["Writes tests", "Reviews code", "Fixes bugs"]},
        "L2": {"behaviours": ["Sets the test strategy", "Reviews designs"]}}})
    project = Project(root=tmp_path, as_of=dt.date(2026, 1, 1), framework=framework, competencies=[craft])
    track = Track.model_validate({"id": "eng", "name": "Engineering", "competencies": ["craft"], "levels": [
        {"level": "L1", "title": "Junior"}, {"level": "L2", "title": "Engineer"}]})
    chart = build_track_chart(framework, track, [resolve_competencies(project)["craft"]])
    assert (chart.unit, chart.restated, chart.cumulative) == ("behaviours", True, [[3], [2]])
    assert describe_chart(track, chart) == ("Behaviours expected at each level of Engineering, by domain. "
                                            "L1 · Junior: 3 behaviours (Technical 3); "
                                            "L2 · Engineer: 2 behaviours (Technical 2).")
