"""Problems as text, JSON or GitHub workflow annotations."""

from __future__ import annotations

import json
from collections.abc import Sequence

from generator.problems import Problem


def format_text(problems: Sequence[Problem]) -> str:
    lines = []
    for p in problems:
        lines.append(f"{p.path}:{p.line}:{p.column}: {p.severity.value}: {p.message}")
        if p.hint:
            lines.append(f"    hint: {p.hint}")
    return "\n".join(lines)


def format_json(problems: Sequence[Problem]) -> str:
    return json.dumps([p.as_dict() for p in problems], indent=2, ensure_ascii=False)


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def format_github(problems: Sequence[Problem]) -> str:
    """Workflow commands that GitHub Actions shows as annotations on the lines."""
    lines = []
    for p in problems:
        props = f"file={_escape_property(p.path)},line={p.line},col={p.column},title={_escape_property(p.code)}"
        message = f"{p.message}. Hint: {p.hint}" if p.hint else p.message
        lines.append(f"::{p.severity.value} {props}::{_escape_data(message)}")
    return "\n".join(lines)


FORMATS = {"text": format_text, "json": format_json, "github": format_github}


def summary(problems: Sequence[Problem], files: int) -> str:
    errors = sum(1 for p in problems if p.severity.value == "error")
    warnings = len(problems) - errors
    if not problems:
        return f"{files} files checked: no problems"
    return f"{files} files checked: {errors} error{'s' * (errors != 1)}, {warnings} warning{'s' * (warnings != 1)}"
