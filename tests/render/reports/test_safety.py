"""Report pages escape what people write, and a failed build keeps the previous reports."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.commands.build import BuildOptions, BuildReport
from generator.link.load import load_project
from generator.render import teams
from generator.render.teams import build_teams, render_team_html, team_views
from tests.helpers import copy_example, edit


def test_markup_in_a_name_is_escaped(tmp_path: Path) -> None:
    root = copy_example(tmp_path / "repo")
    edit(root / "portfolios/tomas/profile.yml", "name: Tomás Herrera", 'name: "<script>alert(1)</script> Tomás"')
    project = load_project(root)[0]
    html = render_team_html(project, team_views(project, only="david")[0])
    assert "<script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; Tomás" in html


def test_a_failed_build_keeps_the_previous_team_views(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    project = load_project(copy_example(tmp_path / "repo"))[0]
    options = BuildOptions(site=False, pdf=False)
    build_teams(project, options, BuildReport())
    before = (project.root / "build/teams/helena/index.html").read_text(encoding="utf-8")
    rendered = []

    def failing(project, view):  # type: ignore[no-untyped-def]
        rendered.append(view.manager)
        if len(rendered) == 2:
            raise OSError("disk full")
        return "partial"

    monkeypatch.setattr(teams, "render_team_html", failing)
    with pytest.raises(OSError):
        build_teams(project, options, BuildReport())
    assert (project.root / "build/teams/helena/index.html").read_text(encoding="utf-8") == before
    assert (project.root / "build/teams/david/index.html").read_text(encoding="utf-8") != "partial"
    assert sorted(p.name for p in (project.root / "build").iterdir()) == ["teams"]


def test_same_inputs_give_byte_identical_reports(tmp_path: Path) -> None:
    from generator.render.reports import programme_report, render_programme_html

    pages = []
    for name in ("one", "two"):
        project = load_project(copy_example(tmp_path / name))[0]
        pages.append((render_programme_html(project, programme_report(project)),
                      [render_team_html(project, v) for v in team_views(project)]))
    assert pages[0] == pages[1]


def _first_active(page: str) -> str:
    import re

    found = re.search(r"<(?:script|link|style|img|iframe|object|embed|base|meta\s+http-equiv)\b[^>]*>", page,
                      re.IGNORECASE)
    return found.group(0) if found else ""


@pytest.mark.parametrize("fixture", ["reports", "packets"])
def test_every_private_page_has_the_policy_before_anything_it_loads(fixture: str,
                                                                    request: pytest.FixtureRequest) -> None:
    from generator.render.portfolio.policy import INDEX_POLICY, PAGE_POLICY, policy_meta

    built = request.getfixturevalue(fixture)
    build = built.project.root / "build"
    pages = [p for p in sorted(build.rglob("*.html")) if "site" not in p.relative_to(build).parts]
    assert len(pages) > 3
    for page in pages:
        policy = INDEX_POLICY if page.relative_to(build).as_posix() in ("portfolios/index.html",
                                                                         "calibration/index.html") else PAGE_POLICY
        assert _first_active(page.read_text(encoding="utf-8")) == policy_meta(policy), page
