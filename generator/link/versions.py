"""Other framework versions: released content from git tags, loaded on demand."""

from __future__ import annotations

import dataclasses
import tempfile
from pathlib import Path

from generator.link.changes import Change, Content, diff_content
from generator.link.project import Project, read_project
from generator.model.errors import did_you_mean
from generator.problems import InvalidContent, Problems, UserError
from generator.read.releases import Release, export_release, list_releases, version_key


def releases(project: Project) -> list[Release]:
    """Tagged releases of this repository (cached on the project)."""
    if project.releases is None:
        project.releases = list_releases(project.root, project.config.tag_pattern)
    return project.releases


def known_versions(project: Project) -> list[str]:
    """Every version, newest first: the working tree's and the tagged ones."""
    versions = {r.version for r in releases(project)}
    if project.framework:
        versions.add(project.framework.version)
    return sorted(versions, key=version_key, reverse=True)


def load_release(project: Project, release: Release, dest: Path, exported: Path | None = None) -> Project:
    """Load a tag's content (no portfolios) exported under `dest`; its errors name the tag."""
    root = exported or export_release(project.root, release.tag, dest)
    loaded, problems = read_project(root, project.as_of, portfolios=False)
    loaded.checker = project.checker
    if project.checker is not None:
        project.checker(loaded, problems)
    if problems.errors:
        tagged = Problems([dataclasses.replace(p, path=f"{release.tag}:{p.path}") for p in problems.errors])
        raise InvalidContent(tagged)
    return loaded


def content_of(project: Project, version: str) -> Content:
    """The framework, competencies and tracks of `version` (working tree or a tag)."""
    if project.framework and version == project.framework.version:
        return Content(project.framework, project.competencies, project.tracks)
    if version not in project.release_content:
        release = next((r for r in releases(project) if r.version == version), None)
        if release is None:
            known = known_versions(project)
            raise UserError(f"unknown framework version '{version}'",
                            did_you_mean(version, known) or "known versions: " + ", ".join(known))
        with tempfile.TemporaryDirectory(prefix="handbook-release-") as tmp:
            loaded = load_release(project, release, Path(tmp))
        assert loaded.framework is not None
        project.release_content[version] = Content(loaded.framework, loaded.competencies, loaded.tracks)
    return project.release_content[version]


def view_for_version(project: Project, version: str | None) -> Project:
    """The project as seen by a profile pinned to `version`: that release's content, same portfolios."""
    if version is None or (project.framework and version == project.framework.version):
        return project
    content = content_of(project, version)
    # the resolved competencies depend on the content alone: each view of a release shares them
    return dataclasses.replace(project, framework=content.framework, competencies=list(content.competencies),
                               tracks=list(content.tracks), resolved_cache=content.resolved)


def previous_version(project: Project, version: str) -> str | None:
    """The newest known version older than `version`."""
    older = [v for v in known_versions(project) if version_key(v) < version_key(version)]
    return older[0] if older else None


def changes_since_previous(project: Project, version: str) -> tuple[str, list[Change]] | None:
    """`version` against the version before it, or None for the first version."""
    previous = previous_version(project, version)
    if previous is None:
        return None
    return previous, diff_content(content_of(project, previous), content_of(project, version))
