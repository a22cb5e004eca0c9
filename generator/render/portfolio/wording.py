"""What a committee reads instead of codes: provenance and file names as sentences (gaps: render/wording.py)."""

from __future__ import annotations

import re
from pathlib import PurePosixPath

from generator.read.git_history import Commit


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
