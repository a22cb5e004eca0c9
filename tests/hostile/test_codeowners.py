"""A learner's profile cannot write rules of its own into CODEOWNERS."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import edit, run_cli

HANDLES = {
    "newline-rule": '"ada\\n* @ada"',
    "space-rule": '"ada /content/ @ada"',
    "comment": '"ada #"',
}


@pytest.mark.parametrize("handle", HANDLES.values(), ids=HANDLES.keys())
def test_a_crafted_handle_is_a_located_warning_and_no_rule(minimal: Path, handle: str) -> None:
    (minimal / "handbook.yml").write_text((minimal / "handbook.yml").read_text() + 'owners: ["@people-ops"]\n')
    edit(minimal / "portfolios/ada/profile.yml", "email: ada@example.com\n",
         f"email: ada@example.com\nhandle: {handle}\n")
    result = run_cli("codeowners", "--root", minimal)
    assert result.exit_code == 0, result.output
    assert "portfolios/ada/profile.yml:3:9: warning: 'ada' has the handle " in result.stderr
    assert "which is not a code-host handle or an email, so CODEOWNERS does not name them" in result.stderr
    rules = [line for line in (minimal / "CODEOWNERS").read_text().splitlines() if line and not line.startswith("#")]
    assert all(line.split(" ", 1)[1] == "@people-ops" or line.startswith("/portfolios/")
               for line in rules), rules
    assert not any("@ada" in line for line in rules)
    assert "/portfolios/ada/ grace@example.com" in rules  # her manager still reviews her folder


def test_a_carriage_return_in_a_handle_is_refused_before_any_rule(minimal: Path) -> None:
    edit(minimal / "portfolios/ada/profile.yml", "email: ada@example.com\n",
         'email: ada@example.com\nhandle: "ada\\r/handbook.yml @ada"\n')
    result = run_cli("codeowners", "--root", minimal)
    assert result.exit_code == 1
    assert ("portfolios/ada/profile.yml:3:9: error: the value holds the control character U+000D (\\r)"
            in result.stderr)
    assert not (minimal / "CODEOWNERS").exists()
