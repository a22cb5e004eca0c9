"""Control characters never reach a terminal: refused in every value, escaped in every message."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from generator.problems import Position, Problems, printable
from tests.helpers import edit, run_cli

Check = Callable[..., list[dict[str, object]]]
ENTRY = "portfolios/ada/entries/2026-03-14-coverage.md"


@pytest.mark.parametrize(("written", "shown"), [
    ('"Raised \\e[2J coverage"', "U+001B (\\x1b)"),            # a YAML escape that clears the screen
    ('"Raised \\u202ecoverage"', "U+202E (\\u202e)"),          # right-to-left override
    ('"Raised \\x9bcoverage"', "U+009B (\\x9b)"),              # a C1 control sequence introducer
])
def test_a_control_character_in_front_matter_is_located(minimal: Path, check: Check, written: str,
                                                         shown: str) -> None:
    path = minimal / ENTRY
    text = path.read_text(encoding="utf-8")
    title = next(line for line in text.splitlines() if line.startswith("title: "))
    path.write_text(text.replace(title, f"title: {written}"), encoding="utf-8")
    found = [p for p in check(minimal) if p["code"] == "control-character"]
    assert [(p["path"], p["line"], p["column"]) for p in found] == [(ENTRY, 2, 8)]
    assert found[0]["message"] == (f"the value holds the control character {shown}, which could rewrite a "
                                   "terminal or reorder the text a reader sees")


def test_a_control_character_in_people_yml_is_located(minimal: Path, check: Check) -> None:
    edit(minimal / "portfolios/people.yml", "name: Grace Manager", 'name: "Grace \\e]8;;http://x\\e\\\\Manager"')
    found = [p for p in check(minimal) if p["code"] == "control-character"]
    assert [(p["path"], p["line"]) for p in found] == [("portfolios/people.yml", 2)]


def test_text_output_never_carries_an_escape(minimal: Path) -> None:
    edit(minimal / ENTRY, "kind: project", 'kind: "proj\\e[31mect"')
    result = run_cli("check", "--root", minimal)
    assert "\x1b" not in result.output and "\\x1b" in result.output


def test_messages_and_user_errors_are_printable() -> None:
    problems = Problems()
    problems.add("a\x1b[2J.yml", Position(1, 1), "x", "bad \u202evalue\nforged.yml:1:1: error: x", "hint\x07")
    item = problems.items[0]
    assert (item.path, item.message, item.hint) == (
        "a\\x1b[2J.yml", "bad \\u202evalue\\nforged.yml:1:1: error: x", "hint\\x07")
    assert printable("line one\n\tand \x1b[31mtwo") == "line one\n\tand \\x1b[31mtwo"
