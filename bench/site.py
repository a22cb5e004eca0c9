"""Benchmark: `handbook build --no-portfolios` against a plain `mkdocs build` of the same docs.

For the bundled example and a synthetic framework (10 tracks × 7 levels × 8 milestones,
60 competencies), measured in the same run:

  plain    `mkdocs build` of the MkDocs project handbook generates (the floor)
  site     `handbook build --no-portfolios --no-pdf` from scratch
  full     `handbook build --no-portfolios` from scratch (site + handbook PDF)
  rebuild  `handbook build --no-portfolios` again with nothing changed

Goals: site and full within 1.3× of plain; rebuild under 1 s. Every command runs as a
fresh process; the best of --repeat runs counts (the machine may be shared).

    .venv/bin/python bench/site.py [--repeat 2] [--only example|synthetic]
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
BIN = Path(sys.executable).parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT))

from synthetic import write_synthetic  # noqa: E402

from generator.link.project import load_project  # noqa: E402
from generator.render.site import generate_mkdocs_project  # noqa: E402

ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}


def run(*args: str | Path) -> float:
    started = time.perf_counter()
    subprocess.run([str(a) for a in args], check=True, env=ENV, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL)
    return time.perf_counter() - started


def prepare_example(dest: Path) -> Path:
    root = dest / "example"
    shutil.copytree(ROOT / "content", root / "content")
    shutil.copy(ROOT / "handbook.yml", root / "handbook.yml")
    return root


def measure(name: str, root: Path, repeat: int) -> dict[str, object]:
    project, problems = load_project(root, portfolios=False)
    assert not problems.errors, problems.errors
    plain_src = root.parent / f"{name}-plain"
    config = generate_mkdocs_project(project, plain_src, pdf=True)
    pages = len(list((plain_src / "docs").rglob("*.md")))
    handbook = [BIN / "handbook", "build", "--no-portfolios", "--root", root]
    times: dict[str, list[float]] = {"plain": [], "site": [], "full": [], "rebuild": []}
    for _ in range(repeat):
        shutil.rmtree(plain_src / "out", ignore_errors=True)
        times["plain"].append(run(BIN / "mkdocs", "build", "-q", "-f", config, "-d", plain_src / "out"))
        shutil.rmtree(root / "site", ignore_errors=True)
        times["site"].append(run(*handbook, "--no-pdf"))
        shutil.rmtree(root / "site", ignore_errors=True)
        times["full"].append(run(*handbook))
        times["rebuild"].append(run(*handbook))
    best = {key: min(values) for key, values in times.items()}
    pdf = root / "site" / project.framework.version / "handbook.pdf"  # type: ignore[union-attr]
    return {"name": name, "pages": pages, "pdf_kb": pdf.stat().st_size // 1024, "times": times, "best": best}


def report(result: dict[str, object]) -> list[str]:
    best: dict[str, float] = result["best"]  # type: ignore[assignment]
    times: dict[str, list[float]] = result["times"]  # type: ignore[assignment]
    floor = best["plain"]
    lines = [f"{result['name']}: {result['pages']} Markdown pages, handbook.pdf {result['pdf_kb']} KiB"]
    for key, label in (("plain", "plain mkdocs build"), ("site", "handbook build --no-pdf"),
                       ("full", "handbook build (site + PDF)"), ("rebuild", "rebuild, nothing changed")):
        runs = ", ".join(f"{t:.2f}" for t in times[key])
        ratio = f"{best[key] / floor:5.2f}× plain" if key != "plain" else "   floor   "
        goal = ""
        if key in ("site", "full"):
            goal = "meets 1.3×" if best[key] <= 1.3 * floor else "over 1.3×"
        if key == "rebuild":
            goal = "meets < 1 s" if best[key] < 1.0 else "over 1 s"
        lines.append(f"  {label:<30} {best[key]:7.2f} s  {ratio}  {goal:<12} runs: {runs}")
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=2, help="runs of each command; the best counts")
    parser.add_argument("--only", choices=["example", "synthetic"], help="measure one data set only")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="handbook-bench-") as tmp:
        work = Path(tmp)
        sets = []
        if args.only in (None, "example") and (ROOT / "content" / "framework.yml").is_file():
            sets.append(("example", prepare_example(work)))
        if args.only in (None, "synthetic"):
            sets.append(("synthetic 10×7×8, 60 competencies", write_synthetic(work / "synthetic")))
        print(f"handbook site benchmark ({os.cpu_count()} cores, best of {args.repeat})")
        for name, root in sets:
            print("\n".join(report(measure(name, root, args.repeat))), flush=True)


if __name__ == "__main__":
    main()
