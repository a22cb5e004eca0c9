"""Words instead of codes on the site: a metric's target, how often progress is checked, a rewording."""

from __future__ import annotations

from generator.model.track import Criterion
from generator.render.site.words import cadence_words, criterion_rule, field_words, value_words, word_diff


def test_a_metric_target_reads_as_words_with_its_unit() -> None:
    rule = criterion_rule(Criterion(text="Faster.", metric="efficiency_gain_pct", target=">= 15"))
    assert rule == "efficiency gain ≥&nbsp;15&nbsp;%"
    assert criterion_rule(Criterion(text="Two.", metric="design_docs_approved", target="2")) == \
        "design docs approved ≥&nbsp;2"
    soon = criterion_rule(Criterion(text="Soon.", metric="lead_time_days", target="< 3.5"))
    assert soon == "lead time &#60;&nbsp;3.5&nbsp;days"
    assert criterion_rule(Criterion(text="No metric.")) == ""


def test_cadences_read_as_how_often() -> None:
    assert [cadence_words(c) for c in ("micro", "weekly", "quarterly", "once")] == [
        "every few days", "weekly", "quarterly", "once, at the end"]


def test_a_rewording_marks_the_words_taken_out_and_put_in() -> None:
    before, after = word_diff("Writes plans that other teams can commit to",
                              "Writes plans that partner teams commit to in writing")
    assert before == "Writes plans that <del>other</del> teams <del>can</del> commit to"
    assert after == "Writes plans that <ins>partner</ins> teams commit to <ins>in writing</ins>"


def test_marked_words_stay_literal_text() -> None:
    before, after = word_diff("Uses <b>bold</b> [links](x)", "Uses <i>italics</i> [links](x)")
    assert before == "Uses <del>&#60;b&#62;bold&#60;/b&#62;</del> &#91;links&#93;(x)"
    assert after == "Uses <ins>&#60;i&#62;italics&#60;/i&#62;</ins> &#91;links&#93;(x)"


def test_an_added_or_removed_value_is_not_marked() -> None:
    assert word_diff(None, "L2") == ("—", "L2")
    assert word_diff(">= 80", None) == ("&#62;&#61; 80", "—")


def test_a_changed_field_and_its_values_read_as_words() -> None:
    assert (field_words("horizon"), value_words("horizon", "90d"), value_words("horizon", "6m")) == (
        "time allowed", "90 days", "6 months")
    assert (field_words("target"), value_words("target", ">= 80"), value_words("target", "< 2.5")) == (
        "target", "≥ 80", "< 2.5")
    assert value_words("cadence", "micro") == "every few days" and value_words("target", None) is None
    assert field_words("evidence entries") == "pieces of evidence" and field_words("title") == "title"
