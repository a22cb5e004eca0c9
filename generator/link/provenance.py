"""Who really gave each feedback item and approved each waiver, from git, and the rules around it.

Git authorship is a claim, so a feedback item is *verified* only when every line of the
entry that carries it was committed by the person it names (their profile's or
people.yml's email, or their code-host handle in a noreply address): the learner cannot
write it, nor edit it afterwards. A waiver is verified the same way over its own lines of
the profile. *Signed* adds a good signature on those commits (`git verify-commit`).
Feedback from the learner themself is *self-declared*; outside git provenance is
*unavailable*. Readiness only receives the resulting facts, as data.
"""

from __future__ import annotations

import re
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from generator.link.project import LoadedEntry, Portfolio, Project
from generator.model.portfolio import Entry, FeedbackItem, Profile
from generator.problems import Problems
from generator.read.git_history import Commit, good_signature, read_line_commits
from generator.vcs import in_git_repository

RELATIONS = ("manager", "mentor", "sponsor")
COUNTING = ("signed", "verified")
NOREPLY = re.compile(r"^(?:\d+\+)?([A-Za-z0-9-]+)@users\.noreply\.(?:github\.com|gitlab\.com)$", re.IGNORECASE)


@dataclass(frozen=True)
class Verification:
    status: str  # signed | verified | unverified | self-declared | unavailable
    reason: str

    @property
    def counts(self) -> bool:
        return self.status in COUNTING


@dataclass
class Provenance:
    """Verification of one portfolio's feedback, keyed (entry id, item index), and waivers by index."""

    feedback: dict[tuple[str, int], Verification] = field(default_factory=dict)
    waivers: dict[int, Verification] = field(default_factory=dict)

    def verified_feedback(self) -> set[tuple[str, int]]:
        return {key for key, v in self.feedback.items() if v.counts}

    def verified_waivers(self, profile: Profile) -> set[str]:
        return {w.milestone for i, w in enumerate(profile.waivers) if self.waivers.get(i, UNAVAILABLE).counts}


_GIT, _VERIFIER = " in git", " verifier"  # cache keys beside the person ids, which never contain a space
UNAVAILABLE = Verification("unavailable", "the repository is not in git")


def feedback_keys(loaded: LoadedEntry) -> list[tuple[tuple[str, int], str, str]]:
    """((entry id, index), giver, role) of every feedback item of an entry, numbered as readiness does."""
    meta = loaded.meta
    items = [(meta.from_, meta.role)] if meta.kind == "feedback" and meta.from_ and meta.role else []
    items += [(f.from_, f.role) for f in meta.feedback]
    return [((loaded.id, n), giver, role) for n, (giver, role) in enumerate(items)]


def _matches(project: Project, person: str, commit: Commit) -> bool:
    """Whether `commit` was authored by `person`: their email, or their handle's noreply address."""
    email = (project.email_of(person) or "").strip().casefold()
    if email and commit.email.strip().casefold() == email:
        return True
    handle = (handle_of(project, person) or "").lstrip("@").casefold()
    noreply = NOREPLY.match(commit.email.strip())
    return bool(handle and noreply and noreply.group(1).casefold() == handle)


def handle_of(project: Project, person: str) -> str | None:
    portfolio = project.portfolio(person)
    if portfolio and portfolio.profile.handle:
        return portfolio.profile.handle
    return next((p.handle for p in project.people if p.id == person), None)


class _Verifier:
    def __init__(self, project: Project) -> None:
        self.project = project
        self.blames: dict[Path, list[Commit | None] | None] = {}
        self.signatures: dict[str, bool] = {}

    def lines(self, path: Path) -> list[Commit | None] | None:
        if path not in self.blames:
            self.blames[path] = read_line_commits(self.project.root, path)
        return self.blames[path]

    def prefetch(self, paths: list[Path]) -> None:
        """Blame many files at once: each is one short git process, so threads overlap their waits."""
        todo = [p for p in dict.fromkeys(paths) if p not in self.blames]
        with ThreadPoolExecutor(max_workers=8) as pool:
            for path, lines in zip(todo, pool.map(lambda p: read_line_commits(self.project.root, p), todo),
                                   strict=True):
                self.blames[path] = lines

    def judge(self, commits: list[Commit | None] | None, person: str) -> Verification:
        if commits is None or not commits:
            return Verification("unverified", "not committed yet")
        if any(c is None for c in commits):
            return Verification("unverified", "has changes not committed yet")
        authors = {c.email for c in commits if c is not None}
        if not all(c is not None and _matches(self.project, person, c) for c in commits):
            return Verification("unverified", "committed by " + ", ".join(sorted(authors)))
        shas = {c.sha for c in commits if c is not None}
        for sha in shas - self.signatures.keys():
            self.signatures[sha] = good_signature(self.project.root, sha)
        if all(self.signatures[sha] for sha in shas):
            return Verification("signed", "committed and signed by " + ", ".join(sorted(authors)))
        return Verification("verified", "committed by " + ", ".join(sorted(authors)))


def verify_portfolio(project: Project, portfolio: Portfolio) -> Provenance:
    """The verification facts of one portfolio (cached on the project: git is asked once per file)."""
    cache = project.provenance
    if portfolio.id in cache:
        return cache[portfolio.id]
    if _GIT not in cache:
        cache[_GIT] = in_git_repository(project.root)
        cache[_VERIFIER] = _Verifier(project)
    in_git, verifier = cache[_GIT], cache[_VERIFIER]
    if in_git:  # this person's files only: a rebuild of one changed person blames nobody else's
        verifier.prefetch([e.file for e in portfolio.entries if feedback_keys(e)]
                          + ([portfolio.folder / "profile.yml"] if portfolio.profile.waivers else []))
    result = Provenance()
    for loaded in portfolio.entries:
        for key, giver, role in feedback_keys(loaded):
            if role == "self" or giver == portfolio.id:
                result.feedback[key] = Verification("self-declared", "given by the portfolio's owner")
            elif not in_git:
                result.feedback[key] = UNAVAILABLE
            else:
                result.feedback[key] = verifier.judge(verifier.lines(loaded.file), giver)
    profile = portfolio.profile
    for i, waiver in enumerate(profile.waivers):
        if waiver.approved_by == portfolio.id:
            result.waivers[i] = Verification("self-declared", "approved by the portfolio's owner")
        elif not in_git:
            result.waivers[i] = UNAVAILABLE
        else:
            commits = verifier.lines(portfolio.folder / "profile.yml")
            first, last = _waiver_lines(profile, i)
            result.waivers[i] = verifier.judge(commits[first - 1:last] if commits else None, waiver.approved_by)
    cache[portfolio.id] = result
    return result


def _waiver_lines(profile: Profile, index: int) -> tuple[int, int]:
    """First and last line of a waiver in profile.yml: up to the next thing the document positions."""
    doc = profile._doc
    first = profile.pos("waivers", index).line
    if doc is None:
        return first, first
    inside = ("waivers", index)
    later = [pos[0] for table in (doc.values, doc.keys) for loc, pos in table.items()
             if pos[0] > first and loc[:2] != inside]
    return first, (min(later) - 1 if later else 10**9)


def check_provenance(project: Project, problems: Problems) -> None:
    """Located errors for claims a portfolio may not make about who said or approved what."""
    for portfolio in project.portfolios:
        check_portfolio_provenance(project, portfolio, problems)


def check_portfolio_provenance(project: Project, portfolio: Portfolio, problems: Problems) -> None:
    """`check_provenance` for one portfolio."""
    profile, owner = portfolio.profile, portfolio.id
    for relation in RELATIONS:
        if getattr(profile, relation) == owner:
            problems.add(profile.path, profile.pos(relation), "self-reference",
                         f"{relation}: names {owner}, the person themself",
                         f"name the person's actual {relation}, or remove the key")
    seen: dict[str, int] = {}
    for i, waiver in enumerate(profile.waivers):
        if waiver.approved_by == owner:
            problems.add(profile.path, profile.pos("waivers", i, "approved_by"), "self-approved",
                         f"the waiver of '{waiver.milestone}' is approved by {owner}, the person themself",
                         "a waiver must be approved by someone else, such as the manager")
        if waiver.milestone in seen:
            first = profile.pos("waivers", seen[waiver.milestone])
            problems.add(profile.path, profile.pos("waivers", i), "duplicate-waiver",
                         f"'{waiver.milestone}' is waived twice (first on line {first.line})",
                         "keep one waiver per milestone")
        else:
            seen[waiver.milestone] = i
    for loaded in portfolio.entries:
        _check_feedback(project, portfolio, loaded, problems)


def _check_feedback(project: Project, portfolio: Portfolio, loaded: LoadedEntry, problems: Problems) -> None:
    profile, owner, meta = portfolio.profile, portfolio.id, loaded.meta
    records: list[Entry | FeedbackItem] = [meta] if meta.kind == "feedback" and meta.from_ and meta.role else []
    records += meta.feedback
    for record in records:
        giver, role = record.from_, record.role
        if giver == owner and role != "self":
            problems.add(record.path, record.pos("role"), "self-feedback",
                         f"feedback from {owner} on their own portfolio has role: {role}",
                         "write role: self for a self-assessment; feedback from others is committed by them")
        elif role == "self" and giver != owner:
            problems.add(record.path, record.pos("role"), "self-feedback",
                         f"role: self is for {owner}'s own assessment, but the feedback is from {giver}",
                         "give the role the giver has towards the person, such as peer")
        elif role in RELATIONS and (named := getattr(profile, role)) and giver != named:
            problems.add(record.path, record.pos("role"), "wrong-role",
                         f"{giver} is not {owner}'s {role}: the profile names {named}",
                         f"use the role {giver} actually has, such as peer, or ask {named} for this feedback")
