"""`handbook team MANAGER`: what their reporting line needs."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from generator.commands.common import load_valid, print_json


def run_team(manager: str, root: Path, as_of: dt.date | None, fmt: str) -> None:
    from generator.render.teams import team_views
    from generator.render.teams.terminal import print_team

    view = team_views(load_valid(root, as_of), only=manager)[0]
    if fmt == "json":
        print_json(view.as_json())
    else:
        print_team(view)
