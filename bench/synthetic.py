"""A synthetic handbook repository of a chosen size, for benchmarks."""

from __future__ import annotations

import shutil
from pathlib import Path

import yaml

EXAMPLE = Path(__file__).resolve().parent.parent

DOMAINS = ["technical", "leadership", "stakeholders", "strategy", "delivery", "people"]
CADENCES = ["weekly", "quarterly", "once", "micro"]
WORDS = ["plans", "builds", "reviews", "measures", "explains", "improves", "documents", "coaches", "negotiates",
         "prioritises", "automates", "simplifies", "shares", "listens", "decides", "tests"]


def sentence(seed: int, length: int = 9) -> str:
    words = [WORDS[(seed * 7 + i * 3) % len(WORDS)] for i in range(length)]
    return " ".join(words).capitalize() + f" (case {seed})."


def write_synthetic(root: Path, tracks: int = 10, levels: int = 7, milestones: int = 8,
                    competencies: int = 60) -> Path:
    """Write handbook.yml and content/ under `root`: tracks × levels × milestones, N competencies."""
    level_ids = [f"L{i + 1}" for i in range(levels)]
    framework = {
        "name": "Synthetic Framework", "version": "9.9", "released": "2026-01-01",
        "summary": "A generated framework used to measure build times.",
        "domains": [{"id": d, "name": d.capitalize(), "summary": sentence(i)} for i, d in enumerate(DOMAINS)],
        "levels": [{"id": lv, "name": f"Level {i + 1}", "summary": sentence(i + 50)} for i, lv in enumerate(level_ids)],
    }
    comps = [{
        "id": f"competency-{c}", "name": f"Competency {c}", "domain": DOMAINS[c % len(DOMAINS)],
        "summary": sentence(c + 100),
        "levels": {lv: {"summary": sentence(c * 10 + i), "behaviours": [sentence(c * 31 + i * 5 + k) for k in range(3)],
                        "examples": [sentence(c * 17 + i)]} for i, lv in enumerate(level_ids)},
    } for c in range(competencies)]
    content = root / "content"
    (content / "competencies").mkdir(parents=True, exist_ok=True)
    (content / "tracks").mkdir(parents=True, exist_ok=True)
    (content / "pages").mkdir(parents=True, exist_ok=True)
    (root / "handbook.yml").write_text("site_name: Synthetic Handbook\n", encoding="utf-8")
    (content / "framework.yml").write_text(yaml.safe_dump(framework, sort_keys=False), encoding="utf-8")
    (content / "competencies" / "all.yml").write_text(yaml.safe_dump({"competencies": comps}, sort_keys=False),
                                                      encoding="utf-8")
    for t in range(tracks):
        track = {"id": f"track-{t}", "name": f"Track {t}", "summary": sentence(t + 200), "levels": [{
            "level": lv, "title": f"Track {t} title {i + 1}", "summary": sentence(t * 7 + i),
            "milestones": [_milestone(t, i, m, competencies) for m in range(milestones)],
        } for i, lv in enumerate(level_ids)]}
        (content / "tracks" / f"track-{t}.yml").write_text(yaml.safe_dump(track, sort_keys=False), encoding="utf-8")
    for p in range(5):
        (content / "pages" / f"guide-{p}.md").write_text(f"# Guide {p}\n\n{sentence(p)}\n\n## Details\n\n"
                                                         f"{sentence(p + 1)}\n", encoding="utf-8")
    return root


def _milestone(t: int, level: int, m: int, competencies: int) -> dict[str, object]:
    seed = t * 1000 + level * 10 + m
    return {
        "id": f"m-{level}-{m}", "title": f"Milestone {t}.{level}.{m}", "domain": DOMAINS[seed % len(DOMAINS)],
        "competencies": [f"competency-{(seed + k) % competencies}" for k in range(2)],
        "activity": sentence(seed) + "\n\n" + sentence(seed + 1),
        "criterion": {"text": sentence(seed + 2), "metric": "score", "target": ">= 10"} if m % 2 else
                     {"text": sentence(seed + 3)},
        "horizon": f"{30 + m * 10}d", "cadence": CADENCES[m % len(CADENCES)],
        "evidence": {"entries": 1 + m % 2, "feedback": ["peer"] if m % 3 else []},
        "recognition": f"Badge {m}", "business_link": f"OKR {m % 4}",
    }


def write_example_people(target: Path, people: int) -> Path:
    """The bundled example's content and `people` portfolios: its own and numbered clones of them.

    The originals stay, because the clones name them as managers, peers and reviewers.
    """
    target.mkdir(parents=True)
    shutil.copytree(EXAMPLE / "content", target / "content")
    shutil.copy(EXAMPLE / "handbook.yml", target)
    shutil.copytree(EXAMPLE / "portfolios", target / "portfolios")
    sources = sorted(p for p in (EXAMPLE / "portfolios").iterdir() if p.is_dir())
    for n in range(max(0, people - len(sources))):
        shutil.copytree(sources[n % len(sources)], target / "portfolios" / f"person-{n:03d}")
    return target
