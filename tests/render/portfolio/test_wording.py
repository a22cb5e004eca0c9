"""Readiness gaps, counts and provenance in the words a committee reads."""

from __future__ import annotations

import datetime as dt

from generator.read.git_history import Commit
from generator.render.portfolio.wording import artifact_caption, provenance_sentence
from generator.render.wording import evidence_count

COMMIT = Commit(short="abc1234", author="Grace Hopper", email="grace@example.com", date=dt.date(2026, 5, 2))


def test_counts_never_read_more_of_fewer() -> None:
    assert evidence_count(1, 2) == "1 of the 2 pieces of evidence required"
    assert evidence_count(3, 2) == "3 pieces of evidence (2 required)"
    assert evidence_count(1, 1) == "1 piece of evidence (1 required)"


def test_provenance_says_who_when_which_commit_and_how_sure() -> None:
    assert provenance_sentence(True, COMMIT, True) == "added by Grace Hopper on 2026-05-02, commit abc1234 (verified)"
    assert provenance_sentence(True, COMMIT, False) == (
        "added by Grace Hopper on 2026-05-02, commit abc1234 (unverified)")
    assert provenance_sentence(True, COMMIT, None) == (
        "added by Grace Hopper on 2026-05-02, commit abc1234 (self-declared)")
    assert provenance_sentence(True, None, None) == "not committed yet (self-declared)"
    assert provenance_sentence(False, None, None) == "provenance unavailable (not in a git repository)"


def test_attachment_captions_are_words_not_paths() -> None:
    assert artifact_caption("attachments/slo-coverage-by-quarter.png") == "Slo coverage by quarter"
    assert artifact_caption("https://example.com/x") == "https://example.com/x"
