"""Provenance cost: verifying every portfolio's feedback from git, against reading the history once.

    python bench/provenance.py [--people 100]

Builds the example's people (cloned to `--people`) into a git repository with one commit, then
times `verify_portfolio` for everyone (one `git blame` per file holding feedback or a waiver,
eight at a time) next to the floor measured in the same run: the one `git log` of the whole
repository that provenance display already needs. Prints both and their ratio.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from synthetic import write_example_people  # noqa: E402

from generator.link.load import load_project  # noqa: E402
from generator.link.provenance import verify_portfolio  # noqa: E402
from generator.read.git_history import read_git_history  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--people", type=int, default=100)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = write_example_people(Path(tmp) / "repo", args.people)
        for command in (["init", "-q", "-b", "main"], ["add", "-A"],
                        ["-c", "user.name=Bench", "-c", "user.email=bench@example.com", "-c", "commit.gpgsign=false",
                         "commit", "-qm", "Portfolios"]):
            subprocess.run(["git", "-C", str(root), *command], check=True)
        project, _ = load_project(root)
        started = time.perf_counter()
        read_git_history(root)
        floor = time.perf_counter() - started
        started = time.perf_counter()
        for portfolio in project.portfolios:
            verify_portfolio(project, portfolio)
        verify = time.perf_counter() - started
        files = sum(1 for p in project.portfolios for e in p.entries if e.meta.kind == "feedback" or e.meta.feedback)
        print(f"{len(project.portfolios)} people, {files} entries with feedback")
        print(f"floor: one git log of the repository   {floor * 1000:8.1f} ms")
        print(f"verify every portfolio (git blame)     {verify * 1000:8.1f} ms "
              f"({verify / len(project.portfolios) * 1000:.1f} ms a person, {verify / floor:.1f}x the floor)")


if __name__ == "__main__":
    main()
