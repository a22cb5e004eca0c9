"""Readiness of a loaded portfolio, and plain-word next steps for what is missing."""

from __future__ import annotations

from dataclasses import dataclass

from generator.assess.readiness import MilestoneResult, Readiness, Trust, assess_readiness
from generator.link.project import LoadedEntry, Portfolio, Project
from generator.model.portfolio import Entry
from generator.model.types import duration_words


def assess_portfolio(project: Project, portfolio: Portfolio, version: str | None = None) -> Readiness:
    """Readiness against `version`, else the version the person is assessed against (see assessed_version)."""
    from generator.link.competencies import track_competencies
    from generator.link.versions import view_for_version

    project = view_for_version(project, version or assessed_version(project, portfolio))
    assert project.framework is not None
    track = project.track(portfolio.profile.track)
    assert track is not None, "validated by check_references"
    entries = [(e.id, opened_meta(e)) for e in portfolio.entries]
    bodies = {e.id: e.opened.text if e.opened else e.body for e in portfolio.entries}
    return assess_readiness(project.framework, track, portfolio.id, portfolio.profile, entries,
                            project.as_of, bodies, track_competencies(project, track),
                            trust_of(project, portfolio))


def assessed_version(project: Project, portfolio: Portfolio) -> str | None:
    """The profile's pin; else, under `assess_against: release_at_since`, the release in force at its
    `since` (the newest released on or before it); None for the current content."""
    from generator.link.versions import content_of, known_versions

    if portfolio.profile.framework:
        return portfolio.profile.framework
    assert project.framework is not None
    if project.framework.readiness.assess_against != "release_at_since":
        return None
    dated = [(released, v) for v in known_versions(project)
             if (released := content_of(project, v).framework.released) and released <= portfolio.profile.since]
    return max(dated)[1] if dated else None


def opened_meta(loaded: LoadedEntry) -> Entry:
    """The entry as readiness reads it: a sealed entry that was opened gains its verdict."""
    if loaded.opened is None:
        return loaded.meta
    copy = loaded.meta.model_copy(update={"verdict": loaded.opened.verdict})
    copy._doc, copy._loc = loaded.meta._doc, loaded.meta._loc
    return copy


def trust_of(project: Project, portfolio: Portfolio) -> Trust:
    """The verification facts readiness may rely on, under the framework's policy.

    Feedback and waivers from someone who does not hold the role never count, whatever the policy.
    """
    from generator.link.provenance import refusals, verify_portfolio

    assert project.framework is not None
    refused, refused_waivers = refusals(project, portfolio)
    sealed = frozenset(e.id for e in portfolio.entries if e.meta.sealed and e.opened is None)
    roles = project.framework.readiness.roles_needing_verification()
    if not roles:
        return Trust(refused=refused, refused_waivers=refused_waivers, sealed=sealed)
    provenance = verify_portfolio(project, portfolio)
    cut_short = frozenset(key for key, v in provenance.feedback.items() if v.status == "unverifiable")
    return Trust(roles, frozenset(provenance.verified_feedback()),
                 frozenset(provenance.verified_waivers(portfolio.profile)), refused, refused_waivers, sealed,
                 cut_short)


ROLE_NAMES = {"self": "a self-assessment", "peer": "a peer", "manager": "your manager", "mentor": "your mentor",
              "sponsor": "your sponsor", "committee": "a committee member", "customer": "a customer"}


def best_so_far(result: MilestoneResult) -> str:
    """The best measured value of a milestone's metric, "best so far: 62 %, self-reported"; empty if none."""
    if result.measured is None:
        return ""
    return (f"best so far: {result.milestone.criterion.amount(result.measured)}"
            + (", self-reported" if result.self_reported else ""))


def explain_missing(result: MilestoneResult, code: str) -> str:
    """What to do about one missing code, in plain words."""
    m = result.milestone
    need = m.evidence
    if code == "entries":
        more = need.entries - len(result.evidence)
        return f"add {more} more evidence entr{'y' if more == 1 else 'ies'} linked to it"
    if code == "criterion" and m.criterion.metric:
        best = best_so_far(result)
        return f"show {m.criterion.rule()} in an evidence entry" + (f" ({best})" if best else "")
    if code == "criterion":
        uncounted = [f for f in result.feedback if f.verdict == "met" and not f.counts]
        if uncounted and all(f.unverifiable for f in uncounted):  # a CI checkout with --depth: not a learner's doing
            return ("fetch the full git history ('git fetch --unshallow', or a checkout with fetch-depth: 0): "
                    "this clone is cut short, so who committed the 'met' verdict cannot be told and it does "
                    "not count")
        unverified = sorted({f.giver for f in uncounted})
        if unverified:  # the verdict is there, but the learner (or nobody in git) committed it
            return (f"have {', '.join(unverified)} commit their 'met' verdict themselves, with their own git "
                    "identity: as it stands it is unverified and does not count")
        return "get a 'met' verdict from a manager, sponsor or committee member"
    if code.startswith("feedback:"):
        return f"ask {ROLE_NAMES.get(code[9:], code[9:])} for feedback on it"
    if code == "occurrences":
        return f"show it on {need.occurrences} different dates"
    if code == "spread":
        return f"spread the evidence over at least {duration_words(need.spread)}"
    return code


@dataclass
class NextStep:
    result: MilestoneResult
    actions: list[str]


def next_steps(readiness: Readiness) -> list[NextStep]:
    """Unmet milestones, those that move the status most first.

    Overdue milestones block 'on track' whatever else happens, so they come first;
    then the ones closest to done (fewest missing codes), then the nearest deadline.
    """
    open_ = [r for r in readiness.milestones if r.status not in ("met", "waived")]
    order = {"overdue": 0, "in_progress": 1, "not_started": 2}
    open_.sort(key=lambda r: (order[r.status], len(r.missing),
                              r.days_left if r.days_left is not None else 10**6, r.ref))
    return [NextStep(r, [explain_missing(r, c) for c in r.missing]) for r in open_]
