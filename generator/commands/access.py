"""`handbook access`: who can read what under the current configuration.

Each private output (its sealed archive under `build --seal`) and each role's feedback, with
its readers and how many keys each has; the public site and clear outputs are said plainly.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from generator.commands.common import load_valid, print_json
from generator.link.project import Project
from generator.model.types import ROLES
from generator.write.outputs import AUDIENCES

EVERYONE = "whoever reads the repository or the build artifacts"


def access_table(project: Project) -> dict[str, Any]:
    """The outputs and the feedback of every role, each with who reads it."""
    from generator.link.sealed import READER_WORDS, policy
    from generator.render.readers import archives

    confidentiality = project.config.confidentiality
    outputs: list[dict[str, Any]] = [{"output": "site/ (the handbook)", "file": "site/", "sealed": False,
                                      "readers": ["everyone the site is published to"]}]
    for archive in archives(project, tuple(AUDIENCES)):
        readers = [{"who": r.who, "keys": len(r.keys)} for r in archive.readers]
        if confidentiality is None:
            outputs.append({"output": archive.description, "file": f"build/{archive.contents[0]}",
                            "sealed": False, "readers": [EVERYONE]})
        else:
            outputs.append({"output": archive.description, "file": f"build/sealed/{archive.file}",
                            "sealed": True, "readers": readers})
    sealed = policy(project)
    feedback: list[dict[str, Any]] = []
    for role in ROLES:
        if role == "self":
            continue
        if sealed and role in sealed.roles:
            feedback.append({"role": role, "sealed": True, "readers": [READER_WORDS[r] for r in sealed.readers]})
        else:
            opened_by = ", ".join(READER_WORDS[r] for r in sealed.readers) if sealed else ""
            feedback.append({"role": role, "sealed": False, "readers": [
                EVERYONE + (f"; only {opened_by} when its giver seals it" if opened_by else "")]})
    return {"confidential": confidentiality is not None, "outputs": outputs, "feedback": feedback}


def run_access(root: Path, fmt: str) -> None:
    table = access_table(load_valid(root))
    if fmt == "json":
        print_json(table)
        return
    from rich.console import Console
    from rich.table import Table

    console = Console(highlight=False)
    if not table["confidential"]:
        console.print("No confidentiality: in handbook.yml: nothing is sealed, so every portfolio, team view, "
                      f"report and feedback item is readable by {EVERYONE}. See docs/confidentiality.md.")
    outputs = Table(title="Outputs (build --seal)", title_justify="left")
    for column in ("output", "file", "readers"):
        outputs.add_column(column, overflow="fold")
    for row in table["outputs"]:
        outputs.add_row(row["output"], row["file"], "; ".join(_reader(r) for r in row["readers"]))
    console.print(outputs)
    feedback = Table(title="Feedback", title_justify="left")
    for column in ("role", "sealed", "readers"):
        feedback.add_column(column)
    for row in table["feedback"]:
        feedback.add_row(row["role"], "sealed" if row["sealed"] else "in the clear", ", ".join(row["readers"]))
    console.print(feedback)


def _reader(reader: str | dict[str, Any]) -> str:
    if isinstance(reader, str):
        return reader
    keys = reader["keys"]
    return f"{reader['who']}: {keys} key{'' if keys == 1 else 's'}" if keys else f"{reader['who']}: NO KEY"

