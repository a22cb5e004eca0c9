"""Golden files: the generated Markdown, mkdocs.yml and print HTML, byte for byte.

After an intended change, rewrite them with `pytest tests/render/site --update-golden`
and review the diff.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator.render.site.pdf import render_print_html
from generator.render.site.project import generate_files
from tests.conftest import FIXTURES, PROJECT_ROOT
from tests.render.site.conftest import load

GOLDEN = Path(__file__).parent / "golden"
ROOTS = {"site-fixture": FIXTURES / "site", "example": PROJECT_ROOT, "families": FIXTURES / "families"}


def generated_text(root: Path) -> dict[str, str]:
    data, files = generate_files(load(root))
    text = {name: content.decode("utf-8") for name, content in files.items()
            if name.endswith(".md") or name == "mkdocs.yml"}
    text["print/handbook.html"] = render_print_html(data)
    return text


def read_golden(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): p.read_text(encoding="utf-8")
            for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.mark.parametrize("name", sorted(ROOTS))
def test_generated_files_match_golden(name: str, update_golden: bool) -> None:
    if name == "example" and not (PROJECT_ROOT / "content" / "framework.yml").is_file():
        pytest.skip("the bundled example is not in this checkout")
    actual = generated_text(ROOTS[name])
    folder = GOLDEN / name
    if update_golden:
        shutil.rmtree(folder, ignore_errors=True)
        for path, text in actual.items():
            (folder / path).parent.mkdir(parents=True, exist_ok=True)
            (folder / path).write_text(text, encoding="utf-8")
    expected = read_golden(folder)
    assert sorted(actual) == sorted(expected), "pages added or removed; run with --update-golden"
    for path in expected:
        assert actual[path] == expected[path], f"{name}/{path} differs; run with --update-golden and review"
