"""Team views and the programme report against assessing everyone once.

    python bench/reports.py [--people 200] [--repeat 3]

The floor is one readiness assessment of every person, measured in the same run. Team views
assess everyone once and add the reporting lines; the programme report re-runs readiness at
every month end and at every date an entry starts or stops counting, so it is expected to cost
a small multiple of the floor (about the number of month ends plus twice the entries per person).
Peer benchmarks build each cohort member's readiness timeline once per build.
Runs on a synthetic set: the bundled example's portfolios cloned under new ids.
"""

from __future__ import annotations

import argparse
import gc
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from synthetic import write_example_people  # noqa: E402

from generator.assess.benchmark import Cohorts  # noqa: E402
from generator.assess.portfolio import assess_portfolio  # noqa: E402
from generator.assess.programme import assess_programme  # noqa: E402
from generator.link.load import load_project  # noqa: E402
from generator.link.project import Project  # noqa: E402
from generator.render.reports import render_programme_html  # noqa: E402
from generator.render.teams import render_team_html, team_views  # noqa: E402


def best(run: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        gc.collect()
        started = time.perf_counter()
        run()
        times.append(time.perf_counter() - started)
    return min(times)


def every_benchmark(project: Project) -> list[object]:
    """What a portfolio build does: one Cohorts shared by every portfolio's page."""
    cohorts = Cohorts(project)
    return [cohorts.benchmark(p, 0, 0) for p in project.portfolios]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=200)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-reports-") as tmp:
        project: Project = load_project(write_example_people(Path(tmp) / "repo", args.people))[0]
        people = len(project.portfolios)
        entries = sum(len(p.entries) for p in project.portfolios)
        floor = best(lambda: [assess_portfolio(project, p) for p in project.portfolios], args.repeat)
        teams = best(lambda: [render_team_html(project, v) for v in team_views(project)], args.repeat)
        programme = best(lambda: assess_programme(project), args.repeat)
        report = assess_programme(project)
        page = best(lambda: render_programme_html(project, report), args.repeat)
        benchmarks = best(lambda: every_benchmark(project), args.repeat)
    print(f"{people} people, {entries} entries, {len(report.over_time)} month ends")
    print(f"floor: readiness of everyone once  {floor * 1000:8.1f} ms")
    print(f"team views (assess + HTML)         {teams * 1000:8.1f} ms  {teams / floor:5.2f}x floor")
    print(f"programme report (assess)          {programme * 1000:8.1f} ms  {programme / floor:5.2f}x floor")
    print(f"programme report (HTML)            {page * 1000:8.1f} ms")
    print(f"peer benchmarks of every portfolio {benchmarks * 1000:8.1f} ms  {benchmarks / floor:5.2f}x floor")


if __name__ == "__main__":
    main()
