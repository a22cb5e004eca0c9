"""`handbook readiness` through the real command on the minimal fixture."""

from __future__ import annotations

import json
from pathlib import Path

from tests.helpers import edit, run_cli


def test_json_has_the_spec_keys(minimal: Path) -> None:
    result = run_cli("readiness", "ada", "--root", minimal, "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert {k: data[k] for k in ("person", "track", "level", "target", "framework", "as_of", "status")} == {
        "person": "ada", "track": "engineering", "level": "L1", "target": "L2", "framework": "1.0",
        "as_of": "2026-06-01", "status": "on_track"}
    assert data["domains"] == {"technical": {"met": 1, "required": 1}, "leadership": {"met": 0, "required": 1}}
    assert [(m["id"], m["status"], m["missing"], m["entries"]) for m in data["milestones"]] == [
        ("engineering/raise-coverage", "met", [], ["2026-03-14-coverage"]),
        ("engineering/mentor-joiner", "in_progress", ["criterion", "feedback:peer"], ["2026-04-02-mentoring"]),
    ]


def test_as_of_option_overrides_config(minimal: Path) -> None:
    result = run_cli("readiness", "ada", "--root", minimal, "--format", "json", "--as-of", "2026-08-01")
    data = json.loads(result.stdout)
    assert data["as_of"] == "2026-08-01"
    assert data["milestones"][1]["status"] == "overdue"
    assert data["status"] == "not_yet"


def test_source_date_epoch_is_used_without_option(minimal: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1780000000")  # 2026-05-28
    data = json.loads(run_cli("readiness", "ada", "--root", minimal, "--format", "json").stdout)
    assert data["as_of"] == "2026-05-28"


def test_text_lists_missing_and_next_steps(minimal: Path) -> None:
    result = run_cli("readiness", "ada", "--root", minimal)
    assert result.exit_code == 0
    assert "Status: ON TRACK" in result.stdout
    assert "ask a peer for feedback on it" in result.stdout


def test_unknown_person_suggests_the_closest(minimal: Path) -> None:
    result = run_cli("readiness", "adda", "--root", minimal)
    assert result.exit_code == 1
    assert "error: no portfolio for 'adda' under portfolios/" in result.stderr
    assert "did you mean 'ada'?" in result.stderr


def test_invalid_content_stops_with_located_errors(minimal: Path) -> None:
    edit(minimal / "portfolios/ada/profile.yml", "manager: grace", "manager: grase")
    result = run_cli("readiness", "ada", "--root", minimal)
    assert result.exit_code == 1
    assert "portfolios/ada/profile.yml:7:10: error: unknown person 'grase'" in result.stderr


def test_text_shows_competency_rows_and_what_to_link(tmp_path: Path) -> None:
    from tests.conftest import PROJECT_ROOT

    result = run_cli("readiness", "kenji", "--root", PROJECT_ROOT)
    assert result.exit_code == 0, result.output
    out = " ".join(result.stdout.split())
    assert "Status: ON TRACK (6 of 10 competencies evidenced, 100% needed)" in out
    assert "milestones met or waived" not in out
    assert ("ask someone who may confirm them (your manager, mentor or sponsor, a committee member or a peer) for "
            "feedback that links these competencies; your own entries claim them: cross-team-collaboration, "
            "customer-focus, system-design, security-and-privacy") in out
