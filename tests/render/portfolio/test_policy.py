"""The private pages' Content-Security-Policy: first in every page's head, whatever the theme wrote."""

from __future__ import annotations

from generator.render.portfolio.policy import INDEX_POLICY, PAGE_POLICY, enforce_policy, policy_meta

PAGE = policy_meta(PAGE_POLICY)


def test_a_page_that_has_the_policy_first_is_unchanged() -> None:
    page = f'<!DOCTYPE html><html><head><meta charset="utf-8">{PAGE}<link rel="stylesheet" href="a.css"></head>'
    assert enforce_policy(page) == page


def test_a_theme_without_the_policy_gets_it_first_in_the_head() -> None:
    page = '<!DOCTYPE html><html><head><title>x</title><link rel="stylesheet" href="a.css"></head><body></body>'
    assert enforce_policy(page) == ('<!DOCTYPE html><html><head>' + PAGE +
                                    '<title>x</title><link rel="stylesheet" href="a.css"></head><body></body>')


def test_a_looser_policy_or_a_script_before_it_does_not_count() -> None:
    loose = "<html><head><meta http-equiv=\"Content-Security-Policy\" content=\"default-src *\"></head></html>"
    assert enforce_policy(loose) == f"<html><head>{PAGE}" + loose.removeprefix("<html><head>")
    early = f"<html><head><script>alert(1)</script>{PAGE}</head></html>"
    assert enforce_policy(early).startswith(f"<html><head>{PAGE}<script>")


def test_a_script_before_the_head_gets_the_policy_before_it() -> None:
    page = "<script>alert(1)</script><html><head></head></html>"
    assert enforce_policy(page) == PAGE + page


def test_only_the_committee_index_may_run_its_own_script() -> None:
    assert "script-src 'self'" in INDEX_POLICY and "script" not in PAGE_POLICY
    assert enforce_policy("<head></head>", scripts=True) == f"<head>{policy_meta(INDEX_POLICY)}</head>"
