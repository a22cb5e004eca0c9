"""A person's own repository: its handbook.yml names the framework that supplies content, themes, people, settings."""

from __future__ import annotations

from pathlib import Path

import yaml

from generator.model.config import HandbookConfig
from generator.model.types import SLUG_RE
from generator.problems import Problems
from generator.read.framework_fetch import FrameworkUnavailable, fetch_framework, framework_folder

OWN_KEYS = frozenset({"framework", "person", "as_of"})  # what a person's handbook.yml decides itself


def names_framework(root: Path) -> bool:
    """Whether root's handbook.yml names a framework (a person's own repository), before it is validated."""
    try:
        data = yaml.safe_load((root / "handbook.yml").read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return False
    return isinstance(data, dict) and "framework" in data


def framework_of(own: HandbookConfig, root: Path, problems: Problems) -> Path | None:
    """The folder of the framework `own` (a person's handbook.yml) names, fetched when from git; None when it cannot.

    Keys that are the framework's to set are warned about: the framework's handbook.yml decides them.
    """
    source = own.framework
    assert source is not None
    if own.person is None and not SLUG_RE.match(root.name):
        problems.add(own.path, own.key_pos("framework"), "person-id",
                     f"the repository's folder '{root.name}' is not a person id, and handbook.yml names none",
                     "add 'person: <your id>' (lowercase letters, digits and hyphens) to handbook.yml")
        return None
    try:
        if source.git is not None and source.ref is not None:
            fetched = fetch_framework(source.git, source.ref)
        else:
            fetched = framework_folder(source.folder or "", root)
    except FrameworkUnavailable as exc:
        problems.add(own.path, own.pos("framework", exc.key), "framework-unavailable", exc.message, exc.hint)
        return None
    if fetched.note:
        problems.warn(own.path, own.pos("framework", "ref"), "framework-not-updated", fetched.note,
                      "run again when the network is back to check against the newest commit of the branch")
    for key in sorted(own.model_fields_set - OWN_KEYS):
        problems.warn(own.path, own.key_pos(key), "setting-of-framework",
                      f"'{key}' is the framework's to set, so this one is not used",
                      "remove it here; the framework's handbook.yml decides it for everyone")
    return fetched.folder


def framework_settings(own: HandbookConfig, framework: HandbookConfig) -> HandbookConfig:
    """The settings a person's repository works with: the framework's, with the person's own as-of date."""
    framework.framework, framework.person = None, None
    if own.as_of is not None:
        framework.as_of = own.as_of
    return framework
