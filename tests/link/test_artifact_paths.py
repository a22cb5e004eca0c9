"""Resolving an artifact path from its real portfolio folder gives what os.path.realpath gives."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from generator.link.references import _real_path


@pytest.fixture
def folder(tmp_path: Path) -> str:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.txt").write_text("x", encoding="utf-8")
    person = tmp_path / "portfolios" / "ada"
    (person / "attachments" / "deep").mkdir(parents=True)
    (person / "attachments" / "report.txt").write_text("x", encoding="utf-8")
    (person / "attachments" / "out").symlink_to(outside)
    (person / "attachments" / "loop").symlink_to(person / "attachments" / "loop")
    (person / "attachments" / "up").symlink_to("..")
    (person / "to-file").symlink_to(outside / "secret.txt")
    return str(person)


@pytest.mark.parametrize("artifact", [
    "attachments/report.txt", "attachments/missing.txt", "./attachments//report.txt", "attachments/deep/../report.txt",
    "../ada/attachments/report.txt", "../../outside/secret.txt", "attachments/out/secret.txt",
    "attachments/out/../x", "attachments/up/attachments/report.txt", "attachments/up/../outside/secret.txt",
    "attachments/loop/x", "to-file", "nothing/../../..", "attachments/", "a\\b.txt",
])
def test_resolving_from_the_real_folder_matches_realpath(folder: str, artifact: str) -> None:
    assert _real_path(folder, artifact) == os.path.realpath(os.path.join(folder, artifact))
