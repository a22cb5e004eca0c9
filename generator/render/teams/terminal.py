"""A manager's team view in the terminal (`handbook team MANAGER`)."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table

from generator.assess.team import STALE_DAYS, DueItem, TeamView
from generator.render.terminal import STATUS_STYLE
from generator.render.wording import label


def _due_table(title: str, items: list[DueItem], names: dict[str, str]) -> Table:
    table = Table(title=title, title_justify="left")
    for column in ("person", "milestone", "status", "horizon", "cadence", "due", "missing"):
        table.add_column(column)
    for d in items:
        due = "" if d.deadline is None else f"{d.deadline} ({d.days_left}d)"
        table.add_row(names.get(d.person, d.person), d.title, f"[{STATUS_STYLE[d.status]}]{label(d.status)}[/]",
                      d.horizon or "", d.cadence, due, ", ".join(d.missing))
    return table


def print_team(view: TeamView, console: Console | None = None) -> None:
    console = console or Console(highlight=False)
    names = {m.id: m.name for m in view.members} | {view.manager: view.manager_name}
    console.print(f"[bold]Team view: {view.manager_name}[/] ({view.manager}) · as of {view.as_of} · "
                  f"{len(view.members)} {'person' if len(view.members) == 1 else 'people'} in the reporting line")
    console.print(f"{len(view.owed)} owed by you · {len(view.overdue)} overdue · {len(view.due(30))} due in 30 days"
                  f" · {len(view.due(90))} due in 90 days · {len(view.stale)} stale (no entry in {STALE_DAYS} days)")
    if view.teams:
        teams = Table(title="Teams", title_justify="left")
        for column in ("team of", "people", "ready", "on track", "not yet", "overdue", "due 30d", "stale", "owed"):
            teams.add_column(column, justify="left" if column == "team of" else "right")
        for t in view.teams:
            teams.add_row(t.lead_name, str(t.people), *(str(t.statuses[s]) for s in ("ready", "on_track", "not_yet")),
                          str(t.overdue), str(t.due_30), str(t.stale), str(t.owed))
        console.print(teams)
    people = Table(title="People", title_justify="left")
    for column in ("person", "manager", "track", "level", "status", "met or waived", "coverage", "last entry"):
        people.add_column(column)
    for m in view.members:
        done = sum(1 for c in m.domains.values() if c["met"] == c["required"])
        coverage = f"domains {done}/{len(m.domains)}"
        if m.coverage:
            coverage += f" · competencies {m.coverage['evidenced']}/{m.coverage['required']}"
            coverage += "" if m.coverage["needed_percent"] else " (not required)"
        last = f"{m.last_entry or 'none'}{' (stale)' if m.stale else ''}"
        people.add_row(m.name, names.get(m.manager, m.manager), m.track, f"{m.level} → {m.target}",
                       f"[{STATUS_STYLE[m.status]}]{label(m.status)}[/]"
                       + (f" ({m.sealed} sealed)" if m.sealed else ""), f"{m.resolved}/{m.required}", coverage, last)
    console.print(people)
    for title, items in (("Feedback you owe", view.owed), ("Overdue", view.overdue),
                         ("Due in the next 30 days", view.due(30)), ("Due in the next 90 days", view.due(90))):
        if items:
            console.print(_due_table(title, items, names))
        else:
            console.print(f"{title}: none")
