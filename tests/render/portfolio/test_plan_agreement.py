"""The portfolio's plan section says who agreed the plan, verified by who committed it."""

from __future__ import annotations

import shutil
from pathlib import Path

from generator.link.load import load_project
from generator.render.portfolio import render_portfolio_html
from tests.render.portfolio.conftest import FIXTURES, git

PLAN = ("starts: 2026-05-01\nends: 2026-09-30\nagreed_with: grace\n"
        "milestones:\n  - milestone: engineering/mentor-joiner\n")


def plan_line(root: Path) -> str:
    project, problems = load_project(root)
    assert not problems.errors, problems.sorted()
    html = render_portfolio_html(project, project.portfolio("ada"))
    return html.split('<section class="plan" id="plan">', 1)[1].split("<table", 1)[0]


def test_agreement_is_verified_only_by_the_agreeing_persons_commit(tmp_path: Path) -> None:
    root = tmp_path / "repo"
    shutil.copytree(FIXTURES / "minimal", root)
    plan = root / "portfolios/ada/plan.yml"
    plan.write_text(PLAN, encoding="utf-8")
    assert "agreed with Grace Manager:" in plan_line(root)  # outside git: nothing to verify against
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "content", "handbook.yml", "portfolios/people.yml", "portfolios/ada/profile.yml")
    git(root, "commit", "-q", "-m", "Framework", who="grace")
    assert "agreed with Grace Manager (unverified: the plan is not committed):" in plan_line(root)
    git(root, "add", ".")
    git(root, "commit", "-q", "-m", "Ada's plan", who="ada")
    assert "agreed with Grace Manager (unverified: the current plan was committed by Ada):" in plan_line(root)
    plan.write_text(PLAN.replace("2026-09-30", "2026-10-31"), encoding="utf-8")
    git(root, "commit", "-q", "-am", "Agreed", who="grace", date="2026-05-26T10:00:00Z")
    assert "agreed with Grace Manager (verified: they committed the current plan):" in plan_line(root)
    plan.write_text(PLAN.replace("2026-09-30", "2026-12-31"), encoding="utf-8")
    git(root, "commit", "-q", "-am", "Longer", who="ada", date="2026-05-27T10:00:00Z")
    assert "(unverified: the current plan was committed by Ada)" in plan_line(root)  # changed after agreeing


def test_an_agreed_plan_changed_since_its_commit_is_not_verified(tmp_path: Path) -> None:
    root = tmp_path / "repo"
    shutil.copytree(FIXTURES / "minimal", root)
    plan = root / "portfolios/ada/plan.yml"
    plan.write_text(PLAN, encoding="utf-8")
    git(root, "init", "-q", "-b", "main")
    git(root, "add", ".")
    git(root, "commit", "-q", "-m", "Agreed", who="grace")
    assert "(verified: they committed the current plan)" in plan_line(root)
    plan.write_text(PLAN.replace("2026-09-30", "2026-12-31"), encoding="utf-8")  # not committed
    assert "agreed with Grace Manager (unverified: the plan has changes not committed yet):" in plan_line(root)
