"""Benchmark: `handbook build --no-portfolios` against a plain `mkdocs build` of the same docs.

For the bundled example and a synthetic framework (10 tracks × 7 levels × 8 milestones,
60 competencies), measured in the same run:

  plain    `mkdocs build` of the MkDocs project handbook generates (the floor)
  raw pdf  raw WeasyPrint rendering the same print documents (the whole handbook and one per
           track) one after another in a fresh Python (the PDF floor)
  site     `handbook build --no-portfolios --no-pdf` from scratch
  full     `handbook build --no-portfolios` from scratch (site + every PDF)
  rebuild  `handbook build --no-portfolios` again with nothing changed

Goals: site within 1.2× of plain; full within 0.65 × (plain + raw pdf), which only holds when
the PDFs really render beside MkDocs; rebuild under 1 s. Every command runs as a fresh
process, its wall time and peak memory (the resident memory of the process and its workers
added up) printed; the best of --repeat runs counts (the machine may be shared).

    .venv/bin/python bench/site.py [--repeat 2] [--only example|synthetic]
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
BIN = Path(sys.executable).parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT))

from measure import run_tree  # noqa: E402
from synthetic import write_synthetic  # noqa: E402

from generator.link.load import load_project  # noqa: E402
from generator.render.site import generate_mkdocs_project  # noqa: E402
from generator.render.site.pages import build_site_data  # noqa: E402
from generator.render.site.pdf import print_documents  # noqa: E402

ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}


RAW_WEASYPRINT = r"""
import sys, pathlib
from weasyprint import HTML
for html in sorted(pathlib.Path(sys.argv[1]).glob("*.html")):
    HTML(string=html.read_text(encoding="utf-8"), base_url=str(html.parent)).write_pdf(
        html.with_suffix(".pdf"), pdf_variant="pdf/ua-1")
"""

peak_mib: dict[str, list[float]] = {}


def run(*args: str | Path, key: str = "") -> float:
    elapsed, peak = run_tree(list(args), env=ENV)
    peak_mib.setdefault(key, []).append(peak)
    return elapsed


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
    prints = root.parent / f"{name}-print"
    prints.mkdir()
    documents = print_documents(build_site_data(project))
    for number, html in enumerate(documents.values()):
        (prints / f"{number:03}.html").write_text(html, encoding="utf-8")
    handbook = [BIN / "handbook", "build", "--no-portfolios", "--root", root]
    times: dict[str, list[float]] = {"plain": [], "raw": [], "site": [], "full": [], "rebuild": []}
    peak_mib.clear()
    for _ in range(repeat):
        shutil.rmtree(plain_src / "out", ignore_errors=True)
        times["plain"].append(run(BIN / "mkdocs", "build", "-q", "-f", config, "-d", plain_src / "out", key="plain"))
        times["raw"].append(run(sys.executable, "-c", RAW_WEASYPRINT, prints, key="raw"))
        shutil.rmtree(root / "site", ignore_errors=True)
        times["site"].append(run(*handbook, "--no-pdf", key="site"))
        shutil.rmtree(root / "site", ignore_errors=True)
        times["full"].append(run(*handbook, key="full"))
        times["rebuild"].append(run(*handbook, key="rebuild"))
    best = {key: min(values) for key, values in times.items()}
    pdfs = list((root / "site" / project.framework.version).rglob("*.pdf"))  # type: ignore[union-attr]
    return {"name": name, "pages": pages, "pdfs": len(pdfs), "pdf_kb": sum(p.stat().st_size for p in pdfs) // 1024,
            "times": times, "best": best, "peak": {k: max(v) for k, v in peak_mib.items()}}


def report(result: dict[str, object]) -> list[str]:
    best: dict[str, float] = result["best"]  # type: ignore[assignment]
    times: dict[str, list[float]] = result["times"]  # type: ignore[assignment]
    peak: dict[str, float] = result["peak"]  # type: ignore[assignment]
    floor = best["plain"]
    both = best["plain"] + best["raw"]
    lines = [f"{result['name']}: {result['pages']} Markdown pages, {result['pdfs']} PDFs, {result['pdf_kb']} KiB"]
    for key, label in (("plain", "plain mkdocs build"), ("raw", "raw WeasyPrint, same print HTML"),
                       ("site", "handbook build --no-pdf"), ("full", "handbook build (site + PDFs)"),
                       ("rebuild", "rebuild, nothing changed")):
        runs = ", ".join(f"{t:.2f}" for t in times[key])
        ratio, goal = "    floor        ", ""
        if key == "site":
            ratio = f"{best[key] / floor:5.2f}× plain     "
            goal = "meets ≤ 1.2×" if best[key] <= 1.2 * floor else "over 1.2×"
        if key == "full":
            ratio = f"{best[key] / both:5.2f}× plain+raw "
            goal = "meets ≤ 0.65×" if best[key] <= 0.65 * both else "over 0.65×"
        if key == "rebuild":
            ratio, goal = " " * 17, "meets < 1 s" if best[key] < 1.0 else "over 1 s"
        lines.append(f"  {label:<32} {best[key]:7.2f} s {peak[key]:6.0f} MiB  {ratio} {goal:<14} runs: {runs}")
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
