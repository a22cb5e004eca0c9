"""Portfolio build speed: HTML and PDF time per person, against raw WeasyPrint in the same run.

    python bench/portfolio.py [--people 200] [--jobs 2]

For the bundled example and a synthetic set (the example's portfolios cloned under new ids),
prints the HTML time per person, our PDF step per person next to raw WeasyPrint rendering the
same HTML files with its default fetcher (the floor), and the speed-up of rendering the PDFs in
parallel processes. Goals: our PDF step within 1.15x of raw WeasyPrint; speed-up >= 1.7x on 2 cores.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

from weasyprint import HTML

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator.build import BuildReport  # noqa: E402
from generator.link.project import Project, load_project  # noqa: E402
from generator.render.portfolio import _write_pages, _write_pdfs  # noqa: E402
from generator.render.portfolio.pdf import PDF_OPTIONS, PdfJob, render_pdf  # noqa: E402


def synthetic(target: Path, people: int) -> Path:
    """The example's content and `people` portfolios: its own and clones of them."""
    target.mkdir(parents=True)
    shutil.copytree(ROOT / "content", target / "content")
    shutil.copy(ROOT / "handbook.yml", target)
    (target / "portfolios").mkdir()
    shutil.copy(ROOT / "portfolios/people.yml", target / "portfolios")
    sources = sorted(p for p in (ROOT / "portfolios").iterdir() if p.is_dir())
    for source in sources:  # the originals stay: clones refer to them as managers and peers
        shutil.copytree(source, target / "portfolios" / source.name)
    for n in range(people - len(sources)):
        shutil.copytree(sources[n % len(sources)], target / "portfolios" / f"person-{n:03d}")
    return target


def load(root: Path) -> Project:
    project, problems = load_project(root)
    if problems.errors:
        raise SystemExit(f"{root}: content has errors")
    return project


def bench_set(label: str, root: Path, jobs: int) -> None:
    project = load(root)
    people = len(project.portfolios)
    staging = Path(tempfile.mkdtemp(prefix="bench-portfolios-"))
    started = time.perf_counter()
    pdf_jobs = _write_pages(project, project.portfolios, staging, staging, BuildReport(), None)
    html_seconds = time.perf_counter() - started

    ours: list[float] = []
    raw: list[float] = []
    for i, job in enumerate(pdf_jobs):  # interleaved, alternating order, so drift hits both alike
        steps = [("ours", job), ("raw", job)] if i % 2 == 0 else [("raw", job), ("ours", job)]
        for kind, item in steps:
            t = time.perf_counter()
            if kind == "ours":
                render_pdf(PdfJob(item.html, item.page_dir, item.person, item.themes, item.target))
                ours.append(time.perf_counter() - t)
            else:
                HTML(filename=item.target.parent / "index.html").write_pdf(
                    item.target.with_suffix(".raw.pdf"), **PDF_OPTIONS)
                raw.append(time.perf_counter() - t)

    for job in pdf_jobs:
        job.target.unlink(missing_ok=True)
    t = time.perf_counter()
    _write_pdfs(pdf_jobs, jobs, BuildReport())
    parallel = time.perf_counter() - t
    shutil.rmtree(staging)

    serial = sum(ours)
    print(f"\n{label}: {people} people")
    print(f"  HTML               {1000 * html_seconds / people:8.1f} ms/person  (total {html_seconds:.2f} s)")
    print(f"  PDF, ours (serial) {1000 * serial / people:8.1f} ms/person  "
          f"(median {1000 * statistics.median(ours):.1f} ms)")
    print(f"  PDF, raw WeasyPrint{1000 * sum(raw) / people:8.1f} ms/person  "
          f"(median {1000 * statistics.median(raw):.1f} ms)")
    ratio = serial / sum(raw)
    print(f"  ours / raw         {ratio:8.3f}x   goal <= 1.15x: {'met' if ratio <= 1.15 else 'NOT met'}")
    speedup = serial / parallel
    print(f"  PDFs with --jobs {jobs} {parallel:7.2f} s wall vs {serial:.2f} s serial: speed-up {speedup:.2f}x "
          f"on {os.cpu_count()} cores; goal >= 1.7x: {'met' if speedup >= 1.7 else 'NOT met'}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=200, help="people in the synthetic set")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="parallel PDF processes")
    args = parser.parse_args()
    bench_set("example", ROOT, args.jobs)
    with tempfile.TemporaryDirectory(prefix="bench-synthetic-") as tmp:
        bench_set("synthetic", synthetic(Path(tmp) / "repo", args.people), args.jobs)


if __name__ == "__main__":
    main()
