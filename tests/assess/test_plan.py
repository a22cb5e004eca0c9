"""The plan against progress: planned items with their status, check-in dates, and the portfolio's section."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from generator.assess.plan import assess_plan, occurrences
from generator.assess.portfolio import assess_portfolio
from generator.link.load import load_project
from generator.model.plan import CheckIn
from generator.render.portfolio import render_portfolio_html

PLAN = """\
starts: 2026-03-01
ends: 2026-08-31
agreed_with: grace
milestones:
  - milestone: engineering/raise-coverage
    due: 2026-04-30
  - milestone: engineering/mentor-joiner
    due: 2026-05-15
    note: "Pair with <b>Sam</b> twice a week"
competencies:
  - competency: mentoring
check_ins:
  - cadence: monthly
    first: 2026-03-31
reviews:
  - {date: 2026-05-01, title: Mid-period review}
  - {date: 2026-08-28}
"""


def test_check_in_dates_follow_the_cadence() -> None:
    weekly = CheckIn(cadence="fortnightly", first=dt.date(2026, 1, 5))
    assert occurrences(weekly, dt.date(2026, 2, 2)) == [dt.date(2026, 1, 5), dt.date(2026, 1, 19), dt.date(2026, 2, 2)]
    monthly = CheckIn(cadence="monthly", first=dt.date(2026, 1, 31))
    assert occurrences(monthly, dt.date(2026, 4, 30)) == [dt.date(2026, 1, 31), dt.date(2026, 2, 28),
                                                          dt.date(2026, 3, 31), dt.date(2026, 4, 30)]
    quarterly = CheckIn(cadence="quarterly", first=dt.date(2026, 11, 15))
    assert occurrences(quarterly, dt.date(2027, 6, 1)) == [dt.date(2026, 11, 15), dt.date(2027, 2, 15),
                                                           dt.date(2027, 5, 15)]


def test_plan_against_progress(minimal: Path) -> None:
    (minimal / "portfolios/ada/plan.yml").write_text(PLAN, encoding="utf-8")
    project, problems = load_project(minimal)
    assert not problems.errors, problems.sorted()
    ada = project.portfolio("ada")
    assert ada is not None and ada.plan is not None
    progress = assess_plan(ada.plan, assess_portfolio(project, ada), {}, "grace")
    rows = {r.ref: r for r in progress.rows}
    assert (rows["engineering/raise-coverage"].status, rows["engineering/raise-coverage"].late) == ("met", False)
    joiner = rows["engineering/mentor-joiner"]
    assert (joiner.status, joiner.late, joiner.missing) == ("in_progress", True, ["criterion", "feedback:peer"])
    assert rows["mentoring"].kind == "competency" and rows["mentoring"].due == dt.date(2026, 8, 31)
    assert progress.done == 1 + (rows["mentoring"].status == "evidenced")
    assert [(c.with_, c.next) for c in progress.check_ins] == [("grace", dt.date(2026, 6, 30))]
    assert progress.reviews == [(dt.date(2026, 5, 1), "Mid-period review", True),
                                (dt.date(2026, 8, 28), "Plan review", False)]
    assert progress.elapsed == 50  # 2026-06-01 in a period of 183 days


def test_portfolio_shows_the_plan(minimal: Path) -> None:
    (minimal / "portfolios/ada/plan.yml").write_text(PLAN, encoding="utf-8")
    project, _ = load_project(minimal)
    html = render_portfolio_html(project, project.portfolio("ada"))
    section = html.split('<section class="plan" id="plan">', 1)[1].split("</section>", 1)[0]
    assert "Plan for 2026-03-01 to 2026-08-31, agreed with Grace Manager:" in section
    assert '<a href="#milestone-engineering-mentor-joiner">Mentor a new joiner</a>' in section
    assert "2026-05-15 <strong>late</strong>" in section
    assert "Pair with &lt;b&gt;Sam&lt;/b&gt; twice a week" in section  # a note is text, never markup
    assert "Check-in: monthly with Grace Manager; next on 2026-06-30" in section
    without = minimal / "portfolios/ada/plan.yml"
    without.unlink()
    project, _ = load_project(minimal)
    assert 'id="plan"' not in render_portfolio_html(project, project.portfolio("ada"))
