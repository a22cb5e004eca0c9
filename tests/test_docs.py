"""The documentation: a strict MkDocs site whose reference pages are generated from the code."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "docs"))

from gen_reference import commands, commands_page, formats_page  # noqa: E402

from generator.cli import main  # noqa: E402


def test_the_committed_reference_pages_are_current() -> None:
    assert (ROOT / "docs/reference/commands.md").read_text(encoding="utf-8") == commands_page() + "\n", \
        "run `make docs` and commit docs/reference/"
    assert (ROOT / "docs/reference/formats.md").read_text(encoding="utf-8") == formats_page() + "\n"


def test_the_command_reference_lists_every_command_and_option() -> None:
    page = commands_page()
    listed = commands(main)
    assert len(listed) >= 18
    for path, context in listed:
        assert f"## `{path}`" in page
        for option in context.command.params:
            for flag in getattr(option, "opts", []):
                if flag.startswith("--"):
                    assert flag in page, (path, flag)


def test_every_page_is_in_the_nav_and_the_site_builds_strictly(tmp_path: Path) -> None:
    config = yaml.safe_load((ROOT / "docs.mkdocs.yml").read_text(encoding="utf-8"))

    def pages(items: list[object]) -> list[str]:
        found: list[str] = []
        for item in items:
            value = next(iter(item.values())) if isinstance(item, dict) else item
            found += pages(value) if isinstance(value, list) else [str(value)]
        return found

    in_nav = set(pages(config["nav"]))
    on_disk = {p.relative_to(ROOT / "docs").as_posix() for p in (ROOT / "docs").rglob("*.md")}
    assert on_disk == in_nav
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(ROOT / "docs.mkdocs.yml"),
                             "--site-dir", str(tmp_path / "site")], capture_output=True, text=True,
                            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "site/reference/commands/index.html").is_file()


def test_the_readme_starts_with_the_two_commands_and_stays_short() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert len(readme.splitlines()) <= 150
    block = re.search(r"```sh\n(.*?)```", readme, re.S)
    assert block and block.group(1).splitlines()[0].startswith("make build")
    assert block.group(1).splitlines()[1].startswith("make test")
    for link in re.findall(r"\]\((docs/[^)#]+)", readme):
        assert (ROOT / link).is_file(), link
