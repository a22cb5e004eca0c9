"""A synthetic company: a valid handbook repository of N people × M entries on T tracks.

    python bench/synth.py DEST [--people 1000] [--entries 40] [--tracks 10] [--seed 1]
                               [--big-person 5000] [--git]

or from Python: `write_company(dest, Company(people=1000))`. The tracks share the `core`
set of competencies and each adds its own set, with a competency that `extends` a core
one. Every person has a profile, a manager and a mentor, and entries linking their target
level's milestones, competencies and behaviours, with metrics, quoted feedback from
colleagues, feedback entries committed by the giver, reflections and attachments (a CSV
and a PNG). The same seed writes byte-identical files; the result passes `handbook check`
with no problems.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import struct
import subprocess
import sys
import zlib
from dataclasses import dataclass
from pathlib import Path

import yaml

AS_OF = dt.date(2026, 11, 1)
DOMAINS = [("technical", "Technical proficiency"), ("delivery", "Delivery"), ("leadership", "Leadership influence"),
           ("stakeholders", "Stakeholder management"), ("strategy", "Strategic thinking"), ("people", "People")]
CORE = ["communication", "collaboration", "ownership", "problem-solving", "learning", "feedback-culture",
        "planning", "quality", "customer-focus", "inclusion", "decision-making", "documentation"]
TRACK_NAMES = ["backend", "frontend", "data", "platform", "mobile", "security", "product", "design", "support",
               "sales", "finance", "people-ops", "research", "qa", "infrastructure", "marketing"]
VERBS = ["Plans", "Builds", "Reviews", "Measures", "Explains", "Improves", "Documents", "Coaches", "Negotiates",
         "Prioritises", "Automates", "Simplifies", "Shares", "Decides", "Tests", "Mentors"]
OBJECTS = ["the team's roadmap", "a cross-team design", "on-call runbooks", "the release process",
           "customer escalations", "an incident review", "the quarterly plan", "a migration",
           "onboarding material", "the service dashboards",
           "a hiring loop", "the public API", "a data pipeline", "the budget forecast", "an experiment"]
HOWS = ["with clear trade-offs", "before being asked", "across two teams", "with measurable results",
        "so others can repeat it", "under time pressure", "with the people affected", "in small safe steps"]
FIRST = ["Ada", "Grace", "Linus", "Barbara", "Tomás", "Mei", "Farah", "Jonah", "Amara", "Kwame", "Sofia", "Inês",
         "Raj", "Helena", "David", "Noor", "Yuki", "Olu", "Priya", "Mateo", "Zofia", "Emeka", "Lena", "Ravi"]
LAST = ["Lovelace", "Hopper", "Torvalds", "Liskov", "Okafor", "Carvalho", "Mensah", "Marchetti", "Iyer", "Nwosu",
        "Lindqvist", "Haddad", "Tanaka", "Adeyemi", "Novak", "Silva", "Kowalski", "Schmidt", "Rossi", "Chen"]
PRAISE = ["Ran it independently and kept everyone informed.", "Asked for help early, which saved us a week.",
          "The write-up is what I now send to new joiners.", "Handled the pushback from the other team calmly.",
          "Next time, share the draft earlier so reviewers have more time.", "Clear success measure agreed up front.",
          "Brought data to the discussion instead of opinions.", "Made the trade-offs explicit for the committee."]
ROLES = ["peer", "manager", "mentor", "customer"]


@dataclass(frozen=True)
class Company:
    people: int = 100
    entries: int = 40
    tracks: int = 10
    seed: int = 1
    levels: int = 7
    milestones: int = 6        # per track level
    track_competencies: int = 4
    big_person: int = 0        # > 0: one more person with this many entries
    as_of: dt.date = AS_OF


def _sentence(rng: random.Random) -> str:
    return f"{rng.choice(VERBS)} {rng.choice(OBJECTS)} {rng.choice(HOWS)}"


def _dump(path: Path, data: object) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100), encoding="utf-8")


def _png(width: int = 24, height: int = 12, shade: int = 90) -> bytes:
    """A tiny valid grey PNG, so attachments render as images."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    raw = b"".join(b"\0" + bytes([shade + (x * 5) % 120 for x in range(width)]) for _ in range(height))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


def track_ids(company: Company) -> list[str]:
    names = TRACK_NAMES + [f"track-{i}" for i in range(len(TRACK_NAMES), company.tracks)]
    return names[:company.tracks]


def _competency(rng: random.Random, cid: str, name: str, domain: str, levels: list[str]) -> dict[str, object]:
    """Three behaviours a level, the first with an id (`l3-core`) that evidence can link.

    No behaviour is said twice in one competency: a cumulative framework would warn of it.
    """
    said: set[str] = set()

    def behaviour() -> str:
        text = _sentence(rng)
        while text in said:
            text = _sentence(rng)
        said.add(text)
        return text

    return {"id": cid, "name": name, "domain": domain, "summary": _sentence(rng) + ".", "levels": {
        lv: {"summary": _sentence(rng) + ".",
             "behaviours": [{"id": f"{lv.lower()}-core", "text": behaviour(), "examples": [_sentence(rng) + "."]},
                            behaviour(), behaviour()],
             "examples": [_sentence(rng) + "."]} for lv in levels}}


def _extension(rng: random.Random, track: str, levels: list[str]) -> dict[str, object]:
    """The track's own communication: the core one plus a behaviour at the top level."""
    return {"id": f"{track}-communication", "extends": "communication",
            "name": f"Communication in {track.replace('-', ' ')}",
            "levels": {levels[-1]: {"behaviours": [{"id": "explains-changes", "text": _sentence(rng)}]}}}


def _milestone(rng: random.Random, track: str, level: int, m: int, competencies: list[str]) -> dict[str, object]:
    measured = m % 2 == 0
    return {
        "id": f"l{level + 1}-{m + 1}", "title": _sentence(rng),
        "domain": DOMAINS[(level + m) % len(DOMAINS)][0],
        "competencies": rng.sample(competencies, 2),
        "activity": _sentence(rng) + ".\n\n" + _sentence(rng) + ".",
        "criterion": {"text": _sentence(rng) + ".", "metric": f"score_{m + 1}", "target": ">= 10"} if measured
        else {"text": _sentence(rng) + "."},
        "horizon": f"{90 + 30 * m}d", "cadence": ["weekly", "quarterly", "once", "micro"][m % 4],
        "evidence": {"entries": 1 + m % 2, "feedback": ["peer"] if m % 3 == 1 else []},
        "recognition": f"{track.capitalize()} badge {level + 1}.{m + 1}", "business_link": f"OKR {m % 4 + 1}",
    }


def write_content(root: Path, company: Company) -> dict[str, list[list[dict[str, object]]]]:
    """handbook.yml and content/; returns each track's milestones per level index."""
    rng = random.Random(f"content-{company.seed}")
    levels = [f"L{i + 1}" for i in range(company.levels)]
    (root / "handbook.yml").write_text(
        f"site_name: Synthetic Company Handbook\nas_of: {company.as_of.isoformat()}\n", encoding="utf-8")
    _dump(root / "content/framework.yml", {
        "name": "Synthetic Company Career Framework", "version": "2026.1", "released": "2026-01-01",
        "summary": "How growth and promotion work at a synthetic company.",
        "domains": [{"id": d, "name": n, "summary": _sentence(rng) + "."} for d, n in DOMAINS],
        "levels": [{"id": lv, "name": f"Level {i + 1}", "summary": _sentence(rng) + "."}
                   for i, lv in enumerate(levels)]})
    _dump(root / "content/competencies/core.yml", {"set": "core", "competencies": [
        _competency(rng, cid, cid.replace("-", " ").capitalize(), DOMAINS[i % len(DOMAINS)][0], levels)
        for i, cid in enumerate(CORE)]})
    ladders: dict[str, list[list[dict[str, object]]]] = {}
    for t, track in enumerate(track_ids(company)):
        own = [f"{track}-skill-{k + 1}" for k in range(company.track_competencies)]
        _dump(root / f"content/competencies/{track}.yml", {"set": f"{track}-skills", "competencies": [
            *(_competency(rng, cid, f"{track.capitalize()} skill {k + 1}", DOMAINS[(t + k) % len(DOMAINS)][0], levels)
              for k, cid in enumerate(own)), _extension(rng, track, levels)]})
        usable = [c for c in CORE if c != "communication"] + own  # the track's communication replaces the core one
        ladder = [[_milestone(rng, track, i, m, usable) for m in range(company.milestones)]
                  for i in range(company.levels)]
        ladders[track] = ladder
        _dump(root / f"content/tracks/{track}.yml", {
            "id": track, "name": f"{track.replace('-', ' ').capitalize()} track", "summary": _sentence(rng) + ".",
            "competencies": ["core", f"{track}-skills"],
            "levels": [{"level": lv, "title": f"{track.capitalize()} {lv}", "summary": _sentence(rng) + ".",
                        "milestones": ladder[i]} for i, lv in enumerate(levels)]})
    pages = root / "content/pages"
    pages.mkdir(parents=True, exist_ok=True)
    for name in ("promotion-process", "giving-feedback", "adding-evidence"):
        (pages / f"{name}.md").write_text(f"# {name.replace('-', ' ').capitalize()}\n\n{_sentence(rng)}.\n\n"
                                          f"## Details\n\n{_sentence(rng)}.\n", encoding="utf-8")
    return ladders


def _name(n: int) -> str:
    return f"{FIRST[n % len(FIRST)]} {LAST[(n // len(FIRST)) % len(LAST)]}"


def write_people(root: Path, company: Company, ladders: dict[str, list[list[dict[str, object]]]]) -> list[str]:
    """portfolios/: reviewers in people.yml, then every person's profile, entries and attachments."""
    tracks = track_ids(company)
    managers = max(1, company.people // 8)
    _dump(root / "portfolios/people.yml", {"people": [
        {"id": f"lead-{i + 1}", "name": _name(i + 7), "email": f"lead-{i + 1}@synthetic.example"}
        for i in range(managers)]})
    ids = [f"person-{i + 1:05d}" for i in range(company.people)]
    sizes = [company.entries] * company.people
    if company.big_person:
        ids.append("big-portfolio")
        sizes.append(company.big_person)
    png, csv = _png(), "week,value\n" + "".join(f"{w},{(w * 7) % 23}\n" for w in range(1, 13))
    for n, (person, size) in enumerate(zip(ids, sizes, strict=True)):
        rng = random.Random(f"{company.seed}-{person}")
        track = tracks[n % len(tracks)]
        level = rng.randrange(company.levels - 1)
        folder = root / "portfolios" / person
        # Never the person themself: with fewer than four people the ring wraps around to them.
        colleagues = [c for k in (1, 2, 3) if (c := ids[(n + k) % len(ids)]) != person]
        profile = {"name": _name(n), "email": f"{person}@synthetic.example", "track": track,
                   "level": f"L{level + 1}", "target": f"L{level + 2}",
                   "since": company.as_of - dt.timedelta(days=200 + rng.randrange(100)),
                   "manager": f"lead-{n % managers + 1}"}
        if colleagues:
            profile["mentor"] = colleagues[-1]
        _dump(folder / "profile.yml", profile)
        (folder / "attachments").mkdir(parents=True, exist_ok=True)
        (folder / "attachments/results.csv").write_text(csv, encoding="utf-8")
        (folder / "attachments/chart.png").write_bytes(png)
        targets = ladders[track][level + 1]
        for e in range(size):
            _write_entry(folder / "entries", rng, e, size, company.as_of, track, targets,
                         colleagues, f"lead-{n % managers + 1}", f"L{level + 2}")
    return ids


def _write_entry(folder: Path, rng: random.Random, index: int, size: int, as_of: dt.date, track: str,
                 targets: list[dict[str, object]], colleagues: list[str], manager: str, target_level: str) -> None:
    # spread over the last 330 days, oldest first; big portfolios reach further back
    span = max(330, size // 4)
    date = as_of - dt.timedelta(days=span - (index * span) // max(1, size) + 1)
    milestone = targets[index % len(targets)] if targets else None
    ref = f"{track}/{milestone['id']}" if milestone else None
    kind = "feedback" if index % 7 == 3 and colleagues else "reflection" if index % 9 == 5 else \
        rng.choice(["project", "project", "course", "mentoring", "rotation", "recognition"])
    title = _sentence(rng)
    meta: dict[str, object] = {"title": title, "date": date, "kind": kind}
    if ref:
        meta["milestones"] = [ref]
        competency = milestone["competencies"][0]  # type: ignore[index]
        if kind not in ("feedback", "reflection"):
            meta["competencies"] = [competency]
            if index % 4 == 1:
                meta["behaviours"] = [f"{competency}/{target_level.lower()}-core"]
    body = f"{_sentence(rng)}.\n\n- {_sentence(rng)}.\n- {_sentence(rng)}.\n\n{_sentence(rng)}."
    if kind == "feedback":
        giver = manager if index % 2 else colleagues[index % len(colleagues)]
        meta.update({"from": giver, "role": "manager" if giver == manager else "peer"})
        if giver == manager:
            meta["verdict"] = "met" if index % 3 else "not_yet"
        body = rng.choice(PRAISE) + " " + _sentence(rng) + "."
    elif kind != "reflection":
        criterion = milestone["criterion"] if milestone else {}
        if isinstance(criterion, dict) and criterion.get("metric"):
            meta["metrics"] = {criterion["metric"]: rng.randrange(4, 20)}
        if index % 5 == 0:
            meta["artifacts"] = ["attachments/results.csv", "https://wiki.synthetic.example/" + track]
            body += "\n\n![Results](attachments/chart.png)"
        if colleagues and index % 3 == 0:
            meta["feedback"] = [{"from": colleagues[index % len(colleagues)], "role": "peer",
                                 "text": rng.choice(PRAISE)},
                                {"from": manager, "role": "manager", "text": rng.choice(PRAISE),
                                 "verdict": "met" if index % 2 else "not_yet"}]
    slug = "-".join(title.lower().replace("'", "").split()[:4])
    folder.mkdir(parents=True, exist_ok=True)
    text = "---\n" + yaml.safe_dump(meta, sort_keys=False, allow_unicode=True, width=100) + "---\n" + body + "\n"
    (folder / f"{date.isoformat()}-{index + 1:05d}-{slug}.md").write_text(text, encoding="utf-8")


def write_company(root: Path, company: Company = Company(), *, git: bool = False) -> Path:
    """Write the whole repository under `root` (created; must not hold a handbook already)."""
    if (root / "content").exists() or (root / "portfolios").exists():
        raise FileExistsError(f"{root} already holds a handbook")
    root.mkdir(parents=True, exist_ok=True)
    write_people(root, company, write_content(root, company))
    (root / ".gitignore").write_text("site/\nbuild/\n.handbook-cache/\n", encoding="utf-8")
    if git:
        commit_all(root)
    return root


def commit_all(root: Path, email: str = "synth@synthetic.example") -> None:
    for args in (["init", "-q"], ["config", "user.email", email], ["config", "user.name", "Synth"],
                 ["add", "-A"], ["commit", "-qm", "synthetic company"]):
        subprocess.run(["git", "-C", str(root), *args], check=True, capture_output=True)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dest", type=Path)
    parser.add_argument("--people", type=int, default=Company.people)
    parser.add_argument("--entries", type=int, default=Company.entries, help="entries per person")
    parser.add_argument("--tracks", type=int, default=Company.tracks)
    parser.add_argument("--seed", type=int, default=Company.seed)
    parser.add_argument("--big-person", type=int, default=0, help="add one person with this many entries")
    parser.add_argument("--git", action="store_true", help="commit everything in a new git repository")
    args = parser.parse_args(argv)
    company = Company(people=args.people, entries=args.entries, tracks=args.tracks, seed=args.seed,
                      big_person=args.big_person)
    write_company(args.dest, company, git=args.git)
    print(f"wrote {args.dest}: {args.people} people × {args.entries} entries on {args.tracks} tracks", file=sys.stderr)


if __name__ == "__main__":
    main()
