"""Small helpers shared by tests."""

from __future__ import annotations

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


def copy_example(root: Path) -> Path:
    """A writable copy of the bundled example (content, portfolios, handbook.yml) outside git."""
    import shutil

    root.mkdir(parents=True, exist_ok=True)
    for name in ("content", "portfolios"):
        shutil.copytree(EXAMPLE / name, root / name)
    shutil.copy(EXAMPLE / "handbook.yml", root)
    return root
