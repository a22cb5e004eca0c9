"""Gaps in words in every table a person reads; the codes stay in JSON."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from generator.cli import main
from generator.render.wording import gap_words
from tests.conftest import PROJECT_ROOT
from tests.helpers import run_cli


@pytest.mark.parametrize(("code", "words"), [
    ("entries", "more evidence"), ("criterion", "the pass criterion"), ("feedback:peer", "a peer's feedback"),
    ("feedback:committee", "a committee member's feedback"), ("occurrences", "more occasions"),
    ("spread", "evidence spread over time")])
def test_each_gap_code_has_words(code: str, words: str) -> None:
    assert gap_words(code) == words


def test_readiness_text_shows_words_and_json_keeps_codes() -> None:
    wide = CliRunner().invoke(main, ["readiness", "farah", "--root", str(PROJECT_ROOT)], env={"COLUMNS": "250"})
    text = " ".join(wide.stdout.split())
    assert "feedback:committee" not in text
    assert "the pass criterion, a committee member's feedback" in text
    assert "still needs" in text
    data = json.loads(run_cli("readiness", "farah", "--root", PROJECT_ROOT, "--format", "json").stdout)
    assert any("feedback:committee" in m["missing"] for m in data["milestones"])
