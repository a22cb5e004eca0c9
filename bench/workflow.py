"""Commit-time speed: `handbook check --staged` and `handbook new entry` against loading the repository.

    python bench/workflow.py [--people 200] [--repeat 5]

Both commands must load and cross-check the whole repository, so the floor is
`load_project` measured in the same run; the figures show what the git query and the
filtering (check --staged) or the readiness assessment and writing (new entry) add on top.
Runs on the bundled example and on a synthetic set (its portfolios cloned under new ids),
each in a temporary git repository with one staged entry. Goal: each command within
1.25x of the floor.
"""

from __future__ import annotations

import argparse
import gc
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from click.testing import CliRunner  # noqa: E402
from synthetic import write_example_people  # noqa: E402

from generator.cli import main  # noqa: E402
from generator.link.load import load_project  # noqa: E402


def make_repo(target: Path, people: int) -> Path:
    write_example_people(target, people)
    for args in (["init", "-q"], ["config", "user.email", "amara.nwosu@kittiwake.example"],
                 ["config", "user.name", "Bench"], ["add", "-A"], ["commit", "-qm", "bench"]):
        subprocess.run(["git", "-C", str(target), *args], check=True, capture_output=True)
    entry = next((target / "portfolios/amara/entries").glob("*.md"))
    entry.write_text(entry.read_text() + "\nOne more line.\n")
    subprocess.run(["git", "-C", str(target), "add", str(entry)], check=True)
    return target


def best_of(repeat: int, action: Callable[[], object]) -> float:
    times = []
    for _ in range(repeat):
        gc.collect()  # each timing starts with the previous runs' garbage gone
        started = time.perf_counter()
        action()
        times.append(time.perf_counter() - started)
    return min(times)


def cli(*args: str) -> None:
    result = CliRunner().invoke(main, list(args))
    if result.exit_code not in (0, 1):
        raise SystemExit(result.output)


def bench(label: str, root: Path, repeat: int) -> None:
    project, _ = load_project(root)
    files = project.files_read
    floor = best_of(repeat, lambda: load_project(root))
    full = best_of(repeat, lambda: cli("check", "--root", str(root), "--quiet"))
    staged = best_of(repeat, lambda: cli("check", "--root", str(root), "--staged", "--quiet"))
    counter = iter(range(10**6))

    def new_entry() -> None:
        cli("new", "entry", "--root", str(root), "--person", "amara", "--title", f"bench {next(counter)}",
            "--date", "2026-10-01", "--milestone", "engineering/author-design-docs")

    entry = best_of(repeat, new_entry)
    print(f"{label}: {len(project.portfolios)} people, {files} files")
    print(f"  floor (load_project)   {floor * 1000:8.1f} ms")
    for name, value in (("check", full), ("check --staged", staged), ("new entry", entry)):
        print(f"  {name:<22} {value * 1000:8.1f} ms  {value / floor:5.2f}x floor")


def run() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=200)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-workflow-") as tmp:
        bench("example", make_repo(Path(tmp) / "example", 0), args.repeat)
        bench("synthetic", make_repo(Path(tmp) / "synthetic", args.people), args.repeat)


if __name__ == "__main__":
    run()
