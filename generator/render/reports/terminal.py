"""The programme report in the terminal (`handbook report`)."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table

from generator.assess.programme import ProgrammeReport
from generator.model.types import KINDS


def _share(n: int, total: int) -> str:
    return f"{round(100 * n / total)}%" if total else "n/a"


def _table(title: str, *columns: str) -> Table:
    table = Table(title=title, title_justify="left")
    for i, column in enumerate(columns):
        table.add_column(column, justify="left" if i == 0 else "right")
    return table


def print_programme(report: ProgrammeReport, console: Console | None = None) -> None:
    console = console or Console(highlight=False)
    people = "person" if report.people == 1 else "people"
    console.print(f"[bold]Programme report[/] · as of {report.as_of} · {report.people} {people} with a portfolio")
    active = " · ".join(f"{_share(n, report.people)} active in {d} days ({n}/{report.people})"
                        for d, n in report.participation.items())
    verified = ("provenance unavailable" if report.met_verified is None
                else f"{report.met_verified}/{report.met} met with verified feedback")
    console.print(f"Participation: {active} · {verified}")
    per_level = _table("People per track and level", "track", "level", "people")
    for t in report.by_track_level:
        per_level.add_row(t.track_name, t.level, str(t.people))
    console.print(per_level)
    months = _table("Readiness at each month end", "month end", "people", "ready", "on track", "not yet")
    for m in report.over_time:
        months.add_row(str(m.date), str(m.people), *(str(m.statuses[s]) for s in ("ready", "on_track", "not_yet")))
    console.print(months)
    used = [k for k in KINDS if any(report.entries[m][k] for m in report.entry_months)]
    entries = _table("Entries per month", "month", *used, "total")
    for month in report.entry_months:
        counts = report.entries[month]
        entries.add_row(month, *(str(counts[k]) for k in used), str(sum(counts.values())))
    console.print(entries)
    ready = _table("Time to ready", "track", "target", "people", "ready", "median days")
    for time in report.time_to_ready:
        ready.add_row(time.track_name, time.target, str(time.people), str(time.ready),
                      "—" if time.median_days is None else f"{time.median_days:g}")
    console.print(ready)
    if report.signals:
        signals = Table(title="Recalibration signals", title_justify="left")
        for column in ("milestone", "signal", "why"):
            signals.add_column(column)
        for s in report.signals:
            signals.add_row(s.milestone, s.hint, s.detail)
        console.print(signals)
    else:
        console.print("Recalibration signals: none")
    recognition = _table("Recognition per quarter", "quarter", "entries", "milestones")
    for quarter, count, milestones in report.recognition:
        recognition.add_row(quarter, str(count), str(milestones))
    console.print(recognition)
