"""`handbook new entry` on a terminal asks again after a wrong answer instead of stopping."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from click.testing import CliRunner

from generator.link.load import load_project
from generator.scaffold.entry import EntryRequest, draft_entry
from generator.scaffold.prompt import Prompter


def test_wrong_answers_are_said_and_asked_again(minimal: Path) -> None:
    project, _ = load_project(minimal)
    request = EntryRequest(None, "feedback", "Pairing feedback", dt.date(2026, 5, 1), [], None, "peer", None, [])
    answers = "\n".join(["adda", "ada",          # person: a typo, then the right id
                         "linis", "linus",       # giver
                         "maybe", "met",         # verdict
                         "nope/none", "1"]) + "\n"  # milestones: unknown, then the first listed
    with CliRunner().isolation(input=answers) as streams:
        draft = draft_entry(project, request, Prompter(interactive=True))
        said = streams[-1].getvalue().decode() + streams[0].getvalue().decode()
    assert (draft.person, draft.giver, draft.verdict) == ("ada", "linus", "met")
    assert len(draft.milestones) == 1
    assert "no portfolio for 'adda' under portfolios/" in said
    assert "unknown person 'linis'" in said
    assert "'maybe' is not a verdict" in said
    assert "unknown milestone 'nope/none'" in said
