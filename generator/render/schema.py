"""JSON Schemas generated from the models, for editor completion and validation."""

from __future__ import annotations

import json
from pathlib import Path

from pydantic import BaseModel

from generator.model.competency import CompetencyFile
from generator.model.config import HandbookConfig
from generator.model.framework import Framework
from generator.model.plan import Plan
from generator.model.portfolio import Entry, PeopleFile, Profile
from generator.model.track import Track

SCHEMAS: dict[str, tuple[type[BaseModel], str]] = {
    "handbook": (HandbookConfig, "handbook.yml: project settings"),
    "framework": (Framework, "content/framework.yml: the career framework"),
    "competencies": (CompetencyFile, "content/competencies/*.yml: competency map"),
    "track": (Track, "content/tracks/<track>.yml: milestone ladder of a career track"),
    "people": (PeopleFile, "portfolios/people.yml: reviewers without a portfolio"),
    "profile": (Profile, "portfolios/<person>/profile.yml: a learner's profile"),
    "entry": (Entry, "front matter of portfolios/<person>/entries/*.md"),
    "plan": (Plan, "portfolios/<person>/plan.yml: a learner's plan for the next period"),
}


def render_schemas() -> dict[str, str]:
    """File name → JSON text of every schema."""
    out = {}
    for name, (model, title) in SCHEMAS.items():
        schema = {"$schema": "https://json-schema.org/draft/2020-12/schema", "title": title,
                  **model.model_json_schema(by_alias=True)}
        schema["title"] = title
        out[f"{name}.schema.json"] = json.dumps(schema, indent=2, ensure_ascii=False) + "\n"
    return out


def write_schemas(folder: Path) -> list[Path]:
    from generator.write.atomic import write_text

    return [write_text(folder / name, text) for name, text in render_schemas().items()]
