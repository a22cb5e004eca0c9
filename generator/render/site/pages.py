"""Every generated page of the handbook, as Markdown text keyed by its docs path."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import jinja2
from markupsafe import Markup

from generator.link.changes import Change
from generator.link.competencies import (
    Behaviour,
    ResolvedCompetency,
    ResolvedLevel,
    on_level_path,
    resolve_competencies,
    track_competencies,
)
from generator.link.project import Project
from generator.model.framework import Dimension, Domain, Framework, Level
from generator.model.track import Milestone, Track, TrackLevel
from generator.problems import Problems
from generator.render.changes import HEADINGS, grouped
from generator.render.sandbox import render_template
from generator.render.site import paths
from generator.render.site.charts import build_track_chart, describe_cadence, render_cadence, render_track_chart
from generator.render.site.free_pages import FreePage, broken_links, read_free_pages, render_free_page
from generator.render.site.self_assessment import self_assessment_page
from generator.render.site.steps import BehaviourChanges, Step, build_steps
from generator.render.site.text import block_html, escape_text, inline_html
from generator.render.site.theme import markdown_env
from generator.render.site.words import cadence_words, criterion_rule, field_words, value_words, word_diff


@dataclass
class Use:
    """A milestone, where it sits, for pages that list milestones of a competency or domain."""

    track: Track
    level: TrackLevel
    milestone: Milestone


@dataclass
class MatrixCell:
    new: list[Behaviour]   # first expected at the level (or everything expected, in a matrix's first column)
    kept: bool             # earlier behaviours still expected


@dataclass
class ChangeLog:
    """This version against the previous one, criterion by criterion."""

    previous: str
    changes: list[Change]

    @property
    def groups(self) -> list[tuple[str, list[Change]]]:
        return grouped(self.changes)


@dataclass
class SiteData:
    """The project's content with the relations the pages show both ways."""

    project: Project
    framework: Framework
    steps: dict[str, list[Step]] = field(default_factory=dict)
    uses: dict[str, list[Use]] = field(default_factory=dict)      # competency id -> milestones
    free_pages: list[FreePage] = field(default_factory=list)
    pdf: bool = True
    changelog: ChangeLog | None = None

    @property
    def tracks(self) -> list[Track]:
        return self.project.tracks

    @property
    def competencies(self) -> list[ResolvedCompetency]:
        return list(resolve_competencies(self.project).values())

    def competency(self, competency_id: str) -> ResolvedCompetency | None:
        return resolve_competencies(self.project).get(competency_id)

    def track_competencies(self, track: Track) -> list[ResolvedCompetency]:
        return track_competencies(self.project, track)

    def tracks_using(self, competency_id: str) -> list[Track]:
        """The tracks whose scope holds the competency."""
        return [t for t in self.tracks if any(c.id == competency_id for c in self.track_competencies(t))]

    def level_name(self, level_id: str) -> str:
        return next((lv.name for lv in self.framework.levels if lv.id == level_id), level_id)

    def dimensions(self, track: Track | None, level_id: str) -> list[tuple[Dimension, str]]:
        """The level's dimensions (scope, reach...) as the track says them, else as the framework does."""
        own = track.level(level_id) if track else None
        return self.framework.dimensions_at(level_id, own.dimensions if own else None)

    def dimension_steps(self, step: Step) -> list[tuple[Dimension, str, str]]:
        """Each dimension a step's levels describe: (dimension, text at the lower level, at the upper)."""
        lower = {d.id: text for d, text in self.dimensions(step.track, step.lower.level)}
        upper = {d.id: text for d, text in self.dimensions(step.track, step.upper.level)}
        return [(d, lower.get(d.id, ""), upper.get(d.id, "")) for d in self.framework.dimensions
                if d.id in lower or d.id in upper]

    def sets(self) -> list[tuple[str, list[ResolvedCompetency]]]:
        """Each competency set (a family, or the core families share) with its competencies, in file order."""
        by_set: dict[str, list[ResolvedCompetency]] = {}
        for c in self.competencies:
            by_set.setdefault(c.set_id, []).append(c)
        return list(by_set.items())

    def tracks_using_set(self, set_id: str) -> list[Track]:
        """The tracks that use a competency of the set, or one that extends it."""
        ids = {c.id for c in self.competencies if c.set_id == set_id}
        return [t for t in self.tracks
                if any(c.id in ids or ids.intersection(c.parents) for c in self.track_competencies(t))]

    def proficiency(self, level_id: str) -> str:
        return next((lv.proficiency for lv in self.framework.levels if lv.id == level_id), "")

    def competency_levels(self, competency: ResolvedCompetency) -> list[Level]:
        """The levels a competency page shows: those of the tracks that use it (all, when none does).

        A family whose ladder starts at L3 sees what L3 expects, including what lower levels of
        an inherited competency list, but not the levels it never reaches.
        """
        using = self.tracks_using(competency.id)
        reached = {lv.level for t in using for lv in t.levels} if using else {lv.id for lv in self.framework.levels}
        shown = [lv for lv in self.framework.levels if lv.id in reached and lv.id in competency.levels]
        first = next((lv for lv in self.framework.levels if lv.id in reached and competency.expected_at(lv.id)), None)
        if first is not None and first not in shown:
            shown = [lv for lv in self.framework.levels if lv in shown or lv is first]
        return shown

    def competency_level(self, competency: ResolvedCompetency, level_id: str) -> ResolvedLevel:
        """What the competency lists at the level; at a level it lists nothing, what it expects from below."""
        listed = self.level_of(competency, level_id) or competency.levels.get(level_id)
        if listed is not None:
            return listed
        return ResolvedLevel("", [], expected=competency.expected_at(level_id))

    def domain(self, domain_id: str) -> Domain | None:
        return next((d for d in self.framework.domains if d.id == domain_id), None)

    def competencies_of(self, domain_id: str, track: Track | None = None) -> list[ResolvedCompetency]:
        pool = self.track_competencies(track) if track else self.competencies
        return [c for c in pool if c.domain == domain_id]

    def milestones_of(self, domain_id: str) -> list[Use]:
        return [Use(t, lv, m) for t in self.tracks for lv in t.levels for m in lv.milestones if m.domain == domain_id]

    def matrix_levels(self, track: Track | None = None) -> list[str]:
        """The matrix's columns: the track's levels, else the levels some track or competency uses."""
        if track is not None:
            return [lv.level for lv in track.levels]
        used = {lv.level for t in self.tracks for lv in t.levels} | {lv for c in self.competencies for lv in c.levels}
        return [lv.id for lv in self.framework.levels if lv.id in used]

    def level_of(self, competency: ResolvedCompetency, level_id: str) -> ResolvedLevel | None:
        """What the competency lists at a level, against the levels below it on that level's path."""
        return on_level_path(self.project, competency, level_id).levels.get(level_id)

    def _on_path(self, competency: ResolvedCompetency, level_id: str) -> ResolvedCompetency:
        """A track's competencies follow its path already; others follow the path of the level."""
        if len(competency.order) == len(self.framework.levels):  # the framework's order, not a track's path
            return on_level_path(self.project, competency, level_id)
        return competency

    def renamed_at(self, competency: ResolvedCompetency, levels: list[str], index: int) -> str | None:
        """The competency's name at `levels[index]` when it differs from the column before (or its name)."""
        name = self._on_path(competency, levels[index]).name_at(levels[index])
        before = self._on_path(competency, levels[index - 1]).name_at(levels[index - 1]) if index else competency.name
        return name if name != before else None

    def matrix_cell(self, competency: ResolvedCompetency, level_id: str, first: bool = False) -> MatrixCell:
        """The behaviours first expected at `level_id`, and whether earlier ones still apply.

        The first column of a matrix shows everything expected there, since earlier levels are not shown.
        """
        competency = self._on_path(competency, level_id)
        if first:
            return MatrixCell(competency.expected_at(level_id), False)
        level = competency.levels.get(level_id)
        if level is None:
            return MatrixCell([], bool(competency.expected_at(level_id)))
        fresh = {id(b) for b in level.new} | {id(after) for _, after in level.changed}
        return MatrixCell([b for b in level.expected if id(b) in fresh], bool(level.kept))

    def level_pairs(self) -> list[tuple[str, str]]:
        """Every (lower, upper) step some track takes, in framework order."""
        order = {lv.id: i for i, lv in enumerate(self.framework.levels)}
        pairs = {(s.lower.level, s.upper.level) for steps in self.steps.values() for s in steps}
        return sorted(pairs, key=lambda p: (order.get(p[0], 0), order.get(p[1], 0)))

    def step_into(self, track: Track, level_id: str) -> Step | None:
        return next((s for s in self.steps.get(track.id, []) if s.upper.level == level_id), None)

    def step_from(self, track: Track, level_id: str) -> Step | None:
        return next((s for s in self.steps.get(track.id, []) if s.lower.level == level_id), None)


def build_site_data(project: Project, *, pdf: bool = True, changelog: ChangeLog | None = None) -> SiteData:
    assert project.framework is not None, "the site is built from a validated project"
    data = SiteData(project, project.framework, pdf=pdf, changelog=changelog)
    shared: dict[tuple[str, tuple[str, ...], str, str], BehaviourChanges] = {}
    for track in project.tracks:
        data.steps[track.id] = build_steps(track, track_competencies(project, track), shared)
        for level in track.levels:
            for milestone in level.milestones:
                for cid in milestone.competencies:
                    data.uses.setdefault(cid, []).append(Use(track, level, milestone))
    data.free_pages = read_free_pages(project.content_dir / "pages", project.pages)
    return data


def _helpers(data: SiteData, doc: str) -> dict[str, Any]:
    """Functions templates call; links are relative to the page being written."""

    def link(to: str, anchor: str | None = None) -> Markup:
        return Markup(paths.md_link(doc, to, anchor))

    def url(to: str, anchor: str | None = None) -> Markup:
        return Markup(paths.url_link(doc, to, anchor))

    def change_link(change: Change) -> Markup:
        """The changed item, linked to where it stands in this version when it still exists."""
        text = escape_text(change.title)
        if change.entity == "milestone":  # one title may stand in two tracks: say which
            track = data.project.track(change.id.split("/")[0])
            text = Markup("{} ({})").format(text, escape_text(track.name if track else change.id.split("/")[0]))
        target = _change_target(data, change)
        return Markup("[{}]({})").format(text, md_link_of(doc, target)) if target else text

    return {"doc": doc, "link": link, "url": url, "change_link": change_link, "paths": paths, "data": data,
            "framework": data.framework, "level_name": data.level_name, "domain": data.domain,
            "cadence": render_cadence, "cadence_text": describe_cadence, "competency": data.competency,
            "site_name": site_name(data.project), "rule": criterion_rule, "word_diff": word_diff,
            "field_words": field_words, "value_words": value_words,
            "cadence_words": cadence_words}


def md_link_of(doc: str, target: tuple[str, str | None]) -> str:
    return paths.md_link(doc, target[0], target[1])


def _change_target(data: SiteData, change: Change) -> tuple[str, str | None] | None:
    if change.action == "removed" and change.entity in ("milestone", "competency", "track", "domain", "level"):
        return None
    base = change.id.split("@")[0]
    if change.entity == "milestone":
        found = data.project.milestone(change.id)
        return (paths.track_doc(found[0].id), found[2].id) if found else None
    if change.entity in ("competency", "competency level", "behaviour") and data.competency(base):
        level = change.id.split("@")[1] if "@" in change.id else None
        return paths.competency_doc(base), paths.level_anchor(level) if level else None
    if change.entity in ("track", "track level") and data.project.track(base):
        level = change.id.split("@")[1] if "@" in change.id else None
        return paths.track_doc(base), paths.level_anchor(level) if level else None
    if change.entity == "domain" and data.domain(change.id):
        return paths.domain_doc(change.id), None
    return None


def site_name(project: Project) -> str:
    assert project.framework is not None
    return project.config.site_name or project.framework.name


Plan = list[tuple[str, str, dict[str, Any]]]  # (docs path, template, template context)


def plan_pages(data: SiteData, *, contexts: bool = True) -> Plan:
    """Which template writes which page, with what (without `contexts`: the pages only, quickly)."""
    plan: Plan = [(paths.HOME, "home.md.j2", {}), (paths.TRACKS, "tracks.md.j2", {})]
    for track in data.tracks:
        chart = build_track_chart(data.framework, track, data.track_competencies(track)) if contexts else None
        plan.append((paths.track_doc(track.id), "track.md.j2", {
            "track": track, "chart": chart,
            "chart_svg": render_track_chart(track, chart, f"chart-{track.id}", legend=False) if chart else ""}))
        plan.append((paths.track_matrix_doc(track.id), "track_matrix.md.j2", {"track": track}))
        plan += [(paths.step_doc(track.id, s.lower.level, s.upper.level), "step.md.j2", {"track": track, "step": s})
                 for s in data.steps[track.id]]
        plan.append(self_assessment_page(data.project, track) if contexts
                    else (paths.self_assessment_doc(track.id), "self_assessment.md.j2", {}))
    plan.append((paths.COMPETENCIES, "competencies.md.j2", {}))
    for domain in data.framework.domains:
        plan.append((paths.domain_doc(domain.id), "domain.md.j2", {"domain_": domain}))
        plan.append((paths.matrix_doc(domain.id), "matrix.md.j2", {"domain_": domain}))
    plan += [(paths.competency_doc(c.id), "competency.md.j2", {"item": c, "uses": data.uses.get(c.id, [])})
             for c in data.competencies]
    plan += [(paths.MATRIX, "matrices.md.j2", {}), (paths.GLOSSARY, "glossary.md.j2", {})]
    plan.append((paths.CHANGES, "changes.md.j2", {"changelog": data.changelog, "headings": HEADINGS}))
    return plan


def _content_filters(env: jinja2.Environment, docs: frozenset[str]) -> None:
    """`block` and `inline` also point links in content at the built pages (paths relative to content/)."""

    @jinja2.pass_context
    def block(context: jinja2.runtime.Context, text: str | None, css_class: str = "hb-text") -> Markup:
        return Markup(paths.relink(str(block_html(text, css_class)), "", context["doc"], docs))

    @jinja2.pass_context
    def inline(context: jinja2.runtime.Context, text: str | None) -> Markup:
        return Markup(paths.relink(str(inline_html(text)), "", context["doc"], docs))

    env.filters.update(block=block, inline=inline)


def render_pages(data: SiteData) -> dict[str, str]:
    """Every page of the site: docs path -> Markdown."""
    plan = plan_pages(data)
    docs = frozenset([doc for doc, _, _ in plan] + [p.doc for p in data.free_pages])
    env = markdown_env(data.project.framework_dir)
    _content_filters(env, docs)
    pages = {doc: _render(env, template, {**_helpers(data, doc), **context}) for doc, template, context in plan}
    for free in data.free_pages:
        pages[free.doc] = render_free_page(free, set(docs))
    return pages


def render_glossary(data: SiteData) -> str:
    env = markdown_env(data.project.framework_dir)
    return _render(env, "glossary.md.j2", _helpers(data, paths.GLOSSARY))


def _render(env: jinja2.Environment, template: str, context: dict[str, Any]) -> str:
    return render_template(env, template, context)




def free_page_problems(project: Project) -> Problems:
    """Links in content/pages/ to pages the site does not have: `handbook check` reports them."""
    problems = Problems()
    if project.framework is None or not project.pages:
        return problems
    data = build_site_data(project, pdf=False)
    docs = frozenset([doc for doc, _, _ in plan_pages(data, contexts=False)] + [p.doc for p in data.free_pages])
    for page in data.free_pages:
        problems.extend(broken_links(page, docs, project.root))
    return problems
