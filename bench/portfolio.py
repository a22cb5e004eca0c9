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
import resource
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

from weasyprint import HTML

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from synthetic import write_example_people  # noqa: E402

from generator.build import BuildReport  # noqa: E402
from generator.link.project import Project, load_project  # noqa: E402
from generator.render.portfolio import write_pages, write_pdfs  # noqa: E402
from generator.render.portfolio.pdf import PDF_OPTIONS, PdfJob, render_pdf  # noqa: E402


def synthetic(target: Path, people: int) -> Path:
    return write_example_people(target, people)


def load(root: Path) -> Project:
    project, problems = load_project(root)
    if problems.errors:
        raise SystemExit(f"{root}: content has errors")
    return project


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def time_serial(jobs: list[PdfJob]) -> tuple[list[float], list[float]]:
    """Our PDF step and raw WeasyPrint on the same HTML file, interleaved in alternating order."""
    ours: list[float] = []
    raw: list[float] = []
    for i, job in enumerate(jobs):
        for kind in (("ours", "raw") if i % 2 == 0 else ("raw", "ours")):
            t = time.perf_counter()
            if kind == "ours":
                render_pdf(job)
                ours.append(time.perf_counter() - t)
            else:
                HTML(filename=job.target.parent / "index.html").write_pdf(
                    job.target.with_suffix(".raw.pdf"), **PDF_OPTIONS)
                raw.append(time.perf_counter() - t)
    return ours, raw


def bench_set(label: str, root: Path, jobs: int, chunk: int) -> None:
    project = load(root)
    people = len(project.portfolios)
    staging = Path(tempfile.mkdtemp(prefix="bench-portfolios-"))
    started = time.perf_counter()
    pdf_jobs = write_pages(project, project.portfolios, staging, staging, BuildReport(), None)
    html_seconds = time.perf_counter() - started

    # Chunk by chunk: serial then parallel on the same PDFs, so load from other processes on
    # the machine affects both sides of each speed-up alike.
    ours: list[float] = []
    raw: list[float] = []
    speedups: list[float] = []
    serial_total = parallel_total = worker_cpu = 0.0
    for start in range(0, people, chunk):
        part = pdf_jobs[start:start + chunk]
        chunk_ours, chunk_raw = time_serial(part)
        t, cpu = time.perf_counter(), _children_cpu()
        write_pdfs(part, jobs, BuildReport())
        parallel = time.perf_counter() - t
        worker_cpu += _children_cpu() - cpu
        ours += chunk_ours
        raw += chunk_raw
        serial_total += sum(chunk_ours)
        parallel_total += parallel
        speedups.append(sum(chunk_ours) / parallel)
    shutil.rmtree(staging)

    print(f"\n{label}: {people} people (load average {os.getloadavg()[0]:.2f})")
    print(f"  HTML                {1000 * html_seconds / people:8.1f} ms/person  (total {html_seconds:.2f} s)")
    print(f"  PDF, ours (serial)  {1000 * sum(ours) / people:8.1f} ms/person  "
          f"(median {1000 * statistics.median(ours):.1f} ms)")
    print(f"  PDF, raw WeasyPrint {1000 * sum(raw) / people:8.1f} ms/person  "
          f"(median {1000 * statistics.median(raw):.1f} ms)")
    ratio = sum(ours) / sum(raw)
    print(f"  ours / raw          {ratio:8.3f}x   goal <= 1.15x: {'met' if ratio <= 1.15 else 'NOT met'}")
    speedup = serial_total / parallel_total
    print(f"  PDFs with --jobs {jobs}  {parallel_total:7.2f} s wall vs {serial_total:.2f} s serial: "
          f"speed-up {speedup:.2f}x on {os.cpu_count()} cores (per chunk of {chunk}: median "
          f"{statistics.median(speedups):.2f}x, best {max(speedups):.2f}x); "
          f"goal >= 1.7x: {'met' if speedup >= 1.7 else 'NOT met'}")
    print(f"  CPU per PDF in the worker processes {1000 * worker_cpu / people:.1f} ms vs serial wall "
          f"{1000 * serial_total / people:.1f} ms; load average now {os.getloadavg()[0]:.2f} "
          "(other processes on the machine take cores from the parallel run)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=200, help="people in the synthetic set")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="parallel PDF processes")
    parser.add_argument("--chunk", type=int, default=20, help="PDFs per serial/parallel comparison")
    args = parser.parse_args()
    bench_set("example", ROOT, args.jobs, args.chunk)
    with tempfile.TemporaryDirectory(prefix="bench-synthetic-") as tmp:
        bench_set("synthetic", synthetic(Path(tmp) / "repo", args.people), args.jobs, args.chunk)


if __name__ == "__main__":
    main()
