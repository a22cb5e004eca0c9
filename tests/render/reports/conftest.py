"""The example copied outside git and built once per session: team views, programme report, packets."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import copy_example, edit
from tests.render.portfolio.conftest import Built, build

ROOT = Path(__file__).parent.parent.parent.parent
SECRET = "calibration-test-key-0123456789"


@pytest.fixture(scope="session")
def reports(tmp_path_factory: pytest.TempPathFactory) -> Built:
    """Team views and the programme report of the example, with PDFs."""
    return build(copy_example(tmp_path_factory.mktemp("reports") / "repo"), audiences=("teams", "programme"), jobs=1)


@pytest.fixture(scope="session")
def packets(tmp_path_factory: pytest.TempPathFactory) -> Built:
    """The example's calibration packets, with PDFs."""
    monkeypatch = pytest.MonkeyPatch()
    monkeypatch.setenv("HANDBOOK_ANONYMISE_KEY", SECRET)
    try:
        root = copy_example(tmp_path_factory.mktemp("packets") / "repo")
        # a PDF cannot be checked for names: it is withheld, and its file name coded
        (root / "portfolios/mei/attachments/guild-feedback-notes.pdf").write_bytes(b"%PDF-1.4 Mei Tanaka\n")
        edit(root / "portfolios/mei/entries/2026-05-20-guild-series-wrap-up.md",
             "artifacts: [attachments/guild-ratings.md]",
             "artifacts: [attachments/guild-ratings.md, attachments/guild-feedback-notes.pdf]")
        return build(root, anonymise=True, jobs=2)
    finally:
        monkeypatch.undo()


@pytest.fixture(scope="session")
def dashboards(tmp_path_factory: pytest.TempPathFactory) -> Built:
    """The example's committee index, team views and programme report, without PDFs (for the browser)."""
    return build(copy_example(tmp_path_factory.mktemp("dashboards") / "repo"),
                 audiences=("committee", "teams", "programme"), pdf=False, jobs=1)
