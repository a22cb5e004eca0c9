"""Provenance from git: who added each entry, and whether feedback was committed by its giver."""

from __future__ import annotations

import datetime as dt
import subprocess
from pathlib import Path

import pytest

from generator.link.load import load_project
from generator.read.git_history import Commit, parse_log, read_git_history
from generator.render.portfolio.context import build_context
from tests.render.portfolio.conftest import Built, make_rich


@pytest.fixture(scope="module")
def context(rich: Built):  # type: ignore[no-untyped-def]
    project = rich.project
    return build_context(project, project.portfolio("ada"), read_git_history(project.root))  # type: ignore[arg-type]


def test_entries_carry_their_first_commit(context) -> None:  # type: ignore[no-untyped-def]
    commits = {e.id: e.commit for e in context.entries}
    assert commits["2026-04-20-peer"] is not None
    assert (commits["2026-04-20-peer"].author, commits["2026-04-20-peer"].email,
            commits["2026-04-20-peer"].date) == ("Linus", "linus@example.com", dt.date(2026, 5, 22))
    assert commits["2026-03-14-coverage"].email == "ada@example.com"  # type: ignore[union-attr]
    assert len(commits["2026-03-14-coverage"].short) >= 7  # type: ignore[union-attr]


def test_feedback_committed_by_its_giver_is_verified(context) -> None:  # type: ignore[no-untyped-def]
    verified = {(f.giver, f.entry_id): f.verified for f in context.all_feedback}
    assert verified == {("linus", "2026-04-20-peer"): True, ("grace", "2026-05-02-review"): False,
                        ("grace", "2026-05-24-verdict"): True}


def test_an_uncommitted_entry_is_unverified(rich: Built, tmp_path: Path) -> None:
    root = make_rich(tmp_path / "repo", with_git=True)
    (root / "portfolios/ada/entries/2026-05-30-late.md").write_text(
        "---\ntitle: t\ndate: 2026-05-30\nkind: feedback\nfrom: grace\nrole: manager\n---\nLate.\n")
    project, _ = load_project(root)
    context = build_context(project, project.portfolio("ada"), read_git_history(root))  # type: ignore[arg-type]
    late = next(e for e in context.entries if e.id == "2026-05-30-late")
    assert late.commit is None and late.verified is False


def test_later_edits_keep_the_adding_commit(tmp_path: Path) -> None:
    from tests.render.portfolio.conftest import git

    root = make_rich(tmp_path / "repo", with_git=True)
    entry = root / "portfolios/ada/entries/2026-04-20-peer.md"
    entry.write_text(entry.read_text() + "\nEdited.\n")
    git(root, "commit", "-qam", "Edit", who="ada", date="2026-05-23T09:00:00Z")
    history = read_git_history(root)
    assert history is not None and history[entry.resolve()].email == "linus@example.com"


def test_without_git_history_is_none(tmp_path: Path) -> None:
    assert read_git_history(tmp_path) is None


def test_one_git_call_per_repository(rich: Built, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    calls = []
    real = subprocess.run

    def counting(*args, **kwargs):  # type: ignore[no-untyped-def]
        calls.append(args[0])
        return real(*args, **kwargs)

    monkeypatch.setattr(subprocess, "run", counting)
    history = read_git_history(rich.project.root)
    assert history is not None and len(history) >= 7
    assert len(calls) == 1


def test_parse_log_keeps_the_newest_addition(tmp_path: Path) -> None:
    output = ("\x1eaaa1111\x1fAda\x1fada@example.com\x1f2026-05-02\n\nportfolios/ada/entries/x.md\n"
              "\x1ebbb2222\x1fGrace\x1fgrace@example.com\x1f2026-04-01\n\nportfolios/ada/entries/x.md\n"
              "portfolios/ada/profile.yml\n")
    added = parse_log(output, tmp_path)
    assert added == {
        tmp_path / "portfolios/ada/entries/x.md": Commit("aaa1111", "Ada", "ada@example.com", dt.date(2026, 5, 2)),
        tmp_path / "portfolios/ada/profile.yml": Commit("bbb2222", "Grace", "grace@example.com", dt.date(2026, 4, 1)),
    }
