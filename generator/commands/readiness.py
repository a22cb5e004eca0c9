"""`handbook readiness PERSON`: their readiness for the target level, in words or JSON."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from generator.commands.common import load_valid, only_person, portfolio_of, print_json


def run_readiness(person: str | None, root: Path, as_of: dt.date | None, fmt: str) -> None:
    from generator.assess.portfolio import assess_portfolio
    from generator.render.terminal import print_readiness

    project = load_valid(root, as_of)
    portfolio = portfolio_of(project, person or only_person(project))
    result = assess_portfolio(project, portfolio)
    if fmt == "json":
        print_json(result.as_json())
    else:
        print_readiness(project, portfolio, result)
