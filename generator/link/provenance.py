"""Who really gave each feedback item and approved each waiver, from git, and the rules around it.

Git authorship is a claim, so a feedback item is *verified* only when every line of the
entry that carries it was committed by the person it names (their profile's or
people.yml's email, or their code-host handle in a noreply address), as the commit objects
say (never through `.mailmap`), inside this person's folder: the learner cannot write it,
edit it afterwards, or move it in from someone else's folder. A waiver is verified the
same way over its own lines of the profile. *Signed* adds, for a giver who lists SSH
`keys:`, a signature on those commits by one of those keys; a signature by any other key
makes it unverified. A line from a shallow clone's cut-off commit is *unverifiable*.
Feedback from the learner themself is *self-declared*; outside git provenance is
*unavailable*; a giver who does not hold the role claimed is unverified whatever git says.
Readiness only receives the resulting facts, as data.
"""

from __future__ import annotations

import re
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from generator.link.project import LoadedEntry, Portfolio, Project
from generator.link.roles import (
    RELATIONS,
    approver_refusal,
    check_profile_email,
    check_profile_reporting_line,
    keys_of,
    role_refusal,
)
from generator.model.portfolio import Entry, FeedbackItem, Profile
from generator.problems import Problems
from generator.read.git_history import Commit, History, LineOrigin, repository_top, run_git, signed_with
from generator.read.vcs import in_git_repository

COUNTING = ("signed", "verified")
STATUSES = ("signed", "verified", "unverifiable", "unverified", "self-declared", "unavailable")
NOREPLY = re.compile(r"^(?:\d+\+)?([A-Za-z0-9-]+)@users\.noreply\.(?:github\.com|gitlab\.com)$", re.IGNORECASE)


@dataclass(frozen=True)
class Verification:
    status: str  # one of STATUSES
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


# cache keys beside the person ids, which never contain a space
_GIT, _REPOSITORIES, _TOPS = " in git", " repositories", " tops"
UNAVAILABLE = Verification("unavailable", "the repository is not in git")


def feedback_keys(loaded: LoadedEntry) -> list[tuple[tuple[str, int], str, str]]:
    """((entry id, index), giver, role) of every feedback item of an entry, numbered as readiness does."""
    meta = loaded.meta
    items = [(meta.from_, meta.role)] if meta.kind == "feedback" and meta.from_ and meta.role else []
    items += [(f.from_, f.role) for f in meta.feedback]
    return [((loaded.id, n), giver, role) for n, (giver, role) in enumerate(items)]


def _opens_to(text: str, loaded: LoadedEntry, project: Project) -> bool:
    """Whether an earlier version of an entry holds a sealed block that opens to the entry's opened content."""
    from generator.read.frontmatter import read_front_matter
    from generator.read.sealing import OpenError, open_sealed

    document = read_front_matter(text, "", Problems())
    data = document.meta.data if document else None
    block = data.get("sealed") if isinstance(data, dict) else None
    if not isinstance(block, str):
        return False
    try:
        return open_sealed(block, project.identities) == loaded.opened
    except OpenError:
        return False


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
    def __init__(self, project: Project, root: Path) -> None:
        self.project = project
        self.history = History.open(root)
        self.blames: dict[Path, list[LineOrigin | None] | None] = {}
        self.signatures: dict[tuple[str, str], bool | None] = {}

    def lines(self, path: Path) -> list[LineOrigin | None] | None:
        if path not in self.blames:
            self.blames[path] = self.history.line_origins(path)
        return self.blames[path]

    def prefetch(self, paths: list[Path]) -> None:
        """Blame many files at once: each is one short git process, so threads overlap their waits."""
        todo = [p for p in dict.fromkeys(paths) if p not in self.blames]
        with ThreadPoolExecutor(max_workers=8) as pool:
            blames = list(pool.map(self.history.blame, todo))
        self.history.read_objects({sha for lines in blames if lines for sha, _ in lines})  # one git for them all
        for path, lines in zip(todo, blames, strict=True):
            self.blames[path] = self.history.origins(lines)

    def judge(self, origins: list[LineOrigin | None] | None, person: str, folder: Path) -> Verification:
        """Verified when every line was committed by `person`, inside `folder`, in a history not cut short."""
        if origins is None or not origins:
            return Verification("unverified", "not committed yet")
        if any(o is None for o in origins):
            return Verification("unverified", "has changes not committed yet")
        lines = [o for o in origins if o is not None]
        cut = sorted({o.commit.short for o in lines if o.commit.sha in self.history.shallow})
        if cut:
            return Verification("unverifiable", f"the history is cut short at commit {', '.join(cut)} (a shallow "
                                "clone), so who wrote it cannot be told; fetch the full history with "
                                "'git fetch --unshallow'")
        inside = self.history.relative(folder)
        # ".": the folder is its repository's top (the person's own repository), which holds only them
        moved = sorted({o.path for o in lines
                        if inside is None or (inside != "." and not o.path.startswith(inside + "/"))})
        if moved:
            return Verification("unverified", f"committed as {', '.join(moved)}, outside this person's folder: "
                                "feedback moved from another folder is not theirs")
        authors = ", ".join(sorted({o.commit.email for o in lines}))
        if not all(_matches(self.project, person, o.commit) for o in lines):
            return Verification("unverified", "committed by " + authors)
        keys = keys_of(self.project, person)
        signed = [self._signed(o.commit.sha, person, keys) for o in {o.commit.sha: o for o in lines}.values()]
        if any(s is False for s in signed):
            return Verification("unverified", f"committed as {authors} but signed with a key that is not one "
                                f"of {person}'s keys")
        if signed and all(signed):
            return Verification("signed", f"committed by {authors} and signed with {person}'s key")
        return Verification("verified", "committed by " + authors)

    def sealed_by(self, loaded: LoadedEntry, giver: str, folder: Path) -> bool:
        """Whether a commit by `giver` put a version of this file in `folder` whose block opens to the same content."""
        relative, inside = self.history.relative(loaded.file), self.history.relative(folder)
        if relative is None or inside is None or not relative.startswith(inside + "/"):
            return False
        shas = (run_git(self.history.root, "log", "--no-renames", "--format=%H", "--", str(loaded.file)) or "").split()
        self.history.read_objects(set(shas))
        for sha in shas:
            raw = self.history.objects.get(sha)
            if raw is None or sha in self.history.shallow or not _matches(self.project, giver, raw.commit):
                continue
            text = run_git(self.history.root, "show", f"{sha}:{relative}")
            if text is not None and _opens_to(text, loaded, self.project):
                return True
        return False

    def _signed(self, sha: str, person: str, keys: list[str]) -> bool | None:
        """None when unsigned or when `person` lists no SSH key to check it with (it is then only verified)."""
        if not any(k.startswith(("ssh-ed25519 ", "ssh-rsa ")) for k in keys):
            return None
        if (sha, person) not in self.signatures:
            raw = self.history.objects.get(sha)
            self.signatures[sha, person] = signed_with(raw, keys, person) if raw else None
        return self.signatures[sha, person]


def verify_portfolio(project: Project, portfolio: Portfolio) -> Provenance:
    """The verification facts of one portfolio (cached on the project: git is asked once per file)."""
    cache = project.provenance
    if portfolio.id in cache:
        return cache[portfolio.id]
    if _GIT not in cache:
        cache[_GIT] = in_git_repository(project.root)
    verifier = _verifier(project, portfolio.folder)
    if verifier is not None:  # this person's files only: a rebuild of one changed person blames nobody else's
        verifier.prefetch([e.file for e in portfolio.entries if feedback_keys(e)]
                          + ([portfolio.folder / "profile.yml"] if portfolio.profile.waivers else []))
    result = Provenance()
    profile = portfolio.profile
    for loaded in portfolio.entries:
        for key, giver, role in feedback_keys(loaded):
            refused = role_refusal(project, profile, portfolio.id, giver, role)
            if role == "self" or giver == portfolio.id:
                result.feedback[key] = Verification("self-declared", "given by the portfolio's owner")
            elif refused:
                result.feedback[key] = Verification("unverified", refused[0])
            elif verifier is None:
                result.feedback[key] = UNAVAILABLE
            elif loaded.opened is not None and key[1] == 0:
                result.feedback[key] = _judge_sealed(project, verifier, loaded, giver, portfolio.folder)
            else:
                result.feedback[key] = verifier.judge(verifier.lines(loaded.file), giver, portfolio.folder)
    for i, waiver in enumerate(profile.waivers):
        refused = approver_refusal(project, profile, portfolio.id, waiver.approved_by)
        if waiver.approved_by == portfolio.id:
            result.waivers[i] = Verification("self-declared", "approved by the portfolio's owner")
        elif refused:
            result.waivers[i] = Verification("unverified", refused[0])
        elif verifier is None:
            result.waivers[i] = UNAVAILABLE
        else:
            commits = verifier.lines(portfolio.folder / "profile.yml")
            first, last = _waiver_lines(profile, i)
            result.waivers[i] = verifier.judge(commits[first - 1:last] if commits else None, waiver.approved_by,
                                               portfolio.folder)
    cache[portfolio.id] = result
    return result


def _judge_sealed(project: Project, verifier: _Verifier, loaded: LoadedEntry, giver: str,
                  folder: Path) -> Verification:
    """A sealed entry is the giver's when its envelope lines are, and its sealed content is too.

    The content is the giver's when they committed its block; or when they committed its
    `sealed_digest` (among the envelope lines) and the block opened to that digest; or when a
    version of this file they committed (inside this folder) opens to the same content.
    `handbook feedback reseal` re-encrypts a block to new readers without changing what it says.
    """
    origins = verifier.lines(loaded.file)
    whole = verifier.judge(origins, giver, folder)
    if whole.counts or not origins or any(o is None for o in origins):
        return whole
    first, last = sealed_lines(loaded)
    outside = verifier.judge(origins[:first - 1] + origins[last:], giver, folder)
    if not outside.counts:
        return outside
    if loaded.meta.sealed_digest is not None:  # checked against the opened content when it was opened
        return Verification(outside.status, outside.reason + "; its sealed content matches the digest the "
                            "giver committed")
    if verifier.sealed_by(loaded, giver, folder):
        return Verification(outside.status, outside.reason + "; its sealed content as the giver committed it")
    return whole


def sealed_lines(loaded: LoadedEntry) -> tuple[int, int]:
    """First and last line of the file that hold the `sealed:` key and its block."""
    meta = loaded.meta
    first = meta.key_pos("sealed").line
    return first, first + len((meta.sealed or "").strip().splitlines())


def _verifier(project: Project, folder: Path) -> _Verifier | None:
    """The verifier of the git repository holding `folder`: the handbook's, a checkout beside it or a submodule.

    Each repository's history is read once; None outside git (provenance is then unavailable).
    """
    repositories: dict[Path | None, _Verifier | None] = project.provenance.setdefault(_REPOSITORIES, {})
    tops: dict[Path, Path | None] = project.provenance.setdefault(_TOPS, {})
    # a folder without its own .git is in its parent's repository: one git call per parent, not per person
    key = folder if (folder / ".git").exists() else folder.parent
    if key not in tops:
        tops[key] = repository_top(key)
    top = tops[key]
    if top not in repositories:
        repositories[top] = _Verifier(project, top) if top else None
    return repositories[top]


def refusals(project: Project, portfolio: Portfolio) -> tuple[frozenset[tuple[str, int]], frozenset[str]]:
    """Feedback items whose giver does not hold their role, and waivers of approvers who may not approve."""
    profile, owner = portfolio.profile, portfolio.id
    items = frozenset(key for loaded in portfolio.entries for key, giver, role in feedback_keys(loaded)
                      if role_refusal(project, profile, owner, giver, role))
    waivers = frozenset(w.milestone for w in profile.waivers
                        if approver_refusal(project, profile, owner, w.approved_by))
    return items, waivers


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
        if (refused := approver_refusal(project, profile, owner, waiver.approved_by)):
            problems.add(profile.path, profile.pos("waivers", i, "approved_by"), "waiver-approver", *refused)
    check_profile_email(project, portfolio, problems)
    check_profile_reporting_line(project, portfolio, problems)
    for loaded in portfolio.entries:
        _check_feedback(project, portfolio, loaded, problems)
    from generator.link.sealed import check_sealed

    check_sealed(project, portfolio, problems)


def _check_feedback(project: Project, portfolio: Portfolio, loaded: LoadedEntry, problems: Problems) -> None:
    profile, owner, meta = portfolio.profile, portfolio.id, loaded.meta
    records: list[Entry | FeedbackItem] = [meta] if meta.kind == "feedback" and meta.from_ and meta.role else []
    records += meta.feedback
    for record in records:
        giver, role = record.from_, record.role
        if giver is None or role is None:
            continue  # not feedback: the entry's own checks say what it lacks
        if giver == owner and role != "self":
            problems.add(record.path, record.pos("role"), "self-feedback",
                         f"feedback from {owner} on their own portfolio has role: {role}",
                         "write role: self for a self-assessment; feedback from others is committed by them")
        elif role == "self" and giver != owner:
            problems.add(record.path, record.pos("role"), "self-feedback",
                         f"role: self is for {owner}'s own assessment, but the feedback is from {giver}",
                         "give the role the giver has towards the person, such as peer")
        elif (refused := role_refusal(project, profile, owner, giver, role)):
            problems.add(record.path, record.pos("role"), "wrong-role", *refused)
