"""Checks of a personal plan (portfolios/<id>/plan.yml) against the framework and the profile."""

from __future__ import annotations

import datetime as dt

from generator.link.competencies import track_competencies, track_competency
from generator.link.project import Portfolio, Project
from generator.model.base import Strict
from generator.model.errors import did_you_mean
from generator.model.plan import Plan
from generator.problems import Problems


def check_plan(project: Project, portfolio: Portfolio, problems: Problems) -> None:
    """Every planned item exists on the person's track, dates fall in the period, people are known."""
    plan = portfolio.plan
    if plan is None:
        return
    _check_period(project, plan, problems)
    _check_milestones(project, portfolio, plan, problems)
    _check_competencies(project, portfolio, plan, problems)
    _check_people(project, portfolio, plan, problems)


def _outside(plan: Plan, day: dt.date) -> bool:
    """Outside a well-formed period (a backwards period is reported once, by itself)."""
    return plan.starts <= plan.ends and not plan.starts <= day <= plan.ends


def _warn_outside(plan: Plan, record: Strict, key: tuple[str | int, ...], day: dt.date, what: str,
                  problems: Problems) -> None:
    if _outside(plan, day):
        problems.warn(record.path, record.pos(*key), "plan-date-outside",
                      f"{what} {day.isoformat()} is outside the plan's period "
                      f"({plan.starts.isoformat()} to {plan.ends.isoformat()})",
                      "move the date into the period, or change 'starts'/'ends'")


def _check_period(project: Project, plan: Plan, problems: Problems) -> None:
    if plan.ends < plan.starts:
        problems.add(plan.path, plan.pos("ends"), "plan-period",
                     f"the plan ends ({plan.ends.isoformat()}) before it starts ({plan.starts.isoformat()})",
                     "swap the dates or correct one of them")
        return
    if plan.ends < project.as_of:
        problems.warn(plan.path, plan.pos("ends"), "plan-ended",
                      f"the plan ended on {plan.ends.isoformat()}, before {project.as_of.isoformat()}",
                      "agree the next period's plan with your manager and update plan.yml")
    for review in plan.reviews:
        _warn_outside(plan, review, ("date",), review.date, "review date", problems)
    for check_in in plan.check_ins:
        if _outside(plan, check_in.first):
            problems.add(check_in.path, check_in.pos("first"), "plan-date-outside",
                         f"first check-in {check_in.first.isoformat()} is outside the plan's period "
                         f"({plan.starts.isoformat()} to {plan.ends.isoformat()})",
                         "start the check-ins within the period")


def _check_milestones(project: Project, portfolio: Portfolio, plan: Plan, problems: Problems) -> None:
    track = project.track(portfolio.profile.track)
    seen: dict[str, int] = {}
    for i, item in enumerate(plan.milestones):
        if item.due:
            _warn_outside(plan, item, ("due",), item.due, "due date", problems)
        if item.milestone in seen:
            first = plan.milestones[seen[item.milestone]].pos("milestone")
            problems.add(item.path, item.pos("milestone"), "plan-duplicate",
                         f"milestone '{item.milestone}' is planned twice (first at line {first.line})",
                         "keep one of them")
            continue
        seen[item.milestone] = i
        if track is None:
            continue
        track_id = item.milestone.partition("/")[0]
        if track_id != track.id:
            problems.add(item.path, item.pos("milestone"), "plan-other-track",
                         f"milestone '{item.milestone}' is not on your track '{track.id}'",
                         f"plan milestones of content/tracks/{track.id}.yml")
        elif project.milestone(item.milestone) is None:
            known = [f"{track.id}/{m.id}" for m in track.milestones()]
            problems.add(item.path, item.pos("milestone"), "unknown-milestone",
                         f"unknown milestone '{item.milestone}'",
                         did_you_mean(item.milestone, known) or f"see the milestones of content/tracks/{track.id}.yml")


def _check_competencies(project: Project, portfolio: Portfolio, plan: Plan, problems: Problems) -> None:
    track = project.track(portfolio.profile.track)
    if track is None:
        return
    scope = [c.id for c in track_competencies(project, track)]
    every = {c.id for c in project.competencies}
    seen: set[str] = set()
    for item in plan.competencies:
        if item.due:
            _warn_outside(plan, item, ("due",), item.due, "due date", problems)
        if item.competency in seen:
            problems.add(item.path, item.pos("competency"), "plan-duplicate",
                         f"competency '{item.competency}' is planned twice", "keep one of them")
            continue
        seen.add(item.competency)
        if item.competency in project.unresolved["competency"] or track_competency(project, track, item.competency):
            continue  # a competency of the track, or one a competency of the track extends
        if item.competency in every:
            problems.add(item.path, item.pos("competency"), "plan-other-track",
                         f"competency '{item.competency}' is not one of track '{portfolio.profile.track}''s",
                         did_you_mean(item.competency, scope) or "plan competencies your track uses")
        else:
            problems.add(item.path, item.pos("competency"), "unknown-competency",
                         f"unknown competency '{item.competency}'",
                         did_you_mean(item.competency, scope) or "see the competencies of your track")


def _check_people(project: Project, portfolio: Portfolio, plan: Plan, problems: Problems) -> None:
    people = sorted(project.person_ids())
    unresolved = project.unresolved["person"]

    def known(record: Strict, key: str, person: str | None) -> None:
        if person and person not in people and person not in unresolved:
            problems.add(record.path, record.pos(key), "unknown-person", f"unknown person '{person}'",
                         did_you_mean(person, people) or "add them to portfolios/people.yml")

    known(plan, "agreed_with", plan.agreed_with)
    if plan.agreed_with == portfolio.id:
        problems.add(plan.path, plan.pos("agreed_with"), "self-agreed",
                     f"the plan is agreed with {portfolio.id}, the person themself",
                     "name who agreed the plan with you, usually your manager, and have them commit it")
    for check_in in plan.check_ins:
        known(check_in, "with", check_in.with_)
        if check_in.with_ is None and portfolio.profile.manager is None:
            problems.add(check_in.path, check_in.pos(), "check-in-with",
                         "this check-in has no 'with' and the profile names no manager",
                         "add 'with: <person id>' to the check-in, or 'manager:' to profile.yml")
