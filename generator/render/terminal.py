"""Readiness in the terminal: a table of milestones, domains and next steps."""

from __future__ import annotations

import datetime as dt

from rich.console import Console
from rich.table import Table

from generator.assess.portfolio import next_steps
from generator.assess.readiness import Readiness
from generator.link.project import Portfolio, Project
from generator.render.wording import CONFIRMERS, competency_label, label, missing_words

STATUS_STYLE = {"met": "green", "waived": "cyan", "in_progress": "yellow", "overdue": "red",
                "not_started": "dim", "ready": "bold green", "on_track": "bold yellow", "not_yet": "bold red"}


COMPETENCY_STYLE = {"evidenced": "green", "claimed": "yellow", "missing": "red"}


def print_readiness(project: Project, portfolio: Portfolio, result: Readiness, console: Console | None = None) -> None:
    console = console or Console(highlight=False)
    p = portfolio.profile
    track = project.track(result.track)
    level, target = (track.level_tag(result.level), track.level_tag(result.target)) if track \
        else (result.level, result.target)
    console.print(f"[bold]{p.name}[/] ({portfolio.id}) · {result.track} {level} → {target}"
                  f" · framework {result.framework} · as of {result.as_of}")
    counts = result.counts()
    resolved = counts["met"] + counts["waived"]
    cover = result.coverage
    assessed = [f"{resolved} of {len(result.milestones)} milestones met or waived"] if result.milestones else []
    if result.competencies:
        assessed.append(f"{cover['evidenced']} of {cover['required']} competencies evidenced"
                        + (f", {result.coverage_needed:.0%} needed" if result.coverage_needed
                           else " (not required for the status)"))
    console.print(f"Status: [{STATUS_STYLE[result.status]}]{label(result.status).upper()}[/]"
                  f"  ({'; '.join(assessed) or 'nothing to assess at this level'})")
    if result.sealed:
        from generator.link.sealed import sealed_sentence

        console.print(sealed_sentence(project, result.sealed) + ".")
    if result.milestones:
        _print_milestones(result, {e.id: e.meta.date for e in portfolio.entries}, names_of_domains(project), console)
    if result.competencies:
        _print_competencies(result, names_of_domains(project), console)
    names = names_of_domains(project)
    if result.domains:
        console.print("Domains: " + ", ".join(f"{names.get(d, d)} {v['met']} of {v['required']} met"
                                              for d, v in result.domains.items()))
    steps = next_steps(result)
    # Missing competencies are a step only where coverage counts towards the status.
    missing = [c for c in result.competencies if c.status == "missing"] if result.coverage_needed else []
    claimed = [c for c in result.competencies if c.status == "claimed"] if result.coverage_needed else []
    if steps or missing or claimed:
        console.print("[bold]Next steps[/]")
        for n, step in enumerate(steps, 1):
            console.print(f" {n}. {step.result.milestone.title} ({step.result.ref}): " + "; ".join(step.actions))
        n = len(steps)
        if missing:
            n += 1
            console.print(f" {n}. link evidence entries to these competencies (competencies: [...]): "
                          + ", ".join(c.id for c in missing))
        if claimed:
            console.print(f" {n + 1}. ask someone who may confirm them ({CONFIRMERS}) for feedback that links "
                          "these competencies; your own entries claim them: " + ", ".join(c.id for c in claimed))
    for m in result.milestones:
        if m.waiver:
            console.print(f"Waived: {m.ref}: {m.waiver.reason} (approved by {project.name_of(m.waiver.approved_by)})")


def _print_competencies(result: Readiness, domains: dict[str, str], console: Console) -> None:
    table = Table(show_lines=False)
    for column in ("competency", "domain", "status", "behaviours linked", "confirmed", "entries"):
        table.add_column(column)
    for c in result.competencies:
        # Where competencies do not decide the status they are information, never a red gap.
        style = COMPETENCY_STYLE[c.status] if result.coverage_needed else "dim"
        shown = competency_label(c.status) + ("" if result.coverage_needed else " (not required)")
        table.add_row(f"{c.name} ({c.id})", domains.get(c.domain, c.domain), f"[{style}]{shown}[/]",
                      ", ".join(c.behaviours),
                      f"{len(c.confirmed)} of {len(c.expected_ids)}", str(len(c.entries)))
    console.print(table)


def names_of_domains(project: Project) -> dict[str, str]:
    return {d.id: d.name for d in project.framework.domains} if project.framework else {}


def _print_milestones(result: Readiness, dates: dict[str, dt.date], domains: dict[str, str],
                      console: Console) -> None:
    table = Table(show_lines=False)
    for column in ("milestone", "domain", "status", "still needs", "entries", "deadline"):
        table.add_column(column)
    for m in result.milestones:
        deadline = "" if m.deadline is None else str(m.deadline)
        if m.deadline and m.days_left is not None and m.status not in ("met", "waived"):
            deadline += f" ({m.days_left}d left)" if m.days_left >= 0 else f" ({-m.days_left}d over)"
        table.add_row(m.milestone.title, domains.get(m.milestone.domain, m.milestone.domain),
                      f"[{STATUS_STYLE[m.status]}]{label(m.status)}[/]",
                      "; ".join(missing_words(m, code, [dates[i] for i in m.evidence if i in dates])
                                for code in m.missing), str(len(m.entries)), deadline)
    console.print(table)
