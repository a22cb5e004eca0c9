"""`handbook report`: the programme report for learning and development."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from generator.commands.common import load_valid, print_json


def run_report(root: Path, as_of: dt.date | None, fmt: str) -> None:
    from generator.render.reports import programme_report
    from generator.render.reports.terminal import print_programme

    result = programme_report(load_valid(root, as_of))
    if fmt == "json":
        print_json(result.as_json())
    else:
        print_programme(result)
