"""Calibration packets carry attachments as data: nothing in a packet is a file a browser would run."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.render.portfolio.links import PASSIVE_SUFFIXES
from tests.helpers import copy_example, edit, run_cli


def test_active_attachments_reach_packets_only_as_text(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HANDBOOK_ANONYMISE_KEY", "k" * 32)
    root = copy_example(tmp_path / "repo")
    attachments = root / "portfolios/mei/attachments"
    (attachments / "slides.html").write_text("<script>alert(document.cookie)</script>", encoding="utf-8")
    (attachments / "map.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
                                         encoding="utf-8")
    edit(root / "portfolios/mei/entries/2026-05-20-guild-series-wrap-up.md",
         "artifacts: [attachments/guild-ratings.md]",
         "artifacts: [attachments/guild-ratings.md, attachments/slides.html, attachments/map.svg]")
    result = run_cli("build", "--root", root, "--no-site", "--no-pdf", "--anonymise")
    assert result.exit_code == 0, result.output
    packets = root / "build/calibration"
    files = [p.relative_to(packets).as_posix() for p in packets.rglob("*") if p.is_file()]
    theme_or_page = {"index.html", "portfolio.css", "index.css", "index.js", ".handbook-stamp"}
    active = [f for f in files if Path(f).name not in theme_or_page and Path(f).suffix not in PASSIVE_SUFFIXES]
    assert active == []
    inert = sorted(f for f in files if f.endswith((".html.txt", ".svg.txt")))
    assert len(inert) == 2 and all("/attachments/f" in f for f in inert), files  # coded names, inert copies
