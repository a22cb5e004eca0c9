"""Each validation rule, broken once in a copy of the minimal fixture: exact message and place."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import edit, only

TRACK = "content/tracks/engineering.yml"
PROFILE = "portfolios/ada/profile.yml"
ENTRY = "portfolios/ada/entries/2026-03-14-coverage.md"
MENTORING = "portfolios/ada/entries/2026-04-02-mentoring.md"
COMPETENCIES = "content/competencies/core.yml"
FRAMEWORK = "content/framework.yml"

# (file, old text, new text) -> (line, column, severity, code, message, hint)
CASES = {
    "unknown domain": (
        (TRACK, "domain: leadership", "domain: leadrship"),
        (22, 17, "error", "unknown-domain", "unknown domain 'leadrship'", "did you mean 'leadership'?")),
    "unknown competency domain": (
        (COMPETENCIES, "domain: technical", "domain: tech"),
        (4, 13, "error", "unknown-domain", "unknown domain 'tech'", "did you mean 'technical'?")),
    "unknown level in track": (
        (TRACK, "- level: L2", "- level: L7"),
        (7, 12, "error", "unknown-level", "level 'L7' of track 'engineering' is not a level of the framework",
         "expected one of: L1, L2, L3")),
    "unknown competency level": (
        (COMPETENCIES, "      L1:", "      L0:"),
        (7, 7, "error", "unknown-level", "unknown level 'L0' in competency 'testing'",
         "expected one of: L1, L2, L3")),
    "unknown competency": (
        (TRACK, "competencies: [testing]", "competencies: [testng]"),
        (13, 24, "error", "unknown-competency", "unknown competency 'testng'", "did you mean 'testing'?")),
    "unknown track": (
        (PROFILE, "track: engineering", "track: enginering"),
        (3, 8, "error", "unknown-track", "unknown track 'enginering'", "did you mean 'engineering'?")),
    "unknown milestone": (
        (MENTORING, "[engineering/mentor-joiner]", "[engineering/mentor-joner]"),
        (5, 14, "error", "unknown-milestone", "unknown milestone 'engineering/mentor-joner'",
         "did you mean 'engineering/mentor-joiner'?")),
    "unknown person": (
        (PROFILE, "manager: grace", "manager: grase"),
        (7, 10, "error", "unknown-person", "unknown person 'grase'", "did you mean 'grace'?")),
    "duplicate milestone id": (
        (TRACK, "id: mentor-joiner", "id: raise-coverage"),
        (20, 13, "error", "duplicate-id",
         "duplicate milestone id 'raise-coverage' (first defined at content/tracks/engineering.yml:10:13)",
         "give each one its own id")),
    "duplicate level id": (
        (FRAMEWORK, "{id: L3, name: Senior}", "{id: L2, name: Senior}"),
        (11, 10, "error", "duplicate-id",
         "duplicate level id 'L2' (first defined at content/framework.yml:10:10)", "give each one its own id")),
    "target not above level": (
        (PROFILE, "target: L2", "target: L1"),
        (5, 9, "error", "target-not-above", "target level 'L1' is not above the current level 'L1'",
         "set target to a level above L1")),
    "target expression": (
        (TRACK, 'target: ">= 80"', 'target: "at least 80"'),
        (17, 19, "error", "target",
         "target: 'at least 80' is not a target",
         "write an operator (>=, >, <=, <, ==) then a number, like \">= 15\"")),
    "duration": (
        (TRACK, "horizon: 90d", "horizon: 3 months"),
        (18, 18, "error", "duration", "horizon: '3 months' is not a duration",
         "write a number and a unit: 90d, 6w, 3m or 1y")),
    "metric not a number": (
        (ENTRY, "coverage_pct: 84", "coverage_pct: 84%"),
        (6, 25, "error", "number", "coverage_pct: '84%' is not a number", "write digits without quotes or units")),
    "artifact missing": (
        (ENTRY, "attachments/report.txt", "attachments/report.pdf"),
        (7, 13, "error", "artifact-missing", "artifact 'attachments/report.pdf' does not exist",
         "add the file at portfolios/ada/attachments/report.pdf or fix the path "
         "(paths are relative to the person's folder)")),
    "artifact leaves folder": (
        (ENTRY, "attachments/report.txt", "../people.yml"),
        (7, 13, "error", "artifact-outside", "artifact '../people.yml' is outside ada's portfolio folder",
         "link only files under your own portfolio folder, like attachments/<name>")),
    "artifact absolute": (
        (ENTRY, "attachments/report.txt", "/etc/passwd"),
        (7, 13, "error", "artifact-location",
         "artifact '/etc/passwd' must be a file inside the portfolio or an http(s) link",
         "copy the file to portfolios/ada/attachments/ and link it as attachments/<name>")),
    "entry date differs from file name": (
        (MENTORING, "date: 2026-04-02", "date: 2026-04-03"),
        (3, 7, "warning", "entry-name-date", "the file name's date 2026-04-02 differs from date: 2026-04-03",
         "make the file name start with the entry's date")),
    "unknown key with hint": (
        (TRACK, "cadence: weekly", "cadense: weekly"),
        (19, 9, "error", "unknown-key", "unknown key 'cadense'", "did you mean 'cadence'?")),
    "misspelt required key reports only the typo": (
        (TRACK, "title: Raise test coverage", "titel: Raise test coverage"),
        (11, 9, "error", "unknown-key", "unknown key 'titel'", "did you mean 'title'?")),
    "version as number": (
        (FRAMEWORK, 'version: "1.0"', "version: 1.0"),
        (2, 10, "error", "wrong-type", "version: expected text but found a number (1.0)",
         'put the value in quotes, like "2026.2"')),
    "invalid enum": (
        (TRACK, "cadence: weekly", "cadence: weakly"),
        (19, 18, "error", "invalid-value", "cadence: 'weakly' is not allowed here", "did you mean 'weekly'?")),
    "metric without target": (
        (TRACK, '          target: ">= 80"\n', ""),
        (15, 11, "error", "criterion", "criterion: the criterion has a metric but no target",
         "give both or neither")),
    "feedback entry without role": (
        (MENTORING, "kind: mentoring", "kind: feedback\nfrom: grace"),
        (2, 1, "error", "feedback-entry", "a feedback entry needs 'role'",
         "add them to the front matter, like from: grace and role: manager")),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_rule(name: str, minimal: Path, check) -> None:  # type: ignore[no-untyped-def]
    (path, old, new), (line, column, severity, code, message, hint) = CASES[name]
    edit(minimal / path, old, new)
    # Some breaks have consequences elsewhere (a renamed id is unknown where it is used);
    # the problem asserted here is the one in the edited file.
    problem = only([p for p in check(minimal) if p["path"] == path])
    assert problem == {"path": path, "line": line, "column": column, "severity": severity, "code": code,
                       "message": message, "hint": hint}


def test_unmodified_fixture_is_clean(minimal: Path, check) -> None:  # type: ignore[no-untyped-def]
    assert check(minimal) == []


def test_entry_after_as_of_is_a_warning(minimal: Path, check) -> None:  # type: ignore[no-untyped-def]
    old = minimal / MENTORING
    old.write_text(old.read_text().replace("2026-04-02", "2026-07-02"))
    old.rename(old.with_name("2026-07-02-mentoring.md"))
    problem = only(check(minimal))
    assert problem["path"] == "portfolios/ada/entries/2026-07-02-mentoring.md"
    assert (problem["line"], problem["column"], problem["severity"]) == (3, 7, "warning")
    assert problem["message"] == "entry is dated 2026-07-02, after the as-of date 2026-06-01; it does not count yet"


def test_entry_file_name_is_a_warning(minimal: Path, check) -> None:  # type: ignore[no-untyped-def]
    (minimal / MENTORING).rename(minimal / "portfolios/ada/entries/mentoring.md")
    problem = only(check(minimal))
    assert problem["severity"] == "warning" and problem["code"] == "entry-name"
    assert problem["message"] == "entry file name 'mentoring.md' is not YYYY-MM-DD-slug.md"
    assert problem["hint"] == "rename it to 2026-04-02-<short-title>.md"


def test_duplicate_competency_across_files_names_both(minimal: Path, check) -> None:  # type: ignore[no-untyped-def]
    (minimal / "content/competencies/extra.yml").write_text(
        "competencies:\n  - id: testing\n    name: Testing again\n    domain: technical\n")
    problem = only(check(minimal))
    assert problem["path"] == "content/competencies/extra.yml"
    assert (problem["line"], problem["column"]) == (2, 9)
    assert problem["message"] == ("duplicate competency id 'testing' "
                                  "(first defined at content/competencies/core.yml:2:9)")


def test_person_in_people_and_portfolio_is_duplicate(minimal: Path, check) -> None:  # type: ignore[no-untyped-def]
    edit(minimal / "portfolios/people.yml", "  - {id: linus", "  - {id: ada, name: Ada}\n  - {id: linus")
    problem = only(check(minimal))
    assert problem["code"] == "duplicate-id" and problem["path"] == PROFILE
    assert problem["message"] == "duplicate person id 'ada' (also in portfolios/people.yml:3:10)"


def test_unknown_version_pin(minimal: Path, check) -> None:  # type: ignore[no-untyped-def]
    (minimal / PROFILE).write_text((minimal / PROFILE).read_text() + 'framework: "0.9"\n')
    problem = only(check(minimal))
    assert (problem["line"], problem["column"], problem["code"]) == (8, 12, "unknown-version")


def test_broken_track_does_not_cascade(minimal: Path, check) -> None:  # type: ignore[no-untyped-def]
    edit(minimal / TRACK, "cadence: weekly", "cadence: 3")
    problems = check(minimal)
    assert [p["path"] for p in problems] == [TRACK]


def test_every_problem_at_once_sorted(minimal: Path, check) -> None:  # type: ignore[no-untyped-def]
    edit(minimal / PROFILE, "manager: grace", "manager: nobody")
    edit(minimal / TRACK, "domain: leadership", "domain: people")
    edit(minimal / MENTORING, "kind: mentoring", "kind: mentorship")
    problems = check(minimal)
    assert [(p["path"], p["line"]) for p in problems] == [(TRACK, 22), (MENTORING, 4), (PROFILE, 7)]
