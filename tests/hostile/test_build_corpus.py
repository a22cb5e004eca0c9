"""Hostile inputs through real builds: harmless pages, one bad entry failing only its own portfolio."""

from __future__ import annotations

import errno
import re
import shutil
from pathlib import Path

import pytest

from tests.helpers import run_cli
from tests.hostile.corpus import X

MINIMAL = Path(__file__).parent.parent / "fixtures" / "minimal"
MALLORY = "name: Mallory\ntrack: engineering\nlevel: L1\ntarget: L2\nsince: 2026-01-15\nmanager: grace\n"


def entry(body: str, extra: str = "") -> str:
    return f"---\ntitle: Crafted\ndate: 2026-04-10\nkind: project\n{extra}---\n{body}\n"


@pytest.fixture(scope="module")
def portfolios(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, object]:
    """Ada (harmless) and Mallory, whose entries spoof badges, climb out with %2e%2e and nest 200 quotes."""
    root = tmp_path_factory.mktemp("hostile-build") / "repo"
    shutil.copytree(MINIMAL, root)
    mallory = root / "portfolios/mallory"
    (mallory / "entries").mkdir(parents=True)
    (mallory / "profile.yml").write_text(MALLORY)
    (mallory / "entries/2026-04-10-deep.md").write_text(entry("Intro\n\n" + ">" * 200 + " deep"))
    (root / "portfolios/bob/attachments").mkdir(parents=True)
    (root / "portfolios/bob/profile.yml").write_text(MALLORY.replace("Mallory", "Bob"))
    (root / "portfolios/bob/attachments/secret.svg").write_text("<svg xmlns='http://www.w3.org/2000/svg'/>")
    (root / "portfolios/ada/entries/2026-04-11-spoof.md").write_text(entry(
        "READY FOR PROMOTION\n{: .status .status-ready }\n\n<span class=\"provenance verified\">verified</span>\n\n"
        "![x](attachments/%2e%2e/%2e%2e/bob/attachments/secret.svg)\n", "feedback:\n  - {from: linus, role: peer, "
        "text: \"**fine**{: .status-ready }\"}\n"))
    result = run_cli("build", "--root", root, "--no-site", "--no-pdf")
    return root, result


def test_a_bad_entry_fails_only_its_own_portfolio(portfolios) -> None:  # type: ignore[no-untyped-def]
    root, result = portfolios
    assert result.exit_code == 1
    assert ("portfolios/mallory/entries/2026-04-10-deep.md:8:1: error: quotes are nested more than 16 levels "
            "deep") in result.stderr
    out = root / "build/portfolios"
    assert (out / "ada/index.html").is_file() and (out / "bob/index.html").is_file()
    assert not (out / "mallory").exists()
    index = (out / "index.html").read_text()
    assert "not built: an entry could not be rendered" in index
    assert "internal error" not in result.output


def test_entries_cannot_borrow_the_themes_badges(portfolios) -> None:  # type: ignore[no-untyped-def]
    root, _ = portfolios
    html = (root / "build/portfolios/ada/index.html").read_text()
    article = html[html.index('id="entry-2026-04-11-spoof"'):]
    narrative = article[article.index('<div class="narrative">') + 23:article.index("</div>")]
    assert "READY FOR PROMOTION" in narrative
    assert not re.search(r"<[^>]*\b(class|style|id)=", narrative), narrative
    feedback = html[html.index('id="entry-2026-04-11-spoof-feedback-0"'):]
    assert feedback.startswith('id="entry-2026-04-11-spoof-feedback-0">\n  <blockquote><strong>fine</strong>{: '
                               '.status-ready }</blockquote>'), feedback[:200]


def test_percent_encoded_dotdot_loads_no_other_persons_file(portfolios) -> None:  # type: ignore[no-untyped-def]
    root, _ = portfolios
    ada = root / "build/portfolios/ada"
    assert not list(ada.rglob("secret.svg"))
    assert "%2e%2e" not in (ada / "index.html").read_text()


def test_a_full_disk_is_the_users_problem_with_the_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = tmp_path / "repo"
    shutil.copytree(MINIMAL, root)

    def full(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise OSError(errno.ENOSPC, "No space left on device", str(kwargs.get("dir", "?")))

    monkeypatch.setattr("generator.write.atomic.tempfile.mkstemp", full)
    result = run_cli("build", "--root", root, "--no-site", "--no-pdf")
    assert result.exit_code == 1
    assert re.search(r"error: could not write or read /\S+/build/\.portfolios\.\S+\.new/ada: "
                     r"no space left on device", result.stderr), result.stderr
    assert "hint: the disk is full; free some space and build again" in result.stderr
    assert "internal error" not in result.stderr


def test_a_read_only_folder_is_the_users_problem(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = tmp_path / "repo"
    shutil.copytree(MINIMAL, root)

    def read_only(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise OSError(errno.EROFS, "Read-only file system", str(root / "build"))

    monkeypatch.setattr("generator.commands.build.Path.mkdir", read_only)
    result = run_cli("build", "--root", root, "--no-site", "--no-pdf")
    assert result.exit_code == 1
    assert f"error: could not write or read {root}/build: read-only file system" in result.stderr
    assert "internal error" not in result.stderr


def test_unrenderable_content_stops_the_site_with_a_user_error(tmp_path: Path) -> None:
    root = tmp_path / "repo"
    shutil.copytree(MINIMAL, root)
    with open(root / "content/pages/promotion.md", "a", encoding="utf-8") as page:
        page.write("\n" + ">" * 100 + " deep\n")
    result = run_cli("build", "--root", root, "--no-portfolios", "--no-pdf")
    assert result.exit_code == 1
    assert "error: a text in content/ cannot be rendered: quotes are nested more than 16 levels deep" in result.stderr
    assert not (root / "site").exists()


@pytest.mark.parametrize("args", [("--as-of", "0001-01-01"), ("--as-of", "9999-12-31")])
def test_implausible_as_of_is_a_usage_error(args: tuple[str, str]) -> None:
    result = run_cli("readiness", "ada", "--root", MINIMAL, *args)
    assert result.exit_code == 2
    assert f"Invalid value for '--as-of': {args[1]} is not a plausible date" in result.output


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A site whose every name, title and handbook.yml text carries markup, and a free page with a BOM."""
    root = tmp_path_factory.mktemp("hostile-site") / "repo"
    shutil.copytree(MINIMAL, root)

    def edit(rel: str, old: str, new: str) -> None:
        path = root / rel
        path.write_text(path.read_text().replace(old, new, 1))

    edit("handbook.yml", "site_name: Minimal Handbook", f"site_name: 'S {X}'\ncopyright: '<b onmouseover=x>c</b>'")
    edit("content/tracks/engineering.yml", "name: Engineering", f"name: 'T {X}'")
    edit("content/competencies/core.yml", "name: Testing", f"name: 'C {X}'")
    edit("content/framework.yml", "name: Technical proficiency", f"name: 'D {X}'")
    edit("content/pages/promotion.md", "# How promotion works", f"# P {X}")
    (root / "content/pages/bom.md").write_bytes("\ufeff# Notes with a BOM\n\nText.\n".encode())
    result = run_cli("build", "--root", root, "--no-portfolios", "--no-pdf")
    assert result.exit_code == 0, result.output
    return root / "site" / "1.0"


@pytest.mark.parametrize("marker", ["S ", "T ", "C ", "D ", "P "])
def test_no_name_or_title_runs_script_on_the_site(site: Path, marker: str) -> None:
    pages = list(site.rglob("*.html"))
    assert pages
    for page in pages:
        html = page.read_text()
        assert f"{marker}</title><img" not in html, page
        assert "<img src=x" not in html and "<b onmouseover" not in html, page
    assert any(f"{marker}&lt;/title&gt;&lt;img src=x" in p.read_text() for p in pages)


def test_a_bom_does_not_hide_a_free_pages_heading(site: Path) -> None:
    html = (site / "pages/bom/index.html").read_text()
    assert "<title>Notes with a BOM - " in html
    assert "\ufeff" not in html


def test_the_preview_reports_an_unrenderable_entry_as_a_user_error(tmp_path: Path) -> None:
    from generator.commands.serve import generate_project
    from generator.link.load import load_project
    from generator.problems import UserError

    root = tmp_path / "repo"
    shutil.copytree(MINIMAL, root)
    (root / "portfolios/ada/entries/2026-04-10-deep.md").write_text(entry(">" * 50 + " x"))
    project, _ = load_project(root)
    with pytest.raises(UserError) as refused:
        generate_project(project, tmp_path / "preview", "ada")
    assert refused.value.message == ("portfolios/ada/entries/2026-04-10-deep.md:6:1: quotes are nested more than "
                                     "16 levels deep")


def test_pdfs_are_byte_identical_wherever_the_repository_lives(tmp_path: Path) -> None:
    """WeasyPrint names images after their URL: the build path must not reach the PDF."""
    png = bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010802000000907753de0000000c4944415478"
                        "9c63f8cfc000000301010018dd8db00000000049454e44ae426082")
    pdfs = []
    for where in ("a", "somewhere/much/deeper"):
        root = tmp_path / where / "repo"
        shutil.copytree(MINIMAL, root)
        (root / "portfolios/ada/attachments/dot.png").write_bytes(png)
        (root / "portfolios/ada/entries/2026-04-10-picture.md").write_text(
            entry("![A dot](attachments/dot.png)", "artifacts: [attachments/dot.png]\n"))
        result = run_cli("build", "--root", root, "--no-site", "--jobs", "1")
        assert result.exit_code == 0, result.output
        pdfs.append((root / "build/portfolios/ada/ada.pdf").read_bytes())
    assert b"/Image" in pdfs[0]  # the picture is in it
    assert pdfs[0] == pdfs[1]
