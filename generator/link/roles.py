"""Who may speak for a role: committee members, the people a profile names, one email per person.

A role is a claim the learner writes; it counts only when the giver holds it: `committee`
feedback from people marked `committee: true`, `manager`, `mentor` and `sponsor` feedback
from the one person the profile names (none when it names nobody). Waivers are approved by
the manager, the sponsor or a committee member. An email identifies one person (commits by
it are theirs), and reporting lines end somewhere.
"""

from __future__ import annotations

from generator.link.project import PersonFacts, Portfolio, Project
from generator.model.base import Strict
from generator.model.portfolio import Person, Profile
from generator.problems import Problems

RELATIONS = ("manager", "mentor", "sponsor")


def facts(project: Project) -> tuple[dict[str, PersonFacts], dict[str, str]]:
    """Every profile's facts (loaded portfolios over the directory of unloaded ones), and each email's first owner.

    Built once per change of either, since every portfolio's check looks people up in it.
    """
    size = len(project.portfolios) + len(project.directory)
    cached = project._indexes.get("facts")
    if cached is None or cached[0] is not project.portfolios or cached[1] != size:
        known = dict(project.directory)
        known.update((p.id, PersonFacts.of(p.profile)) for p in project.portfolios)
        emails: dict[str, str] = {}
        for person in sorted(known):
            if (email := _email(known[person].email)):
                emails.setdefault(email, person)
        cached = project._indexes["facts"] = (project.portfolios, size, {"known": known, "emails": emails})
    return cached[2]["known"], cached[2]["emails"]


def _email(value: str | None) -> str:
    return (value or "").strip().casefold()


def committee_member(project: Project, person: str) -> bool:
    """Whether `person` sits on the committee: `committee: true` in their profile or in people.yml."""
    listed = project._person(person)
    profile = facts(project)[0].get(person)
    return bool((profile and profile.committee) or (listed and listed.committee))


def keys_of(project: Project, person: str) -> list[str]:
    """The person's public keys, from their profile and people.yml."""
    portfolio = project.portfolio(person)
    listed = project._person(person)
    return [*(portfolio.profile.keys if portfolio else []), *(listed.keys if listed else [])]


def role_refusal(project: Project, profile: Profile, owner: str, giver: str, role: str) -> tuple[str, str] | None:
    """(message, hint) when `giver` may not give feedback as `role` on `owner`'s portfolio, else None."""
    if giver == owner:
        return None  # self-feedback has its own rule
    if role == "committee" and not committee_member(project, giver):
        return (f"{giver} is not a committee member, so their feedback cannot have role: committee",
                f"use the role {giver} has towards {owner}, such as peer; committee members are marked "
                "'committee: true' in portfolios/people.yml or their profile")
    if role in RELATIONS:
        named = getattr(profile, role)
        if named is None:
            return (f"{owner}'s profile names no {role}, so no one may give {role} feedback",
                    f"use the role {giver} actually has, such as peer, or name {owner}'s {role} in the profile")
        if giver != named:
            return (f"{giver} is not {owner}'s {role}: the profile names {named}",
                    f"use the role {giver} actually has, such as peer, or ask {named} for this feedback")
    return None


def approver_refusal(project: Project, profile: Profile, owner: str, approver: str) -> tuple[str, str] | None:
    """(message, hint) when `approver` may not approve `owner`'s waivers, else None."""
    if approver == owner or approver in (profile.manager, profile.sponsor):
        return None  # approving one's own waiver has its own rule
    if committee_member(project, approver):
        return None
    named = " or ".join(f"{r} {getattr(profile, r)}" for r in ("manager", "sponsor") if getattr(profile, r))
    return (f"{approver} may not approve {owner}'s waivers: only the manager, the sponsor or a committee member may",
            f"have {named or 'a committee member'} approve it" + ("" if named else
                                                                  ", or name the manager in the profile"))


def _duplicate_email(problems: Problems, record: Strict, person: str, other: str, where: str) -> None:
    problems.add(record.path, record.pos("email"), "duplicate-email",
                 f"{person}'s email is also {other}'s (in {where})",
                 f"an email belongs to one person, and git commits by it count as theirs: give {person} "
                 "their own email")


def check_people_emails(project: Project, problems: Problems) -> None:
    """One email per person within people.yml (a profile is checked against everyone by its own check)."""
    seen: dict[str, Person] = {}
    for person in project.people:
        email = _email(person.email)
        if email and email in seen and seen[email].id != person.id:
            first = seen[email].pos("email")
            _duplicate_email(problems, person, person.id, seen[email].id, f"{person.path}:{first.line}:{first.column}")
        elif email:
            seen.setdefault(email, person)


def check_profile_email(project: Project, portfolio: Portfolio, problems: Problems) -> None:
    """A profile's email is nobody else's: not in people.yml, nor in a profile of a person with an earlier id."""
    email = _email(portfolio.profile.email)
    if not email or project._person(portfolio.id):
        return  # no email, or a duplicate id (reported as such)
    for person in project.people:
        if person.id != portfolio.id and _email(person.email) == email:
            where = person.pos("email")
            _duplicate_email(problems, portfolio.profile, portfolio.id, person.id,
                             f"{person.path}:{where.line}:{where.column}")
            return
    known, emails = facts(project)
    owner = emails.get(email)
    if owner is not None and owner != portfolio.id and owner < portfolio.id:
        _duplicate_email(problems, portfolio.profile, portfolio.id, owner, known[owner].path)


def _manager(project: Project, person: str) -> str | None:
    """Who manages `person`: their profile says so over people.yml."""
    profile = facts(project)[0].get(person)
    if profile is not None:
        return profile.manager
    listed = project._person(person)
    return listed.manager if listed else None


def _cycle_from(project: Project, start: str) -> list[str] | None:
    """The reporting cycle through `start` when `start` is its smallest id, else None."""
    path = [start]
    person = _manager(project, start)
    while person is not None and person not in path:
        path.append(person)
        person = _manager(project, person)
    if person != start or len(path) < 2 or min(path) != start:
        return None  # no cycle through start, managing oneself (reported as such), or reported from its first id
    return path


def _cycle_problem(problems: Problems, record: Strict, cycle: list[str]) -> None:
    problems.add(record.path, record.pos("manager"), "reporting-cycle",
                 "the reporting line goes round in a circle: " + " → ".join([*cycle, cycle[0]])
                 + " (each is managed by the next)",
                 "fix the manager of one of them, so that the line ends with someone who has no manager")


def check_reporting_lines(project: Project, problems: Problems) -> None:
    """In people.yml: a person managing themself, and cycles found from a person without a profile."""
    known = facts(project)[0]
    for person in project.people:
        if person.manager and person.manager == person.id:
            problems.add(person.path, person.pos("manager"), "self-reference",
                         f"manager: names {person.id}, the person themself",
                         "name the person's actual manager, or remove the key")
        elif person.manager and person.id not in known and (cycle := _cycle_from(project, person.id)):
            _cycle_problem(problems, person, cycle)


def check_profile_reporting_line(project: Project, portfolio: Portfolio, problems: Problems) -> None:
    """A cycle through this person's manager, reported once: from the cycle's smallest id."""
    if portfolio.profile.manager and (cycle := _cycle_from(project, portfolio.id)):
        _cycle_problem(problems, portfolio.profile, cycle)
