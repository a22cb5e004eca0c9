"""The site navigation: every generated page, in reading order, under explicit titles.

Titles are HTML-escaped because Material prints nav titles without escaping.
"""

from __future__ import annotations

import html
from typing import Any

from generator.render.site import paths
from generator.render.site.free_pages import FreePage
from generator.render.site.pages import SiteData

NavItem = dict[str, Any] | str


def _t(text: str) -> str:
    return html.escape(" ".join(text.split()), quote=False)


def build_nav(data: SiteData) -> list[NavItem]:
    tracks: list[NavItem] = [paths.TRACKS]
    for track in data.tracks:
        items: list[NavItem] = [paths.track_doc(track.id), {"Matrix": paths.track_matrix_doc(track.id)},
                                {"Self-assessment": paths.self_assessment_doc(track.id)}]
        items += [{_t(f"{s.lower.level} → {s.upper.level}: {s.upper.title}"):
                   paths.step_doc(track.id, s.lower.level, s.upper.level)} for s in data.steps[track.id]]
        tracks.append({_t(track.name): items})
    competencies: list[NavItem] = [paths.COMPETENCIES]
    for domain in data.framework.domains:
        items = [paths.domain_doc(domain.id)]
        items += [{_t(c.name): paths.competency_doc(c.id)} for c in data.competencies_of(domain.id)]
        competencies.append({_t(domain.name): items})
    matrix: list[NavItem] = [paths.MATRIX]
    matrix += [{_t(d.name): paths.matrix_doc(d.id)} for d in data.framework.domains]
    nav: list[NavItem] = [{"Home": paths.HOME}, {"Tracks": tracks}, {"Competencies": competencies},
                          {"Matrix": matrix}]
    if data.free_pages:
        nav.append({"Guides": _free_nav(data.free_pages)})
    nav.append({"Glossary": paths.GLOSSARY})
    nav.append({"What changed": paths.CHANGES})
    return nav


def _free_nav(pages: list[FreePage]) -> list[NavItem]:
    """Free pages nested by folder, index pages first."""
    tree: dict[str, Any] = {}
    for page in pages:
        parts = page.doc.split("/")[1:]
        node = tree
        for folder in parts[:-1]:
            node = node.setdefault(folder, {})
        node[parts[-1]] = page
    return _nav_of(tree)


def _nav_of(node: dict[str, Any]) -> list[NavItem]:
    items: list[NavItem] = []
    for name in sorted(node, key=lambda n: (n != "index.md", isinstance(node[n], dict), n)):
        value = node[name]
        if isinstance(value, dict):
            items.append({_t(name.replace("-", " ").replace("_", " ").capitalize()): _nav_of(value)})
        else:
            items.append({_t(value.title): value.doc})
    return items
