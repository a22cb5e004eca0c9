"""What a committee reads instead of codes: readiness gaps, counts and provenance as sentences."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import PurePosixPath

from generator.assess.readiness import MilestoneResult
from generator.read.git_history import Commit

# Who a feedback role is, seen by a committee member reading someone else's portfolio.
ROLE_WORDS = {"self": "a self-assessment", "peer": "a peer", "manager": "their manager", "mentor": "their mentor",
              "sponsor": "their sponsor", "committee": "a committee member", "customer": "a customer"}


def plural(n: int, one: str, many: str | None = None) -> str:
    return f"{n} {one if n == 1 else (many or one + 's')}"


def needs_sentence(result: MilestoneResult, code: str, evidence_dates: list[dt.date]) -> str:
    """One missing code of a milestone as a sentence that starts with "needs"."""
    m, need = result.milestone, result.milestone.evidence
    if code == "entries":
        return f"needs {plural(need.entries, 'evidence entry', 'evidence entries')}, has {len(result.evidence)}"
    if code == "criterion" and m.criterion.metric:
        measured = "nothing measured yet" if result.measured is None else f"best so far {result.measured:g}" + (
            ", self-reported" if result.self_reported else "")
        return f"needs {m.criterion.metric} {m.criterion.target} shown in evidence ({measured})"
    if code == "criterion":
        return "needs a “met” verdict from their manager, sponsor or a committee member"
    if code.startswith("feedback:"):
        role = code.removeprefix("feedback:")
        return f"needs feedback from {ROLE_WORDS.get(role, role)}"
    dates = sorted(set(evidence_dates))
    if code == "occurrences":
        return f"needs {plural(need.occurrences, 'occasion')}, has {len(dates)}"
    if code == "spread":
        has = (dates[-1] - dates[0]).days if dates else 0
        return f"needs evidence spread over {plural(need.spread_days, 'day')}, has {plural(has, 'day')}"
    return f"needs {code}"


def evidence_count(has: int, needed: int) -> str:
    """Entries linked against entries required, never "3 of 2"."""
    if has < needed:
        return f"{has} of {plural(needed, 'entry', 'entries')} needed"
    return f"{plural(has, 'entry', 'entries')} ({needed} needed)"


def provenance_sentence(available: bool, commit: Commit | None, verified: bool | None) -> str:
    """Who added an entry and whether that is checked: `verified` None means the learner's own word."""
    if not available:
        return "provenance unavailable (not in a git repository)"
    if commit is None:
        return "not committed yet (unverified)" if verified is not None else "not committed yet (self-declared)"
    state = "self-declared" if verified is None else ("verified" if verified else "unverified")
    return f"added by {commit.author} on {commit.date.isoformat()}, commit {commit.short} ({state})"


def artifact_caption(ref: str) -> str:
    """A file's name in words ("attachments/slo-coverage-by-quarter.png" → "Slo coverage by quarter")."""
    if re.match(r"^https?://", ref):
        return ref
    words = re.sub(r"[-_.]+", " ", PurePosixPath(ref).stem).strip()
    return words[:1].upper() + words[1:] if words else ref
