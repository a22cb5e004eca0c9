"""Portfolio build speed: HTML and PDF time per person, against raw WeasyPrint in the same run.

    python bench/portfolio.py [--people 200] [--jobs 2]
    python bench/portfolio.py --entries 500,2000,5000     # one person with that many entries

For the bundled example and a synthetic set (the example's portfolios cloned under new ids),
prints the HTML time per person, our PDF step per person next to raw WeasyPrint rendering the
same HTML files with its default fetcher (the floor), and the speed-up of rendering the PDFs in
parallel processes. Goals: our PDF step within 1.15x of raw WeasyPrint; speed-up >= 1.8x on 2 cores.

With --entries, one synthetic person with that many entries (bench/synth.py's big person) instead:
each step in a fresh process, its wall and CPU time and peak memory: the HTML page (and the
print HTML the PDF is made from), our PDF, and raw WeasyPrint on the same print HTML (the
floor), then the cost per entry against the smallest size. Goals: time linear in the entries,
peak memory <= 1 GiB.
"""

from __future__ import annotations

import argparse
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from weasyprint import HTML

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from scale import RAW_WEASYPRINT, Run, run  # noqa: E402
from synthetic import write_example_people  # noqa: E402

from generator.commands.build import BuildReport  # noqa: E402
from generator.link.load import load_project  # noqa: E402
from generator.link.project import Project  # noqa: E402
from generator.render.portfolio import write_pages, write_pdfs, write_portfolio_assets  # noqa: E402
from generator.render.portfolio.context import build_context  # noqa: E402
from generator.render.portfolio.html import render_context_html, render_print_html  # noqa: E402
from generator.render.portfolio.pdf import PDF_OPTIONS, PdfJob  # noqa: E402
from generator.render.portfolio.pdf_worker import render_pdf  # noqa: E402
from generator.render.portfolio.theme import theme_dirs  # noqa: E402


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
    # The first document of a process loads fonts and caches: paid once a worker, by neither side here.
    HTML(string="<p>warm up</p>").write_pdf(**PDF_OPTIONS)
    for i, job in enumerate(jobs):
        source = job.target.parent / "print.html"  # what the PDF is made from: the page, or a long one cut down
        source.write_text(job.html, encoding="utf-8")
        for kind in (("ours", "raw") if i % 2 == 0 else ("raw", "ours")):
            t = time.perf_counter()
            if kind == "ours":
                render_pdf(job)
                ours.append(time.perf_counter() - t)
            else:
                HTML(filename=source).write_pdf(
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
          f"goal >= 1.8x: {'met' if speedup >= 1.8 else 'NOT met'}")
    print(f"  CPU per PDF in the worker processes {1000 * worker_cpu / people:.1f} ms vs serial wall "
          f"{1000 * serial_total / people:.1f} ms; load average now {os.getloadavg()[0]:.2f} "
          "(other processes on the machine take cores from the parallel run)")


def main() -> None:
    if sys.argv[1:2] == ["--step"]:
        big_step(sys.argv[2], Path(sys.argv[3]), Path(sys.argv[4]))
        return
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=200, help="people in the synthetic set")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="parallel PDF processes")
    parser.add_argument("--chunk", type=int, default=20, help="PDFs per serial/parallel comparison")
    parser.add_argument("--entries", type=lambda s: [int(n) for n in s.split(",")],
                        help="instead: one person with this many entries, e.g. 500,2000,5000")
    parser.add_argument("--full-up-to", type=int, default=0, metavar="N",
                        help="with --entries: also the PDF of every entry in full, as before, up to N entries "
                             "(about 1 GiB of memory per 1,000 entries)")
    args = parser.parse_args()
    if args.entries:
        bench_big(args.entries, args.full_up_to)
        return
    bench_set("example", ROOT, args.jobs, args.chunk)
    with tempfile.TemporaryDirectory(prefix="bench-synthetic-") as tmp:
        bench_set("synthetic", synthetic(Path(tmp) / "repo", args.people), args.jobs, args.chunk)


BIG = "big-portfolio"


def big_step(step: str, root: Path, page: Path) -> None:
    """One measured step, run in a fresh process by `bench_big`."""
    if step == "html":
        project = load(root)
        portfolio = project.portfolio(BIG)
        assert portfolio is not None
        context = build_context(project, portfolio, None)
        html = render_context_html(project, context)
        printed = render_print_html(project, context, html)
        page.mkdir(parents=True, exist_ok=True)
        (page / "index.html").write_text(html, encoding="utf-8")
        (page / "print.html").write_text(printed, encoding="utf-8")
        write_portfolio_assets(project, portfolio, page)  # the theme and attachments, for raw WeasyPrint
    else:  # ours: the PDF as built; full: the same step on the page itself, every entry in full
        source = page / ("print.html" if step == "ours" else "index.html")
        render_pdf(PdfJob(source.read_text(encoding="utf-8"), page, root / "portfolios" / BIG, theme_dirs(root),
                          page / f"{step}.pdf"))


def _row(label: str, r: Run, entries: int, first: tuple[int, Run] | None) -> str:
    per = 1000 * r.cpu / entries
    linear = f"{per / (1000 * first[1].cpu / first[0]):5.2f}× the per-entry CPU at {first[0]}" if first else ""
    return (f"  {label:<34} {r.seconds:7.1f} s  CPU {r.cpu:7.1f} s  {r.peak_mib:6.0f} MiB  "
            f"{per:7.2f} ms/entry  {linear}")


PAGES = "import sys; from pypdf import PdfReader; print(len(PdfReader(sys.argv[1]).pages))"


def _pages(pdf: Path) -> int:
    """Counted in another process: a child's peak memory counts the memory of the process that started it."""
    return int(subprocess.run([sys.executable, "-c", PAGES, pdf], check=True, capture_output=True, text=True).stdout)


def bench_big(sizes: list[int], full_up_to: int = 0) -> None:
    """One person with each number of entries: HTML, our PDF and raw WeasyPrint, each in a fresh process.

    This process stays small (the repository is written by another one, PDFs are read by another one),
    since a child's peak memory as the kernel reports it includes what it shared with this one.
    """
    step = [sys.executable, Path(__file__).resolve(), "--step"]
    firsts: dict[str, tuple[int, Run]] = {}
    peaks: list[float] = []
    with tempfile.TemporaryDirectory(prefix="bench-big-") as tmp:
        for n in sizes:
            root = Path(tmp) / f"repo-{n}"
            subprocess.run([sys.executable, Path(__file__).with_name("synth.py"), root, "--people", "3", "--entries",
                            "2", "--tracks", "2", "--big-person", str(n)], check=True, capture_output=True)
            page = Path(tmp) / f"page-{n}" / BIG
            runs = {name: run(*step, name, root, page) for name in ("html", "ours")}
            # raw: a Python that imports nothing of ours (so not our fix of pydyf's page references either)
            runs["raw"] = run(sys.executable, "-c", RAW_WEASYPRINT, page / "print.html", page / "raw.pdf")
            if n <= full_up_to:
                runs["full"] = run(*step, "full", root, page)
            printed = (page / "print.html").read_text(encoding="utf-8")
            summary = re.search(r"This PDF prints in full the (\d+) entr", printed)
            shown = f"{summary.group(1)} entries in full, the others summarised" if summary else "every entry in full"
            pages = _pages(page / "ours.pdf")
            print(f"\none person with {n} entries (load average {os.getloadavg()[0]:.2f}): PDF of {pages} pages, "
                  f"{shown}; HTML {len((page / 'index.html').read_bytes()) / 1e6:.1f} MB, print HTML "
                  f"{len(printed.encode()) / 1e6:.1f} MB")
            for name, label in (("html", "load, HTML page and print HTML"), ("ours", "PDF, ours"),
                                ("raw", "PDF, raw WeasyPrint (floor)"), ("full", "PDF of every entry in full")):
                if name not in runs:
                    continue
                print(_row(label, runs[name], n, firsts.get(name)))
                firsts.setdefault(name, (n, runs[name]))
            print(f"  ours / raw WeasyPrint on the same HTML: {runs['ours'].seconds / runs['raw'].seconds:.2f}× wall, "
                  f"{runs['ours'].cpu / runs['raw'].cpu:.2f}× CPU, {runs['ours'].peak_mib / runs['raw'].peak_mib:.2f}× "
                  "memory")
            if "full" in runs:
                print(f"  every entry in full: {_pages(page / 'full.pdf')} pages, "
                      f"{runs['full'].cpu / runs['ours'].cpu:.2f}× the CPU and "
                      f"{runs['full'].peak_mib / runs['ours'].peak_mib:.2f}× the memory of ours")
            peaks += [runs["html"].peak_mib, runs["ours"].peak_mib]
    print(f"\npeak memory of any step of ours: {max(peaks):.0f} MiB; goal <= 1024 MiB: "
          f"{'met' if max(peaks) <= 1024 else 'NOT met'}")


if __name__ == "__main__":
    main()
