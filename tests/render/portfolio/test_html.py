"""The portfolio page: golden output, determinism, links, and what a committee must see."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from generator.link.load import load_project
from generator.read.git_history import read_git_history
from generator.render.portfolio import render_portfolio_html
from tests.render.portfolio.conftest import Built, make_rich

GOLDEN = Path(__file__).parent / "golden"


def test_page_matches_golden(rich: Built, update_golden: bool) -> None:
    golden = GOLDEN / "rich-ada.html"
    if update_golden:
        golden.write_text(rich.html("ada"), encoding="utf-8")
    assert rich.html("ada") == golden.read_text(encoding="utf-8")


def test_index_matches_golden(rich: Built, update_golden: bool) -> None:
    golden = GOLDEN / "rich-index.html"
    html = (rich.out / "index.html").read_text(encoding="utf-8")
    if update_golden:
        golden.write_text(html, encoding="utf-8")
    assert html == golden.read_text(encoding="utf-8")


def test_same_inputs_give_byte_identical_html(rich: Built, tmp_path: Path) -> None:
    copy = tmp_path / "copy"
    shutil.copytree(rich.project.root, copy, ignore=shutil.ignore_patterns("build"))
    project, _ = load_project(copy)
    again = render_portfolio_html(project, project.portfolio("ada"))  # type: ignore[arg-type]
    assert again == rich.html("ada")
    assert str(rich.project.root) not in again and str(copy) not in again


def test_every_internal_link_has_a_target(rich: Built) -> None:
    html = rich.html("ada")
    ids = set(re.findall(r'\sid="([^"]+)"', html))
    links = set(re.findall(r'href="#([^"]+)"', html))
    assert links and links <= ids, links - ids
    assert len(re.findall(r'\sid="([^"]+)"', html)) == len(ids), "duplicate ids"


def test_feedback_links_to_its_entry_and_to_who_said_it(rich: Built) -> None:
    html = rich.html("ada")
    item = html[html.index('id="entry-2026-05-02-review-feedback-0"'):]
    item = item[:item.index("</li>")]
    assert "The joiner is productive." in item
    assert '<a href="#person-grace">Grace Manager</a> (manager)' in item
    assert '<a href="#entry-2026-05-02-review">Joiner review with Grace</a>' in item
    assert re.search(r"· added by Ada on \d{4}-\d\d-\d\d, commit [0-9a-f]{7,} \(unverified: committed by "
                     r"ada@example\.com\); it does not count: not verified</p>", item)
    assert '<li id="person-grace"><strong>Grace Manager</strong>' in html


def test_summary_shows_status_levels_and_gaps(rich: Built) -> None:
    html = rich.html("ada")
    summary = html[:html.index('id="milestones"')]
    assert ('<p class="verdict-title"><span class="status status-ready">ready</span> Ready for Engineer (L2)</p>'
            in summary)
    assert "<li>2 of 2 target milestones met or waived.</li>" in summary
    assert "Associate engineer (L1) → <strong>Engineer (L2)</strong>" in summary
    assert "Minimal Framework 1.0" in summary and "2026-06-01" in summary
    # the evidence map: each domain's milestones with their status, and its share met beside a bar
    assert "<svg" in summary and "1 of 1 met" in summary and "radar" not in summary
    assert re.search(r'<th scope="row">Leadership influence<span class="share"><svg[^>]*>.*?</svg> 1 of 1 met</span>'
                     r'</th>\s*<td data-label="Milestones"><ul class="items"><li>'
                     r'<a href="#milestone-engineering-mentor-joiner">Mentor a new '
                     r'joiner</a> <span class="status status-met">met</span></li></ul></td>', summary)
    assert "None: every target milestone is met or waived." in summary


def test_matrix_shows_measured_value_horizon_and_missing_feedback(minimal: Path) -> None:
    project, _ = load_project(minimal)
    html = render_portfolio_html(project, project.portfolio("ada"), history=None)  # type: ignore[arg-type]
    assert "<br>Coverage ≥\u00a080\u00a0%: measured <strong>84\u00a0%</strong>" in html
    assert "<dt>Feedback</dt><dd>none yet; required from a peer</dd>" in html
    assert ('<dt>Still needed</dt><dd><ul class="needs"><li>A “met” verdict from the manager, the sponsor or a '
            "committee member</li><li>A peer&#39;s feedback</li></ul></dd>") in html
    assert "180 days, due 2026-07-14 (43 days left)" in html
    assert "coverage_pct" not in html and "feedback:" not in html
    assert "Provenance is unavailable" in html


def test_overdue_days_and_waiver_are_shown(minimal: Path) -> None:
    profile = minimal / "portfolios/ada/profile.yml"
    profile.write_text(profile.read_text() + "waivers:\n  - {milestone: engineering/raise-coverage, "
                       "reason: Service retired, approved_by: grace}\n")
    framework = minimal / "content/framework.yml"  # outside git no waiver is verified: count them all here
    framework.write_text(framework.read_text() + "readiness: {verified_feedback_only: false}\n")
    project, problems = load_project(minimal, as_of=__import__("datetime").date(2026, 8, 1))
    assert not problems.errors
    html = render_portfolio_html(project, project.portfolio("ada"), history=None)  # type: ignore[arg-type]
    assert "180 days, due 2026-07-14 (18 days overdue)" in html
    assert 'Service retired (approved by <a href="#person-grace">Grace Manager</a>)' in html
    assert '<span class="status status-waived">waived</span>' in html


def test_stale_entries_are_marked_and_not_counted(rich: Built) -> None:
    html = rich.html("ada")
    assert "does not count: older than 365 days" in html
    assert 'Not counted: <a href="#entry-2025-01-10-old">An old coverage push</a> (older than 365 days)' in html


def test_reflections_recognition_and_timeline(rich: Built) -> None:
    html = rich.html("ada")
    reflections = html[html.index('id="reflections"'):html.index('id="timeline"')]
    assert "made me <strong>simplify</strong> it" in reflections
    assert '<a href="#entry-2026-05-20-award">Quality award for the billing tests</a>' in html
    timeline = html[html.index('id="timeline"'):html.index('id="people"')]
    dates = re.findall(r"<td class=\"nowrap\">(\d{4}-\d\d-\d\d)</td>", timeline)
    assert dates == sorted(dates) and len(dates) == 8


def test_repository_theme_overrides_the_packaged_one(minimal: Path) -> None:
    theme = minimal / "themes/portfolio"
    theme.mkdir(parents=True)
    (theme / "next_steps.html").write_text('<section id="next-steps"><h2>Our own next steps</h2></section>\n')
    project, _ = load_project(minimal)
    html = render_portfolio_html(project, project.portfolio("ada"), history=None)  # type: ignore[arg-type]
    assert "<h2>Our own next steps</h2>" in html
    assert "<h2>Milestone coverage</h2>" in html  # the rest still comes from the packaged theme


def test_history_is_read_when_not_given(rich: Built) -> None:
    project = rich.project
    assert read_git_history(project.root) is not None
    assert render_portfolio_html(project, project.portfolio("ada")) == rich.html("ada")  # type: ignore[arg-type]


def test_rich_fixture_without_git_says_provenance_unavailable(tmp_path: Path) -> None:
    root = make_rich(tmp_path / "repo", with_git=False)
    project, _ = load_project(root)
    html = render_portfolio_html(project, project.portfolio("ada"))  # type: ignore[arg-type]
    assert "Provenance is unavailable" in html
    assert '<p class="entry-provenance">Provenance unavailable (not in a git repository)</p>' in html
    assert "verified)" not in html


def test_profile_pinned_to_a_release_shows_that_release(tmp_path: Path) -> None:
    from tests.versioned_repo import make_versioned_repo

    root = make_versioned_repo(tmp_path / "repo")
    profile = root / "portfolios/ada/profile.yml"
    profile.write_text(profile.read_text() + 'framework: "1.1"\n')
    project, problems = load_project(root)
    assert not problems.errors
    html = render_portfolio_html(project, project.portfolio("ada"))  # type: ignore[arg-type]
    assert "· Minimal Framework 1.1 ·" in html
    assert "<h3>Run a team retrospective <span" in html  # only in release 1.1
    assert "Coverage ≥\u00a085\u00a0%" in html

