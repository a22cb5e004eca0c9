"""The HTML fixes applied after MkDocs."""

from __future__ import annotations

from generator.render.site.markup import tidy_html


def test_material_checkbox_toggles_lose_autocomplete() -> None:
    page = '<input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer" autocomplete="off">'
    assert tidy_html(page) == '<input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer">'


def test_a_heading_inside_summary_loses_its_permalink_and_others_keep_it() -> None:
    card = ('<summary>\n<h3 id="pilot">Lead a pilot<a class="headerlink" href="#pilot" title="Permanent link">'
            '&para;</a></h3>\n</summary>')
    plain = '<h2 id="l1">L1<a class="headerlink" href="#l1" title="Permanent link">&para;</a></h2>'
    assert tidy_html(card) == '<summary>\n<h3 id="pilot">Lead a pilot</h3>\n</summary>'
    assert tidy_html(plain) == plain
