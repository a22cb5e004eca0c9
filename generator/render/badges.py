"""Milestones as Open Badges 3.0: an Achievement per milestone, and each person's unsigned credentials.

An Achievement's criteria come from the milestone's criterion and evidence rules, and it
is aligned to the CASE items (competencies) of the CASE export. A credential is written
for every milestone a person has met, unsigned: an issuer adds its own `issuer.id` and
a proof when it signs. Identifiers are uuid5 in the framework's namespace, so the same
milestone and person always get the same ids.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from typing import Any

from generator.assess.portfolio import assess_portfolio
from generator.link.project import Portfolio, Project
from generator.model.track import Milestone, Track, TrackLevel
from generator.render.case import identifier, page_url
from generator.render.markdown import plain_text

CONTEXT = ["https://www.w3.org/ns/credentials/v2", "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"]


def issuer_profile(project: Project) -> dict[str, Any]:
    """The organisation publishing the handbook; an issuer replaces `id` with its own when it signs."""
    assert project.framework is not None
    profile: dict[str, Any] = {"id": f"urn:uuid:{identifier(project, 'issuer')}", "type": ["Profile"],
                               "name": project.config.site_name or project.framework.name}
    if project.config.site_url:
        profile["url"] = project.config.site_url
    return profile


def _criteria(milestone: Milestone) -> str:
    need = milestone.evidence
    rules = [f"{need.entries} linked evidence entr{'y' if need.entries == 1 else 'ies'}"]
    if milestone.criterion.metric:
        rules.append(f"metric {milestone.criterion.metric} {milestone.criterion.target}")
    else:
        rules.append("a 'met' verdict from a manager, sponsor or committee member")
    rules += [f"feedback from a {role}" for role in need.feedback]
    if need.occurrences > 1:
        rules.append(f"{need.occurrences} separate occasions")
    if need.spread_days:
        rules.append(f"evidence spread over at least {need.spread}")
    return f"{plain_text(milestone.criterion.text)}\n\nEvidence needed: {'; '.join(rules)}."


def achievement(project: Project, track: Track, level: TrackLevel, milestone: Milestone) -> dict[str, Any]:
    """The OB 3.0 Achievement of one milestone."""
    assert project.framework is not None
    ref = f"{track.id}/{milestone.id}"
    result: dict[str, Any] = {
        "id": f"urn:uuid:{identifier(project, f'milestone/{ref}')}", "type": ["Achievement"],
        "achievementType": "Badge", "name": milestone.title, "humanCode": ref,
        "description": plain_text(milestone.activity) or milestone.title,
        "criteria": {"narrative": _criteria(milestone)},
        "creator": issuer_profile(project), "version": project.framework.version,
        "tag": [track.id, level.level, milestone.domain],
        "alignment": [_alignment(project, cid) for cid in milestone.competencies],
    }
    if (url := page_url(project, f"tracks/{track.id}/")):
        result["criteria"]["id"] = f"{url}#{milestone.id}"
    if milestone.recognition:
        result["tag"].append(milestone.recognition)
    return result


def _alignment(project: Project, competency_id: str) -> dict[str, Any]:
    assert project.framework is not None
    comp = project.competency(competency_id)
    ident = identifier(project, f"competency/{competency_id}")
    name = comp.name if comp and comp.name else competency_id
    return {"type": ["Alignment"], "targetName": name, "targetType": "CFItem", "targetCode": ident,
            "targetFramework": project.framework.name,
            "targetUrl": page_url(project, f"competencies/{competency_id}/") or f"urn:uuid:{ident}"}


def achievements(project: Project) -> dict[str, dict[str, Any]]:
    """Milestone reference -> its Achievement, for every milestone of every track."""
    return {f"{t.id}/{m.id}": achievement(project, t, lv, m) for t in project.tracks for lv in t.levels
            for m in lv.milestones}


def _recipient(project: Project, portfolio: Portfolio) -> list[dict[str, Any]]:
    email = portfolio.profile.email
    if not email:
        return [{"type": "IdentityObject", "hashed": False, "identityHash": portfolio.id,
                 "identityType": "identifier"}]
    salt = identifier(project, f"salt/{portfolio.id}")
    digest = hashlib.sha256((email.strip().lower() + salt).encode("utf-8")).hexdigest()
    return [{"type": "IdentityObject", "hashed": True, "identityHash": f"sha256${digest}",
             "identityType": "emailAddress", "salt": salt}]


def credentials(project: Project, portfolio: Portfolio) -> dict[str, dict[str, Any]]:
    """Milestone reference -> an unsigned AchievementCredential, for each target milestone the person met."""
    readiness = assess_portfolio(project, portfolio)
    dates = {e.id: e.meta.date for e in portfolio.entries}
    titles = {e.id: e.meta.title for e in portfolio.entries}
    out = {}
    for result in readiness.milestones:
        found = project.milestone(result.ref)
        if result.status != "met" or found is None:
            continue
        earned = max((dates[e] for e in result.entries if e in dates), default=readiness.as_of)
        stamp = dt.datetime.combine(earned, dt.time(), tzinfo=dt.UTC).isoformat().replace("+00:00", "Z")
        out[result.ref] = {
            "@context": CONTEXT,
            "id": f"urn:uuid:{identifier(project, f'credential/{portfolio.id}/{result.ref}')}",
            "type": ["VerifiableCredential", "AchievementCredential"],
            "name": f"{found[2].title} ({portfolio.profile.name})",
            "issuer": issuer_profile(project), "validFrom": stamp, "awardedDate": stamp,
            "credentialSubject": {"type": ["AchievementSubject"], "identifier": _recipient(project, portfolio),
                                  "achievement": achievement(project, *found)},
            "evidence": [{"type": ["Evidence"], "name": titles[e], "description": f"Portfolio entry {e}"}
                         for e in result.entries if e in titles],
        }
    return out
