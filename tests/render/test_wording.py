"""Gaps in words in every table a person reads; the codes stay in JSON."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from generator.cli import main
from generator.model.track import Criterion, metric_words
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
    text = " ".join(wide.stdout.split())  # no-break spaces too
    assert "feedback:committee" not in text
    assert ("share of tier-1 services with SLOs ≥ 80 %: measured 62 % (self-reported); "
            "a committee member's feedback") in text
    assert "a “met” verdict from the manager, the sponsor or a committee member; evidence on 4 separate days: " \
           "3 so far" in text
    assert "tier1_slo_coverage_pct" not in text
    assert "still needs" in text
    data = json.loads(run_cli("readiness", "farah", "--root", PROJECT_ROOT, "--format", "json").stdout)
    assert any("feedback:committee" in m["missing"] for m in data["milestones"])


@pytest.mark.parametrize(("name", "words"), [
    ("efficiency_gain_pct", ("efficiency gain", "%")), ("tier1_slo_coverage_pct", ("tier 1 SLO coverage", "%")),
    ("lead_time_days", ("lead time", "days")), ("hires_accepted", ("hires accepted", "")),
    ("pct", ("pct", ""))])
def test_a_metric_name_reads_as_words_and_a_unit(name: str, words: tuple[str, str]) -> None:
    assert metric_words(name) == words


def test_a_criterion_states_its_rule_in_words() -> None:
    derived = Criterion(text="t", metric="efficiency_gain_pct", target=">= 15")
    assert (derived.rule(), derived.amount(19)) == ("efficiency gain ≥\u00a015\u00a0%", "19\u00a0%")
    named = Criterion(text="t", metric="p95_ms", target="< 300", label="checkout latency (p95)", unit="ms")
    assert named.rule() == "checkout latency (p95) <\u00a0300\u00a0ms"
    unitless = Criterion(text="t", metric="coverage_pct", target="== 4", unit="")
    assert unitless.rule() == "coverage =\u00a04"
