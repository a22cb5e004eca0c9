"""The cache files are read only when they are regular files: anything else is ignored, never waited on."""
from __future__ import annotations

import os
from pathlib import Path

from generator.write.cache import FOLDER
from tests.helpers import run_cli


def test_a_fifo_as_cache_file_is_ignored_and_check_finishes(minimal: Path) -> None:
    folder = minimal / FOLDER
    folder.mkdir()
    for name in ("check", "people"):
        os.mkfifo(folder / f"{name}.json")
    result = run_cli("check", "--root", minimal)
    assert result.exit_code == 0, result.output
    assert (folder / "check.json").is_file()  # the next save replaces it with a real cache
