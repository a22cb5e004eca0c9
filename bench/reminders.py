"""Reminder calendars for the example's N-person set, against the readiness they are built from.

    .venv/bin/python bench/reminders.py [--people 200] [--repeat 3]

Prints the time per person of the person calendars and of the team calendars, and the floor
measured in the same run: assessing everyone's readiness once (every calendar needs it).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.synthetic import write_example_people  # noqa: E402
from generator.assess.portfolio import assess_portfolio  # noqa: E402
from generator.link.load import load_project  # noqa: E402
from generator.render.calendar import render_person_calendar, team_calendars  # noqa: E402


def best_of(repeat: int, action: Callable[[], object]) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        action()
        times.append(time.perf_counter() - started)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=200)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-calendar-") as tmp:
        project, problems = load_project(write_example_people(Path(tmp) / "repo", args.people))
        assert not problems.errors, problems.sorted()[:3]
        people = project.portfolios
        planned = sum(1 for p in people if p.plan is not None)
        floor = best_of(args.repeat, lambda: [assess_portfolio(project, p) for p in people])
        person = best_of(args.repeat, lambda: [render_person_calendar(project, p) for p in people])
        teams = best_of(args.repeat, lambda: team_calendars(project))
    n = len(people)
    print(f"{n} people ({planned} with a plan.yml), {len(team_calendars(project))} managers; best of {args.repeat}")
    print(f"  readiness of everyone (floor)  {1000 * floor / n:7.2f} ms/person")
    print(f"  person calendars               {1000 * person / n:7.2f} ms/person  ({person / floor:.2f}x the floor)")
    print(f"  team calendars                 {1000 * teams / n:7.2f} ms/person  ({teams / floor:.2f}x the floor)")


if __name__ == "__main__":
    main()
