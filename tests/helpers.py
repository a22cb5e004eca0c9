"""Small helpers shared by tests."""

from __future__ import annotations

import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

from click.testing import CliRunner, Result

from generator.cli import main


def run_cli(*args: str | Path) -> Result:
    """Invoke the real `handbook` command in-process."""
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


def edit(path: Path, old: str, new: str) -> None:
    """Replace one exact occurrence of `old` in a fixture file."""
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times in {path}"
    path.write_text(text.replace(old, new), encoding="utf-8")


def only(problems: list[dict[str, object]]) -> dict[str, object]:
    assert len(problems) == 1, problems
    return problems[0]


EXAMPLE = Path(__file__).parent.parent


def copy_example(root: Path, *, themes: bool = False) -> Path:
    """A writable copy of the bundled example (content, portfolios, handbook.yml, with `themes` its
    themes/ too) outside git."""
    root.mkdir(parents=True, exist_ok=True)
    for name in ("content", "portfolios", *(("themes",) if themes else ())):
        shutil.copytree(EXAMPLE / name, root / name)
    shutil.copy(EXAMPLE / "handbook.yml", root)
    return root


# What a copy of the checkout leaves out: the environment, history and outputs at its top.
LOCAL_ONLY = {".venv", ".git", "build", "site", ".example", "node_modules", "dist", ".handbook-cache"}


def copy_source(target: Path) -> Path:
    """The checkout as a source tree to build a wheel from (setuptools builds inside the tree)."""
    root = Path(__file__).resolve().parent.parent

    def ignore(folder: str, names: list[str]) -> set[str]:
        top = Path(folder) == root
        return {n for n in names if (top and n in LOCAL_ONLY) or n == "__pycache__" or n.endswith(".egg-info")}

    shutil.copytree(root, target, symlinks=True, ignore=ignore)
    return target


class _Article(HTMLParser):
    """The words of a page's article, without the script and JSON blocks."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.depth, self.skip = 0, False
        self.words: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "article":
            self.depth += 1
        self.skip = tag in ("script", "style")

    def handle_endtag(self, tag: str) -> None:
        if tag == "article":
            self.depth -= 1
        self.skip = False

    def handle_data(self, data: str) -> None:
        if self.depth and not self.skip:
            self.words.append(data)


def article(page: Path) -> str:
    """The text of a built page's article, on one line."""
    parser = _Article()
    parser.feed(page.read_text(encoding="utf-8"))
    return re.sub(r"\s+", " ", " ".join(parser.words).replace("¶", "")).strip()
