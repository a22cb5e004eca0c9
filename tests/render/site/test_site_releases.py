"""Every tagged release built into the site: layout, versions.json, `latest`, changelog, selector."""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.helpers import run_cli
from tests.render.site.browser import Watched, serve
from tests.render.site.crawl import broken_links
from tests.versioned_repo import git, make_versioned_repo

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def released(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The three-release repository built with --all-versions (no PDFs, no portfolios)."""
    repo = make_versioned_repo(tmp_path_factory.mktemp("releases") / "handbook")
    result = run_cli("build", "--root", repo, "--all-versions", "--no-portfolios", "--no-pdf")
    assert result.exit_code == 0, result.output
    return repo


def article(page: Path) -> str:
    """The visible text of a page's article, whitespace collapsed."""
    text = page.read_text()
    body = re.sub(r"<[^>]+>", " ", text[text.index("<article"):text.index("</article>")])
    return " ".join(html.unescape(body).replace("¶", "").split())


def test_every_release_has_its_folder_and_versions_json(released: Path) -> None:
    site = released / "site"
    assert sorted(p.name for p in site.iterdir()) == ["1.0", "1.1", "2.0", "index.html", "latest", "versions.json"]
    assert json.loads((site / "versions.json").read_text()) == [
        {"version": "2.0", "title": "2.0", "aliases": ["latest"]},
        {"version": "1.1", "title": "1.1", "aliases": []},
        {"version": "1.0", "title": "1.0", "aliases": []}]
    assert 'url=2.0/"' in (site / "index.html").read_text()
    assert git(released, "status", "--porcelain") == ""  # tags were read without a checkout


def test_each_release_is_built_from_its_own_content(released: Path) -> None:
    site = released / "site"
    assert "Run a team retrospective" in (site / "1.1/tracks/engineering/index.html").read_text()
    assert "Run a team retrospective" not in (site / "2.0/tracks/engineering/index.html").read_text()
    assert "coverage ≥\u00a085\u00a0%" in html.unescape((site / "1.1/tracks/engineering/index.html").read_text())


def test_latest_alias_redirects_every_page(released: Path) -> None:
    latest = released / "site/latest"
    page = (latest / "tracks/engineering/index.html").read_text()
    assert 'url=../../../2.0/tracks/engineering/"' in page
    pages = {p.relative_to(latest) for p in latest.rglob("*.html")}
    assert pages == {p.relative_to(released / "site/2.0") for p in (released / "site/2.0").rglob("*.html")}


def test_changelog_of_each_version(released: Path) -> None:
    site = released / "site"
    assert "first published version" in article(site / "1.0/changes/index.html")
    v11 = article(site / "1.1/changes/index.html")
    assert "Version 1.1 against the previous version 1.0 : 3 changes" in v11
    # in words: the milestone's track instead of its id, a target's operator as its sign
    assert "changed Raise test coverage (Engineering) target ≥ 80 ≥ 85" in v11
    assert "added Run a team retrospective (Engineering) level — L2" in v11
    assert "added Mentoring at L2 behaviour — Writes onboarding notes" in v11
    assert "engineering/" not in v11 and "mentoring@" not in v11
    v20 = article(site / "2.0/changes/index.html")
    assert "removed Run a team retrospective (Engineering) level L2 —" in v20


def test_a_changed_value_is_marked_word_by_word(released: Path) -> None:
    page = (released / "site/1.1/changes/index.html").read_text()
    assert "<td>≥ <del>80</del></td>\n<td>≥ <ins>85</ins></td>" in page
    assert "<td>—</td>\n<td>L2</td>" in page  # an added value is not marked: all of it is new


def test_changed_items_link_to_where_they_stand(released: Path) -> None:
    html = (released / "site/1.1/changes/index.html").read_text()
    assert 'href="../tracks/engineering/#run-retro"' in html
    assert broken_links(released / "site") == []


def test_outdated_banner_is_in_every_version(released: Path) -> None:
    for version in ("1.0", "2.0"):
        assert "Read the latest version." in (released / f"site/{version}/index.html").read_text()


def test_building_the_working_tree_keeps_the_other_versions(released: Path) -> None:
    result = run_cli("build", "--root", released, "--no-portfolios", "--no-pdf")
    assert result.exit_code == 0
    assert [v["version"] for v in json.loads((released / "site/versions.json").read_text())] == ["2.0", "1.1", "1.0"]


def test_a_tag_with_invalid_content_stops_and_keeps_the_site(tmp_path: Path) -> None:
    repo = make_versioned_repo(tmp_path / "handbook")
    assert run_cli("build", "--root", repo, "--no-portfolios", "--no-pdf").exit_code == 0
    before = (repo / "site/versions.json").read_text()
    framework = repo / "content/framework.yml"
    framework.write_text(framework.read_text().replace('version: "2.0"', 'version: "1.5"\nbogus: 1'))
    git(repo, "commit", "-qam", "broken release")
    git(repo, "tag", "v1.5")
    framework.write_text(framework.read_text().replace('version: "1.5"\nbogus: 1', 'version: "2.0"'))
    result = run_cli("build", "--root", repo, "--all-versions", "--no-portfolios", "--no-pdf")
    assert result.exit_code == 1
    assert "v1.5:content/framework.yml:3:1: error: unknown key 'bogus'" in result.stderr
    assert "Traceback" not in result.stderr
    assert (repo / "site/versions.json").read_text() == before


def test_two_tags_declaring_one_version_are_an_error(tmp_path: Path) -> None:
    repo = make_versioned_repo(tmp_path / "handbook")
    git(repo, "tag", "v1.1-rc", "v1.1")
    result = run_cli("build", "--root", repo, "--all-versions", "--no-portfolios", "--no-pdf")
    assert result.exit_code == 1
    assert "error: tags 'v1.1' and 'v1.1-rc' both declare framework version '1.1'" in result.stderr \
        or "error: tags 'v1.1-rc' and 'v1.1' both declare framework version '1.1'" in result.stderr


@pytest.fixture(scope="module")
def released_url(released: Path) -> Iterator[str]:
    yield from serve(released / "site")


@pytest.mark.browser
@pytest.mark.usefixtures("browser")
def test_selector_switches_version_on_the_same_page(browser, released_url: str) -> None:  # type: ignore[no-untyped-def]
    watched = Watched(browser)
    page = watched.page
    page.goto(released_url + "/2.0/tracks/engineering/")
    assert page.locator(".md-version__current").inner_text() == "2.0"
    assert page.locator("[data-md-component=outdated]").is_hidden()
    page.locator(".md-version__current").focus()  # the list opens on focus or hover
    page.locator(".md-version__link", has_text="1.1").click(force=True)
    page.wait_for_url(re.compile(r"/1\.1/tracks/engineering/$"))
    assert page.locator(".md-version__current").inner_text() == "1.1"
    assert page.get_by_role("heading", name="Run a team retrospective").count() == 1
    page.locator("[data-md-component=outdated]").wait_for(state="visible")
    assert "not the latest" in page.locator("[data-md-component=outdated]").inner_text()
    assert watched.problems == []


def test_an_unchanged_site_does_not_export_the_previous_release(tmp_path: Path,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    import generator.link.versions as versions

    repo = make_versioned_repo(tmp_path / "handbook")
    assert run_cli("build", "--root", repo, "--no-portfolios", "--no-pdf").exit_code == 0
    exported: list[str] = []
    original = versions.export_release

    def counting(root, tag, dest):  # type: ignore[no-untyped-def]
        exported.append(tag)
        return original(root, tag, dest)

    monkeypatch.setattr(versions, "export_release", counting)
    result = run_cli("build", "--root", repo, "--no-portfolios", "--no-pdf", "--verbose")
    assert "skipped site/2.0: unchanged" in result.stderr
    assert exported == []  # "What changed" is compared only when the site is built
    git(repo, "tag", "-d", "v1.1")  # the previous release is now 1.0: the comparison changed
    result = run_cli("build", "--root", repo, "--no-portfolios", "--no-pdf", "--verbose")
    assert "skipped site/2.0: unchanged" not in result.stderr and exported
    assert "1.0" in (repo / "site/2.0/changes/index.html").read_text()
