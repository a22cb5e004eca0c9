"""`handbook team` and `handbook report` on the example: tables in the terminal, documented JSON keys."""

from __future__ import annotations

import json
from pathlib import Path

from tests.helpers import run_cli

ROOT = Path(__file__).parent.parent


def test_team_json_keys() -> None:
    result = run_cli("team", "david", "--root", ROOT, "--format", "json")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert list(data) == ["manager", "manager_name", "as_of", "people", "teams", "feedback_owed"]
    assert (data["manager"], data["as_of"], data["teams"]) == ("david", "2026-11-01", [])
    assert [p["id"] for p in data["people"]] == ["amara", "tomas"]
    assert list(data["people"][1]) == ["id", "name", "manager", "track", "level", "target", "status", "resolved",
                                       "required", "last_entry", "stale", "overdue", "due", "feedback_owed",
                                       "domains", "coverage", "sealed"]
    assert [d["milestone"] for d in data["people"][1]["due"]["30d"]] == ["engineering/own-a-feature",
                                                                         "engineering/onboarding-buddy"]
    assert [d["milestone"] for d in data["feedback_owed"]] == ["engineering/onboarding-buddy"]


def test_team_table() -> None:
    result = run_cli("team", "helena", "--root", ROOT)
    assert result.exit_code == 0
    assert result.stdout.startswith("Team view: Helena Okafor (helena) · as of 2026-11-01 · 5 people")
    assert all(word in result.stdout for word in ("Teams", "David", "Farah", "Overdue", "Due in the next 30 days"))


def test_team_of_someone_who_manages_no_one() -> None:
    result = run_cli("team", "helen", "--root", ROOT)
    assert result.exit_code == 1
    assert result.stderr == "error: 'helen' manages no one\n    hint: did you mean 'helena'?\n"


def test_report_json_keys() -> None:
    result = run_cli("report", "--root", ROOT, "--format", "json")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert list(data) == ["as_of", "people", "by_track_level", "readiness_over_time", "entries_per_month",
                          "time_to_ready", "milestones_met", "met_with_verified_feedback", "verified_share",
                          "signals", "participation", "recognition"]
    assert data["participation"] == {"30d": {"active": 4, "people": 6, "share": 4 / 6},
                                     "90d": {"active": 6, "people": 6, "share": 1.0}}
    assert data["readiness_over_time"][-1] == {"date": "2026-10-31", "people": 6, "ready": 2, "on_track": 2,
                                               "not_yet": 2}


def test_report_table_and_as_of() -> None:
    result = run_cli("report", "--root", ROOT, "--as-of", "2026-06-30")
    assert result.exit_code == 0
    assert result.stdout.startswith("Programme report · as of 2026-06-30 · 6 people with a portfolio")
    assert "Recalibration signals" in result.stdout
