"""The example copied outside git and built once per session: team views, programme report, packets."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import copy_example
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
        return build(copy_example(tmp_path_factory.mktemp("packets") / "repo"), anonymise=True, jobs=2)
    finally:
        monkeypatch.undo()
