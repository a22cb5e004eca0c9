"""The framework as a 1EdTech CASE 1.1 package (CFPackage JSON), for learning platforms to import.

Domains, competencies and behaviours are CFItems tied by `isChildOf` associations; each
competency's levels are a CFRubric whose criterion levels describe what each level
expects. Identifiers are uuid5 of the item's ids in a namespace of the framework (its
site URL, else its name), so a re-export of a later version updates the same items.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass, field
from typing import Any

from generator.link.competencies import track_competencies
from generator.link.expectations import CompetencyExpectations, ExpectedBehaviour, all_expectations
from generator.link.project import Project
from generator.render.markdown import plain_text

CASE_VERSION = "1.1"


def framework_namespace(project: Project) -> uuid.UUID:
    """The uuid5 namespace of every identifier the framework's exports use."""
    assert project.framework is not None
    base = project.config.site_url or f"urn:career-handbook:{project.framework.name}"
    return uuid.uuid5(uuid.NAMESPACE_URL, base.rstrip("/") + "/")


def identifier(project: Project, key: str) -> str:
    return str(uuid.uuid5(framework_namespace(project), key))


def changed_at(project: Project) -> str:
    """The framework's release date (else the as-of date) as CASE's date-time."""
    assert project.framework is not None
    day = project.framework.released or project.as_of
    return dt.datetime.combine(day, dt.time(), tzinfo=dt.UTC).isoformat()


def page_url(project: Project, path: str) -> str | None:
    """A page of the published handbook of this version, when the site URL is known."""
    assert project.framework is not None
    if not project.config.site_url:
        return None
    return f"{project.config.site_url.rstrip('/')}/{project.framework.version}/{path}"


@dataclass
class _Package:
    project: Project
    stamp: str
    items: list[dict[str, Any]] = field(default_factory=list)
    associations: list[dict[str, Any]] = field(default_factory=list)
    links: dict[str, dict[str, str]] = field(default_factory=dict)  # key -> LinkGenURI of the node

    def node(self, key: str, title: str) -> dict[str, str]:
        ident = identifier(self.project, key)
        link = {"title": title[:250], "identifier": ident, "uri": f"urn:uuid:{ident}"}
        self.links[key] = link
        return link

    def item(self, key: str, statement: str, item_type: str, code: str, **extra: Any) -> dict[str, str]:
        link = self.node(key, statement)
        self.items.append({"identifier": link["identifier"], "uri": link["uri"], "fullStatement": statement,
                           "CFItemType": item_type, "humanCodingScheme": code, "lastChangeDateTime": self.stamp,
                           **{k: v for k, v in extra.items() if v}})
        return link

    def associate(self, origin: str, kind: str, destination: str, sequence: int | None = None) -> None:
        ident = identifier(self.project, f"association/{origin}/{kind}/{destination}")
        record: dict[str, Any] = {"identifier": ident, "uri": f"urn:uuid:{ident}", "associationType": kind,
                                  "originNodeURI": self.links[origin], "destinationNodeURI": self.links[destination],
                                  "lastChangeDateTime": self.stamp}
        if sequence is not None:
            record["sequenceNumber"] = sequence
        self.associations.append(record)


def behaviour_key(b: ExpectedBehaviour) -> str:
    return f"behaviour/{b.competency}/{b.key}"


def build_case_package(project: Project) -> dict[str, Any]:
    """The CFPackage: CFDocument, CFItems, CFAssociations and CFRubrics."""
    fw = project.framework
    assert fw is not None
    pkg = _Package(project, changed_at(project))
    document = pkg.node("document", fw.name)
    doc: dict[str, Any] = {
        "identifier": document["identifier"], "uri": document["uri"], "caseVersion": CASE_VERSION,
        "creator": project.config.site_name or fw.name, "title": fw.name, "lastChangeDateTime": pkg.stamp,
        "version": fw.version, "language": project.config.language, "adoptionStatus": "Implemented",
        "frameworkType": "Career framework"}
    if fw.summary:
        doc["description"] = plain_text(fw.summary)
    if (site := page_url(project, "")):
        doc["officialSourceURL"] = site
    if fw.released:
        doc["statusStartDate"] = fw.released.isoformat()
    comps = all_expectations(project)
    for position, domain in enumerate(fw.domains, start=1):
        pkg.item(f"domain/{domain.id}", domain.name, "Domain", domain.id, notes=plain_text(domain.summary),
                 listEnumeration=str(position))
        pkg.associate(f"domain/{domain.id}", "isChildOf", "document", position)
    for position, comp in enumerate(comps, start=1):
        _competency(pkg, comp, position)
    _relations(pkg, comps)
    _tracks(pkg, project, len(fw.domains))
    return {"CFDocument": doc, "CFItems": pkg.items, "CFAssociations": pkg.associations,
            "CFRubrics": [_rubric(project, pkg, comp) for comp in comps]}


def _competency(pkg: _Package, comp: CompetencyExpectations, position: int) -> None:
    key = f"competency/{comp.id}"
    pkg.item(key, comp.name, "Competency", comp.id, notes=plain_text(comp.summary),
             alternativeLabel=comp.id)
    if f"domain/{comp.domain}" in pkg.links:
        pkg.associate(key, "isChildOf", f"domain/{comp.domain}", position)
    for number, b in enumerate(comp.behaviours, start=1):
        pkg.item(behaviour_key(b), b.text, "Behaviour", b.ref or f"{comp.id}/{number}",
                 notes=f"First expected at level {b.level}.", listEnumeration=str(number),
                 educationLevel=[b.level])
        pkg.associate(behaviour_key(b), "isChildOf", key, number)


def _relations(pkg: _Package, comps: list[CompetencyExpectations]) -> None:
    """A competency that extends another, and a behaviour that replaces a lower level's one."""
    for comp in comps:
        if comp.parents and f"competency/{comp.parents[0]}" in pkg.links:
            pkg.associate(f"competency/{comp.id}", "ext:extends", f"competency/{comp.parents[0]}")
        by_id = {b.id: b for b in comp.behaviours if b.id}
        for b in comp.behaviours:
            if b.replaces and b.replaces in by_id:
                pkg.associate(behaviour_key(by_id[b.replaces]), "replacedBy", behaviour_key(b))


def _tracks(pkg: _Package, project: Project, after: int) -> None:
    """Each career track, with the competencies it uses as its parts."""
    for position, track in enumerate(project.tracks, start=after + 1):
        key = f"track/{track.id}"
        pkg.item(key, track.name, "Career track", track.id, notes=plain_text(track.summary),
                 listEnumeration=str(position))
        pkg.associate(key, "isChildOf", "document", position)
        for number, comp in enumerate(track_competencies(project, track), start=1):
            pkg.associate(f"competency/{comp.id}", "isPartOf", key, number)


def _rubric(project: Project, pkg: _Package, comp: CompetencyExpectations) -> dict[str, Any]:
    """One criterion (the competency) whose levels are the framework's levels and what each expects."""
    fw = project.framework
    assert fw is not None
    rubric_id = identifier(project, f"rubric/{comp.id}")
    criterion_id = identifier(project, f"rubric/{comp.id}/criterion")
    texts = {b.key: b.text for b in comp.behaviours}
    levels = []
    for position, level in enumerate(fw.levels, start=1):
        expected = [texts[k] for k in comp.expected.get(level.id, []) if k in texts]
        ident = identifier(project, f"rubric/{comp.id}/level/{level.id}")
        levels.append({
            "identifier": ident, "uri": f"urn:uuid:{ident}", "quality": f"{level.id} {level.name}",
            "description": "; ".join(expected) if expected else "No behaviours are expected at this level.",
            "score": float(position), "position": position, "rubricCriterionId": criterion_id,
            "lastChangeDateTime": pkg.stamp})
    competency = pkg.links[f"competency/{comp.id}"]
    return {"identifier": rubric_id, "uri": f"urn:uuid:{rubric_id}", "title": f"{comp.name} by level",
            "description": f"What {comp.name} looks like at each level of {fw.name}.",
            "lastChangeDateTime": pkg.stamp,
            "CFRubricCriteria": [{
                "identifier": criterion_id, "uri": f"urn:uuid:{criterion_id}", "category": comp.domain,
                "description": comp.name, "CFItemURI": {k: competency[k] for k in ("title", "identifier", "uri")},
                "position": 1, "rubricId": rubric_id, "lastChangeDateTime": pkg.stamp,
                "CFRubricCriterionLevels": levels}]}
