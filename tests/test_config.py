"""handbook.yml: the portfolio settings are checked like every other key, with their line."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

Check = Callable[..., list[dict[str, object]]]


def configure(root: Path, value: str) -> None:
    (root / "handbook.yml").write_text(
        f"site_name: Minimal Handbook\nas_of: 2026-06-01\nportfolio:\n  pdf_summary_after: {value}\n", encoding="utf-8")


def lines(problems: list[dict[str, object]]) -> list[str]:
    return [f"{p['path']}:{p['line']}:{p['column']}: {p['severity']}: {p['message']}; {p['hint']}" for p in problems]


@pytest.mark.parametrize(("value", "expected"), [
    ("-1", "handbook.yml:4:22: error: pdf_summary_after: -1 is not a number of entries; "
           "write 0 or more, like 200 (0 summarises every PDF)"),
    ("many", "handbook.yml:4:22: error: pdf_summary_after: expected a whole number but found 'many'; "
             "write digits without quotes or units"),
    ("true", "handbook.yml:4:22: error: pdf_summary_after: expected a whole number but found True; "
             "write digits without quotes or units"),
])
def test_pdf_summary_threshold_is_a_number_of_entries(minimal: Path, check: Check, value: str,
                                                       expected: str) -> None:
    configure(minimal, value)
    assert lines(check(minimal)) == [expected]


def test_a_misspelt_portfolio_setting_is_named(minimal: Path, check: Check) -> None:
    (minimal / "handbook.yml").write_text("portfolio:\n  pdf_sumary_after: 3\n", encoding="utf-8")
    assert lines(check(minimal)) == ["handbook.yml:2:3: error: unknown key 'pdf_sumary_after'; "
                                     "did you mean 'pdf_summary_after'?"]


def test_zero_and_large_thresholds_are_valid(minimal: Path, check: Check) -> None:
    for value in ("0", "100000"):
        configure(minimal, value)
        assert check(minimal) == []
