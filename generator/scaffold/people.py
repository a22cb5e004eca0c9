"""Who is who: matching the git user to a person of the handbook."""

from __future__ import annotations

from generator.link.project import Portfolio, Project
from generator.model.errors import did_you_mean
from generator.problems import UserError
from generator.read.vcs import git_user_email


def person_by_email(project: Project, email: str | None) -> str | None:
    """The id of the profile (or else people.yml entry) whose email is `email`, ignoring case."""
    if not email:
        return None
    wanted = email.strip().casefold()
    for portfolio in project.portfolios:
        if (portfolio.profile.email or "").casefold() == wanted:
            return portfolio.id
    return next((p.id for p in project.people if (p.email or "").casefold() == wanted), None)


def current_person(project: Project) -> str | None:
    """The person committing here, found from `git config user.email`."""
    return person_by_email(project, git_user_email(project.root))


def require_portfolio(project: Project, person: str) -> Portfolio:
    portfolio = project.portfolio(person)
    if portfolio is None:
        ids = [p.id for p in project.portfolios]
        raise UserError(f"no portfolio for '{person}' under portfolios/",
                        did_you_mean(person, ids) or "create one with 'handbook new person'")
    return portfolio


def require_person(project: Project, person: str, what: str) -> str:
    known = sorted(project.person_ids())
    if person not in known:
        raise UserError(f"unknown person '{person}' as {what}",
                        did_you_mean(person, known) or "add them to portfolios/people.yml first")
    return person
