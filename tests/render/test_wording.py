"""Gaps in words in every table a person reads; the codes stay in JSON."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from click.testing import CliRunner

from generator.assess.portfolio import assess_portfolio
from generator.assess.readiness import Readiness
from generator.cli import main
from generator.link.load import load_project
from generator.model.track import Criterion, metric_words
from generator.render.wording import gap_words, missing_words, readiness_reasons, verdict_words
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


def readiness_of(person: str) -> Readiness:
    project, problems = load_project(PROJECT_ROOT)
    assert not problems.errors
    portfolio = project.portfolio(person)
    assert portfolio is not None
    return assess_portfolio(project, portfolio)


def test_each_missing_code_reads_with_the_milestones_own_numbers() -> None:
    mei = {m.milestone.title: m for m in readiness_of("mei").milestones}
    lead = mei["Lead an initiative across three or more teams"]
    assert [missing_words(lead, code, [dt.date(2026, 5, 4)]) for code in lead.missing] == [
        "2 pieces of evidence: 1 so far", "teams adopted ≥\u00a03: measured 2", "the manager's feedback",
        "evidence on 2 separate days: 1 so far", "evidence spread over 84 days: none so far"]
    strategy = mei["Write the technical strategy for your area"]
    assert missing_words(strategy, "entries") == "1 piece of evidence: none so far"
    assert missing_words(strategy, "criterion") == "a “met” verdict from the manager, the sponsor or a committee member"


def test_the_headline_and_its_reasons_say_why() -> None:
    farah = readiness_of("farah")
    assert verdict_words(farah.status, "Principal engineer (L5)") == "Not yet ready for Principal engineer (L5)"
    assert readiness_reasons(farah, 0.5) == [
        "2 of 4 target milestones met or waived; on track needs 50\u00a0% of them met or waived and none overdue.",
        "Overdue: Roll out an organisation-wide SLO standard.",
        "2 of 13 competencies evidenced: information for the conversation, not required for the status at this level."]
    kenji = readiness_of("kenji")  # assessed on competencies alone
    assert readiness_reasons(kenji, 0.5) == [
        "6 of 10 competencies evidenced; ready needs all of them, on track 50\u00a0%."]
