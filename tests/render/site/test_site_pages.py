"""Each kind of generated page says what it should and links where it should, both ways."""

from __future__ import annotations

import re

from tests.render.site.conftest import Generated


def links(markdown: str) -> list[str]:
    return re.findall(r"\]\(([^)\s]+)\)", markdown)


def test_home_has_next_steps_tracks_levels_domains_and_guides(generated: Generated) -> None:
    home = generated.page("index.md")
    assert "Test Framework · version 3.1 · released 2026-05-01" in home
    assert '<a href="handbook.pdf">printable handbook (PDF)</a>' in home
    assert "| [Engineering](tracks/engineering/index.md) | [to L2](tracks/engineering/L1-to-L2.md) |" in home
    for target in ("tracks/design/L2-to-L3.md", "domains/craft/index.md", "domains/business/index.md",
                   "pages/promotion.md", "pages/guides/feedback.md", "matrix/index.md", "glossary.md#cadence"):
        assert target in links(home), target
    assert "| L2 | Mid | Does the job. |" in home
    assert "## How to use this handbook { #how-to-use }" in home


def test_track_page_shows_every_level_and_milestone_with_stable_anchors(generated: Generated) -> None:
    track = generated.page("tracks/engineering/index.md")
    for anchor in ("level-L1", "level-L2", "level-L3"):
        assert f"{{ #{anchor} .hb-level }}" in track
    assert "## L1 · Junior engineer { #level-L1 .hb-level }" in track  # the track's title alone
    section = track[track.index("### Raise test coverage { #raise-coverage }"):]
    section = section[: section.index("### Mentor a new joiner")]
    assert "<p>Find the least-tested module you own and raise its coverage.</p>" in section
    assert ('<dt>Pass criterion</dt>\n<dd markdown="span">Coverage of the module reaches 80%. (target '
            'coverage ≥&nbsp;80&nbsp;%)</dd>') in section  # the metric in words, not its code
    assert "90 days (90d)" in section
    assert 'aria-label="weekly check-ins: about 13 over 90 days"' in section
    assert "</svg> weekly check-ins&#58; about 13 over 90 days</dd>" in section  # explained where shown
    assert "2 linked entries on 2 distinct dates spread over at least 30 days" in section
    assert "from peer" in section
    assert "Quality champion badge" in section and "Fewer production incidents (OKR 2)" in section
    assert "[Testing](../../competencies/testing.md#level-L2)" in section
    assert "[Craft](../../domains/craft/index.md)" in section
    assert "[from L1 to L2](L1-to-L2.md)" in track
    assert '<svg xmlns="http://www.w3.org/2000/svg" class="hb-chart"' in track
    assert "<summary>The chart as a table</summary>" in track


def test_step_page_lists_new_milestones_and_behaviour_changes(generated: Generated) -> None:
    step = generated.page("tracks/engineering/L2-to-L3.md")
    assert step.startswith("# Engineering: from L2 to L3\n")
    assert '<p class="hb-card-title" id="new-cost-review"><a href="../#cost-review">Lead a cost review</a></p>' in step
    assert "Monthly cloud cost drops by at least 10%." in step
    assert "<dt>Target</dt><dd>cost reduction ≥&nbsp;10&nbsp;%</dd>" in step  # the metric in words, not its code
    assert "<dt>Progress checked</dt><dd>every few days</dd>" in step
    assert "cost&#95;reduction" not in step and "<code>" not in step
    testing = step[step.index("[Testing]"):step.index("### People")]
    # changes grouped by kind, each kind named once
    assert testing.count('<p class="hb-change">') == 3
    reworded = testing[testing.index('<p class="hb-change">Reworded</p>'):]
    assert reworded.split("\n\n")[1] == ("- Reviews tests and designs of others "
                                         '<span class="hb-before">(was: Reviews tests of others)</span>')
    assert '<p class="hb-change">New at L3</p>\n\n- Sets the team\'s testing strategy' in testing.replace("&#39;", "'")
    assert '<p class="hb-change">No longer expected</p>\n\n- Adds unit tests for own changes' in testing
    assert "New:" not in step
    mentoring = step[step.index("[Mentoring]"):]
    assert "- Runs a mentoring circle" in mentoring
    assert ('<a href="../../../competencies/mentoring/#level-L3">Plus 1 behaviour from earlier levels</a>'
            in mentoring)
    assert "First expected at L3." in step[step.index("[Cost awareness]"):]


def test_step_page_without_new_milestones_says_so(generated: Generated) -> None:
    assert "L3 adds no milestones on this track." in generated.page("tracks/design/L2-to-L3.md")


def test_competency_page_links_back_to_the_milestones_that_exercise_it(generated: Generated) -> None:
    page = generated.page("competencies/testing.md")
    assert "### L1 · Junior { #level-L1 }" in page and "### L3 · Senior { #level-L3 }" in page
    assert "- Added tests for the date parser" in page
    for anchor in ("first-change", "raise-coverage", "cost-review"):
        assert f"../tracks/engineering/index.md#{anchor}" in links(page)
    assert "[Mentor a new joiner](../tracks/engineering/index.md#mentor-joiner)" in generated.page(
        "competencies/mentoring.md")


def test_domain_page_lists_its_competencies_and_milestones(generated: Generated) -> None:
    page = generated.page("domains/craft/index.md")
    assert "<p>Building things <em>well</em>.</p>" in page
    assert "[Testing](../../competencies/testing.md)" in page
    assert "[Run a user study](../../tracks/design/index.md#run-study)" in page
    assert "No competencies in this domain yet." not in page


def test_matrix_has_a_row_per_competency_and_a_column_per_level(generated: Generated) -> None:
    page = generated.page("matrix/craft.md")
    assert "| Competency | L1 | L2 | L3 | " in page
    row = next(line for line in page.splitlines() if line.startswith("| [Testing]"))
    cells = [c.strip() for c in row.strip().strip("|").split(" | ")]
    assert cells[1] == "• Adds unit tests for own changes<br>• Runs the suite before pushing"
    assert cells[2] == ("• Adds integration tests across services<br>• Reviews tests of others<br>"
                        '<span class="hb-kept">+ earlier</span>')
    assert cells[3] == "• Reviews tests and designs of others<br>• Sets the team's testing strategy"


def test_glossary_defines_every_term_the_pages_link_to(generated: Generated) -> None:
    glossary = generated.page("glossary.md")
    anchors = set(re.findall(r"\{ #([a-z-]+) \}", glossary))
    used = {link.split("#")[1] for text in generated.files.values() for link in links(text) if "glossary.md#" in link}
    assert used and used <= anchors


def test_every_generated_page_is_in_the_navigation(generated: Generated) -> None:
    import yaml

    nav = yaml.safe_load(generated.files["mkdocs.yml"])["nav"]

    def docs(item: object) -> list[str]:
        if isinstance(item, str):
            return [item]
        if isinstance(item, dict):
            return [d for value in item.values() for d in docs(value)]
        return [d for value in item for d in docs(value)]  # type: ignore[union-attr]

    pages = {name[len("docs/"):] for name in generated.files if name.endswith(".md")}
    assert sorted(docs(nav)) == sorted(pages)


def test_mkdocs_config_is_plain_material_without_network(generated: Generated) -> None:
    import yaml

    config = yaml.safe_load(generated.files["mkdocs.yml"])
    assert config["plugins"] == ["search"]
    assert config["theme"]["font"] is False and "navigation.prune" in config["theme"]["features"]
    assert config["extra"]["version"] == {"provider": "mike", "default": "latest"}
    assert config["site_url"] == "https://handbook.example.com/3.1/"
    assert config["copyright"] == "Example Co"
