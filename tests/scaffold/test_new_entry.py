"""`handbook new entry` through the real command, in temporary git repositories."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from generator.scaffold.entry import EntryDraft, render_entry
from tests.gitrepo import git, handbook, minimal_repo, run_on_terminal
from tests.helpers import run_cli

ENTRIES = "portfolios/ada/entries"


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    return minimal_repo(tmp_path)


def check_clean(root: Path) -> None:
    result = handbook("check", "--root", root, "--strict")
    assert result.returncode == 0, result.stdout + result.stderr


def test_flags_write_a_valid_entry_for_the_git_user(repo: Path) -> None:
    result = handbook("new", "entry", "--title", "Raised coverage again", "--date", "2026-05-02",
                      "--milestone", "engineering/raise-coverage", cwd=repo)
    assert result.returncode == 0, result.stderr
    path = repo / ENTRIES / "2026-05-02-raised-coverage-again.md"
    assert result.stdout.strip() == f"wrote {ENTRIES}/2026-05-02-raised-coverage-again.md"
    text = path.read_text()
    assert text.startswith("---\ntitle: Raised coverage again\ndate: 2026-05-02\nkind: project\n"
                           "milestones: [engineering/raise-coverage]\n")
    assert "# metrics: {coverage_pct: 0}" in text  # the milestone's metric, as a hint to fill in
    check_clean(repo)


def test_bare_milestone_id_takes_the_persons_track(repo: Path) -> None:
    result = run_cli("new", "entry", "--root", repo, "--title", "Pairing", "--date", "2026-05-03",
                     "--kind", "mentoring", "--milestone", "mentor-joiner")
    assert result.exit_code == 0, result.stderr
    assert "milestones: [engineering/mentor-joiner]" in (repo / ENTRIES / "2026-05-03-pairing.md").read_text()


def test_reflection_has_guided_prompts(repo: Path) -> None:
    result = run_cli("new", "entry", "--root", repo, "--kind", "reflection", "--title", "Mid-year look back",
                     "--date", "2026-05-04")
    assert result.exit_code == 0, result.stderr
    text = (repo / ENTRIES / "2026-05-04-mid-year-look-back.md").read_text()
    headings = [line for line in text.splitlines() if line.startswith("## ")]
    assert headings == ["## What worked", "## What did not work, and why", "## What I will do next",
                        "## Which milestone this moves"]
    check_clean(repo)


def test_feedback_entry_carries_from_and_role(repo: Path) -> None:
    result = run_cli("new", "entry", "--root", repo, "--person", "ada", "--kind", "feedback", "--from", "linus",
                     "--role", "peer", "--verdict", "met", "--title", "Feedback: pairing with Sam",
                     "--date", "2026-05-05", "--milestone", "engineering/mentor-joiner")
    assert result.exit_code == 0, result.stderr
    text = (repo / ENTRIES / "2026-05-05-feedback-pairing-with-sam.md").read_text()
    assert 'title: "Feedback: pairing with Sam"\n' in text
    assert "kind: feedback\nfrom: linus\nrole: peer\nverdict: met\n" in text
    check_clean(repo)


def test_feedback_author_defaults_to_the_git_user(tmp_path: Path) -> None:
    repo = minimal_repo(tmp_path, email="grace@example.com")  # grace is in people.yml, without a portfolio
    result = handbook("new", "entry", "--person", "ada", "--kind", "feedback", "--role", "manager",
                      "--title", "Ready for L2", "--date", "2026-05-06", cwd=repo)
    assert result.returncode == 0, result.stderr
    assert "from: grace\nrole: manager\n" in (repo / ENTRIES / "2026-05-06-ready-for-l2.md").read_text()


def test_never_overwrites(repo: Path) -> None:
    args = ["new", "entry", "--root", repo, "--title", "Same", "--date", "2026-05-07"]
    assert run_cli(*args).exit_code == 0
    path = repo / ENTRIES / "2026-05-07-same.md"
    path.write_text(path.read_text() + "My own words.\n")
    again = run_cli(*args)
    assert again.exit_code == 1
    assert again.stderr.startswith(f"error: {ENTRIES}/2026-05-07-same.md already exists; nothing was written")
    assert path.read_text().endswith("My own words.\n")


def test_unknown_milestone_is_a_plain_error(repo: Path) -> None:
    result = handbook("new", "entry", "--title", "X", "--milestone", "engineering/raise-coverag", cwd=repo)
    assert result.returncode == 1
    assert result.stderr.splitlines()[:2] == ["error: unknown milestone 'engineering/raise-coverag'",
                                              "    hint: did you mean 'engineering/raise-coverage'?"]
    assert "Traceback" not in result.stderr
    assert not list((repo / ENTRIES).glob("*-x.md"))


def test_unknown_git_user_needs_person(tmp_path: Path) -> None:
    repo = minimal_repo(tmp_path, email="stranger@example.com")
    result = handbook("new", "entry", "--title", "Something", cwd=repo)
    assert result.returncode == 1
    assert result.stderr.splitlines()[:2] == ["error: missing person (whose portfolio)",
                                              "    hint: pass --person (or run on a terminal to be asked)"]


def test_missing_title_without_terminal_names_the_flag(repo: Path) -> None:
    result = handbook("new", "entry", cwd=repo)
    assert result.returncode == 1
    assert "error: missing title" in result.stderr
    assert "pass --title" in result.stderr


def test_special_characters_in_title_stay_valid_yaml(repo: Path) -> None:
    title = 'Led "the" #1 pilot: 15% faster — café'
    result = run_cli("new", "entry", "--root", repo, "--title", title, "--date", "2026-05-08")
    assert result.exit_code == 0, result.stderr
    path = repo / ENTRIES / "2026-05-08-led-the-1-pilot-15-faster-cafe.md"
    assert path.is_file()
    check_clean(repo)
    from generator.link.load import load_project

    project, _ = load_project(repo)
    entry = next(e for e in project.portfolio("ada").entries if e.file == path)  # type: ignore[union-attr]
    assert entry.meta.title == title


def test_render_entry_is_plain_front_matter() -> None:
    text = render_entry(EntryDraft("ada", "course", "Kubernetes basics", dt.date(2026, 1, 2), []))
    assert text.splitlines()[:6] == ["---", "title: Kubernetes basics", "date: 2026-01-02", "kind: course",
                                     "milestones: []", "---"]


def test_prompts_on_a_terminal_offer_unmet_target_milestones_first(repo: Path) -> None:
    # ada (found from git) targets L2; her coverage entry meets raise-coverage, mentor-joiner is open
    output = run_on_terminal(repo, "\nreflection\nThinking about mentoring\n2026-05-09\n1\n", "new", "entry")
    listed = [line.strip() for line in output.splitlines() if re.match(r"\s+\d+\. ", line)]
    assert listed == ["1. engineering/mentor-joiner (L2) Mentor a new joiner [in progress]",
                      "2. engineering/raise-coverage (L2) Raise test coverage [met]"]
    text = (repo / ENTRIES / "2026-05-09-thinking-about-mentoring.md").read_text()
    assert "kind: reflection\nmilestones: [engineering/mentor-joiner]\n" in text
    assert git(repo, "status", "--porcelain").strip() == f"?? {ENTRIES}/2026-05-09-thinking-about-mentoring.md"


def test_yes_on_a_terminal_asks_nothing(repo: Path) -> None:
    output = run_on_terminal(repo, "", "new", "entry", "--yes", "--title", "Quiet one", "--date", "2026-05-10")
    assert output.splitlines()[0] == f"wrote {ENTRIES}/2026-05-10-quiet-one.md"
    assert "kind: project\nmilestones: []\n" in (repo / ENTRIES / "2026-05-10-quiet-one.md").read_text()



def test_planned_milestones_are_offered_first(minimal: Path) -> None:
    from generator.link.load import load_project
    from generator.scaffold.entry import milestone_options
    from tests.helpers import edit

    edit(minimal / ENTRIES / "2026-03-14-coverage.md", "coverage_pct: 84", "coverage_pct: 50")
    project, _ = load_project(minimal)
    assert [o.ref for o in milestone_options(project, project.portfolio("ada"))] == [
        "engineering/raise-coverage", "engineering/mentor-joiner"]  # fewest missing first
    (minimal / "portfolios/ada/plan.yml").write_text(
        "starts: 2026-05-01\nends: 2026-09-30\n"
        "milestones:\n  - {milestone: engineering/mentor-joiner, due: 2026-07-01}\n")
    project, _ = load_project(minimal)
    options = milestone_options(project, project.portfolio("ada"))
    assert [(o.ref, o.due) for o in options] == [("engineering/mentor-joiner", dt.date(2026, 7, 1)),
                                                 ("engineering/raise-coverage", None)]


def test_prompt_marks_planned_milestones(repo: Path) -> None:
    (repo / "portfolios/ada/plan.yml").write_text(
        "starts: 2026-05-01\nends: 2026-09-30\nmilestones:\n  - milestone: engineering/mentor-joiner\n")
    output = run_on_terminal(repo, "\nreflection\nPlanning ahead\n2026-05-09\n1\n", "new", "entry")
    listed = [line.strip() for line in output.splitlines() if re.match(r"\s+\d+\. ", line)]
    assert listed[0] == "1. engineering/mentor-joiner (L2) Mentor a new joiner [planned, due 2026-09-30, in progress]"


def test_competency_flag_links_a_track_competency(repo: Path) -> None:
    result = run_cli("new", "entry", "--root", repo, "--person", "ada", "--title", "Paired with Sam",
                     "--date", "2026-05-02", "--competency", "mentoring", "--yes")
    assert result.exit_code == 0, result.output
    text = (repo / ENTRIES / "2026-05-02-paired-with-sam.md").read_text()
    assert "milestones: []\ncompetencies: [mentoring]\n---" in text
    check_clean(repo)
    bad = run_cli("new", "entry", "--root", repo, "--person", "ada", "--title", "Other", "--date", "2026-05-03",
                  "--competency", "mentorin", "--yes")
    assert bad.exit_code == 1
    assert "error: 'mentorin' is not a competency of track 'engineering'" in bad.stderr
    assert "did you mean 'mentoring'?" in bad.stderr


def test_prompt_offers_planned_competencies_first(repo: Path) -> None:
    (repo / "portfolios/ada/plan.yml").write_text(
        "starts: 2026-05-01\nends: 2026-09-30\ncompetencies:\n  - {competency: mentoring, due: 2026-07-01}\n")
    output = run_on_terminal(repo, "\nreflection\nPlanning ahead\n2026-05-09\n\n1\n", "new", "entry")
    assert "Competencies it shows (your plan's first):" in output
    listed = [line.strip() for line in output.split("Competencies it shows", 1)[1].splitlines()
              if re.match(r"\s+\d+\. ", line)]
    assert listed == ["1. mentoring Mentoring [planned, due 2026-07-01]", "2. testing Testing"]
    text = (repo / ENTRIES / "2026-05-09-planning-ahead.md").read_text()
    assert "competencies: [mentoring]\n" in text
