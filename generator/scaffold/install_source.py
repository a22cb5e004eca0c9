"""Where a new handbook's README and CI install `handbook` from: where the running one came from.

pip records a direct install (a git URL, a wheel file, a local folder) in the distribution's
`direct_url.json` (PEP 610); an install from a package index records none, so its version pins it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from importlib import metadata

DISTRIBUTION = "career-handbook"
PLACEHOLDER = f"{DISTRIBUTION} @ git+https://git.example.com/your-org/career-handbook.git@v{{version}}"


@dataclass(frozen=True)
class InstallSource:
    spec: str      # what `pip install` takes
    note: str      # a comment for the files that name it


def install_source() -> InstallSource:
    try:
        dist = metadata.distribution(DISTRIBUTION)
    except metadata.PackageNotFoundError:  # run from a checkout without installing
        return _placeholder("0.1.0", "the tool that made this handbook ran from a copy that is not installed")
    text = dist.read_text("direct_url.json")
    if not text:
        return InstallSource(f"{DISTRIBUTION}=={dist.version}", "the version this handbook was made with")
    try:
        direct = json.loads(text)
    except ValueError:
        direct = {}
    url, vcs = str(direct.get("url", "")), direct.get("vcs_info") or {}
    if vcs and not url.startswith("file:"):
        ref = vcs.get("commit_id") or vcs.get("requested_revision") or ""
        return InstallSource(f"{DISTRIBUTION} @ {vcs.get('vcs', 'git')}+{url}" + (f"@{ref}" if ref else ""),
                             "the repository and commit this handbook was made with")
    if url.startswith(("http://", "https://")):
        return InstallSource(f"{DISTRIBUTION} @ {url}", "the archive this handbook was made with")
    return _placeholder(dist.version, f"the tool was installed from {url or 'a local path'}, which CI cannot reach")


def _placeholder(version: str, why: str) -> InstallSource:
    return InstallSource(PLACEHOLDER.format(version=version),
                         f"replace it with where your company keeps the tool: {why}")
