"""`handbook new entry`: a valid portfolio entry, with the milestones that matter offered first."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

import click

from generator.assess.portfolio import assess_portfolio, next_steps
from generator.link.competencies import track_competencies, track_competency
from generator.link.project import Portfolio, Project, validate
from generator.model.errors import did_you_mean
from generator.model.portfolio import Entry
from generator.model.types import KINDS, ROLES
from generator.problems import Problems, UserError, display_path
from generator.read.frontmatter import read_front_matter
from generator.scaffold.people import current_person, require_person, require_portfolio
from generator.scaffold.prompt import Prompter
from generator.scaffold.text import create_file, slugify, yaml_scalar

# Headings that guide a reflection; the comments under them vanish from the rendered page.
REFLECTION_PROMPTS = (
    ("What worked", "Which choices, habits or help made the difference?"),
    ("What did not work, and why", "Be specific: what would you do differently, and what caused it?"),
    ("What I will do next", "One or two concrete actions, with a date you can check."),
    ("Which milestone this moves", "Name the milestone and what changes for it."),
)
BODY_HINTS = {
    "feedback": "The feedback itself: the situation, what they did, and the impact you saw.",
    "reflection": "",
}
DEFAULT_BODY_HINT = "What you did, what it changed and what you learned. Link files under attachments/."


@dataclass
class EntryRequest:
    """What the user gave as flags; anything missing is asked for or defaulted."""

    person: str | None = None
    kind: str | None = None
    title: str | None = None
    date: dt.date | None = None
    milestones: list[str] = field(default_factory=list)
    giver: str | None = None
    role: str | None = None
    verdict: str | None = None
    competencies: list[str] = field(default_factory=list)


@dataclass
class EntryDraft:
    person: str
    kind: str
    title: str
    date: dt.date
    milestones: list[str]
    giver: str | None = None
    role: str | None = None
    verdict: str | None = None
    metric_hints: dict[str, str] = field(default_factory=dict)  # metric -> target, from the chosen milestones
    competencies: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class MilestoneOption:
    ref: str
    title: str
    level: str
    status: str  # readiness status for the target level, "" for other levels
    due: dt.date | None = None  # set when the person's plan.yml plans it


def _planned(project: Project, portfolio: Portfolio, status: dict[str, str]) -> list[MilestoneOption]:
    """The plan's milestones not yet met, in the plan's order."""
    plan = portfolio.plan
    options: list[MilestoneOption] = []
    if plan is None:
        return options
    for item in plan.milestones:
        found = project.milestone(item.milestone)
        if found and status.get(item.milestone) not in ("met", "waived"):
            options.append(MilestoneOption(item.milestone, found[2].title, found[1].level,
                                           status.get(item.milestone, ""), item.due or plan.ends))
    return options


def milestone_options(project: Project, portfolio: Portfolio) -> list[MilestoneOption]:
    """The plan's open milestones, the target level's unmet ones (most useful first), then the rest."""
    track = project.track(portfolio.profile.track)
    if track is None or project.framework is None:
        return []
    target = portfolio.profile.target
    readiness = assess_portfolio(project, portfolio)
    status = {r.ref: r.status for r in readiness.milestones}
    options = _planned(project, portfolio, status)
    offered = {o.ref for o in options}
    options += [MilestoneOption(s.result.ref, s.result.milestone.title, target, s.result.status)
                for s in next_steps(readiness) if s.result.ref not in offered]
    offered = {o.ref for o in options}
    for level in track.levels:
        for milestone in level.milestones:
            ref = f"{track.id}/{milestone.id}"
            if ref not in offered:
                options.append(MilestoneOption(ref, milestone.title, level.level, status.get(ref, "")))
    return options


def _parse_milestones(answer: str, options: list[MilestoneOption], track: str) -> list[str]:
    refs = []
    for token in answer.replace(",", " ").split():
        if token.isdigit() and 1 <= int(token) <= len(options):
            refs.append(options[int(token) - 1].ref)
        else:
            refs.append(token if "/" in token else f"{track}/{token}")
    return list(dict.fromkeys(refs))


def ask_milestones(prompter: Prompter, options: list[MilestoneOption], track: str) -> list[str]:
    if not prompter.interactive or not options:
        return []
    click.echo("Milestones it is evidence for (your plan's first, then your target level's open ones):")
    for number, option in enumerate(options, 1):
        notes = ([f"planned, due {option.due.isoformat()}"] if option.due else []) + \
            ([option.status.replace("_", " ")] if option.status else [])
        status = f" [{', '.join(notes)}]" if notes else ""
        click.echo(f"  {number:>2}. {option.ref} ({option.level}) {option.title}{status}")
    answer = prompter.optional("Numbers or ids, separated by commas")
    return _parse_milestones(answer or "", options, track)


def draft_entry(project: Project, request: EntryRequest, prompter: Prompter) -> EntryDraft:
    """Fill in every value of the entry from flags, prompts and defaults."""
    me = current_person(project)
    default_person = me if me and project.portfolio(me) else None
    if project.framework_root is not None and project.portfolios:  # a person's own repository: theirs
        default_person = project.portfolios[0].id
    portfolio = prompter.until_valid(request.person,
                                     lambda: prompter.text("Person (whose portfolio)", "--person", default_person),
                                     lambda person: require_portfolio(project, person))
    person = portfolio.id
    kind = request.kind or prompter.choice("Kind", "--kind", KINDS, "project")
    title = request.title or prompter.text("Title", "--title")
    date = request.date or _ask_date(prompter)
    draft = EntryDraft(person, kind, title, date, [])
    if kind == "feedback":
        draft.giver = prompter.until_valid(request.giver, lambda: prompter.text("From (your person id)", "--from", me),
                                           lambda giver: require_person(project, giver, "the feedback's author"))
        draft.role = request.role or prompter.choice("Your role towards them", "--role", ROLES)
        draft.verdict = request.verdict or prompter.until_valid(
            None, lambda: prompter.optional("Verdict: met or not_yet"), _check_verdict)
    track = portfolio.profile.track
    given = [ref if "/" in ref else f"{track}/{ref}" for ref in request.milestones] or None
    draft.milestones = prompter.until_valid(
        given, lambda: ask_milestones(prompter, milestone_options(project, portfolio), track),
        lambda refs: [_check_milestone(project, ref) for ref in refs])
    for ref in draft.milestones:
        criterion = project.milestone(ref)[2].criterion  # type: ignore[index]
        if criterion.metric and criterion.target:
            draft.metric_hints[criterion.metric] = criterion.target
    draft.competencies = prompter.until_valid(
        list(request.competencies) or None, lambda: ask_competencies(prompter, competency_options(project, portfolio)),
        lambda ids: [_check_competency(project, portfolio, c) for c in ids])
    return draft


def competency_options(project: Project, portfolio: Portfolio) -> list[tuple[str, str, dt.date | None]]:
    """(id, name, due) of the plan's competencies, then the track's others; none without planned ones."""
    plan, track = portfolio.plan, project.track(portfolio.profile.track)
    if plan is None or not plan.competencies or track is None:
        return []
    scope = track_competencies(project, track)
    names = {c.id: c.name for c in scope}
    options = [(c.competency, names.get(c.competency, c.competency), c.due or plan.ends) for c in plan.competencies]
    planned = {c.competency for c in plan.competencies}
    return options + [(c.id, c.name, None) for c in scope if c.id not in planned]


def ask_competencies(prompter: Prompter, options: list[tuple[str, str, dt.date | None]]) -> list[str]:
    if not prompter.interactive or not options:
        return []
    click.echo("Competencies it shows (your plan's first):")
    for number, (cid, name, due) in enumerate(options, 1):
        click.echo(f"  {number:>2}. {cid} {name}" + (f" [planned, due {due.isoformat()}]" if due else ""))
    answer = prompter.optional("Numbers or ids, separated by commas") or ""
    ids = [options[int(t) - 1][0] if t.isdigit() and 1 <= int(t) <= len(options) else t
           for t in answer.replace(",", " ").split()]
    return list(dict.fromkeys(ids))


def _check_competency(project: Project, portfolio: Portfolio, competency_id: str) -> str:
    track = project.track(portfolio.profile.track)
    if track is None or track_competency(project, track, competency_id.partition("@")[0]) is None:
        known = [c.id for c in track_competencies(project, track)] if track else []
        raise UserError(f"'{competency_id}' is not a competency of track '{portfolio.profile.track}'",
                        did_you_mean(competency_id, known) or "the track's page lists its competencies")
    return competency_id


def _ask_date(prompter: Prompter) -> dt.date:
    today = dt.date.today()
    if not prompter.interactive:
        return today
    answer = click.prompt("Date", default=today.isoformat(), type=click.DateTime(formats=["%Y-%m-%d"]))
    return answer.date()


def _check_verdict(verdict: str | None) -> str | None:
    if verdict not in (None, "met", "not_yet"):
        raise UserError(f"'{verdict}' is not a verdict", "answer met or not_yet, or leave it empty")
    return verdict


def _check_milestone(project: Project, ref: str) -> str:
    if project.milestone(ref) is None:
        known = [f"{t.id}/{m.id}" for t in project.tracks for m in t.milestones()]
        raise UserError(f"unknown milestone '{ref}'",
                        did_you_mean(ref, known) or "write it as track-id/milestone-id; the handbook lists them")
    return ref


def render_entry(draft: EntryDraft) -> str:
    """The entry file: front matter in the order the docs use, then a guided body."""
    lines = ["---", f"title: {yaml_scalar(draft.title)}", f"date: {draft.date.isoformat()}", f"kind: {draft.kind}"]
    if draft.kind == "feedback":
        lines += [f"from: {draft.giver}", f"role: {draft.role}"]
        if draft.verdict:
            lines.append(f"verdict: {draft.verdict}")
    lines.append(f"milestones: [{', '.join(draft.milestones)}]")
    if draft.competencies:
        lines.append(f"competencies: [{', '.join(draft.competencies)}]")
    if draft.metric_hints and draft.kind != "feedback":
        example = ", ".join(f"{m}: 0" for m in draft.metric_hints)
        targets = ", ".join(f"{m} {t}" for m, t in draft.metric_hints.items())
        lines.append(f"# metrics: {{{example}}}  # the measured values; the milestones need {targets}")
    lines.append("---")
    return "\n".join(lines) + "\n" + _body(draft)


def _body(draft: EntryDraft) -> str:
    if draft.kind == "reflection":
        parts = [f"## {heading}\n\n<!-- {hint} -->\n" for heading, hint in REFLECTION_PROMPTS]
        return "\n".join(parts)
    return f"<!-- {BODY_HINTS.get(draft.kind, DEFAULT_BODY_HINT)} -->\n"


def entry_path(project: Project, draft: EntryDraft) -> Path:
    slug = slugify(draft.title)
    if not slug:
        raise UserError(f"the title '{draft.title}' has no letters or digits to name the file with",
                        "use a title with some words in it")
    portfolio = project.portfolio(draft.person)  # its folder in whichever source holds it
    folder = portfolio.folder if portfolio else project.portfolios_dir / draft.person
    return folder / "entries" / f"{draft.date.isoformat()}-{slug}.md"


def _validate_text(text: str, display: str) -> None:
    """The same validation `handbook check` applies, so a written entry is always valid."""
    problems = Problems()
    document = read_front_matter(text, display, problems)
    if document is not None:
        validate(document.meta, Entry, problems)
    if problems.errors:
        first = problems.errors[0]
        raise UserError(f"the entry would not be valid: {first.message}", first.hint)


def write_entry(project: Project, draft: EntryDraft) -> Path:
    path = entry_path(project, draft)
    text = render_entry(draft)
    _validate_text(text, display_path(path, project.root))
    return create_file(path, text, project.root)
