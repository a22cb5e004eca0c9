"""A new handbook installs the tool from where the running one was installed (PEP 610)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from generator.scaffold import install_source as module
from generator.scaffold.site import create_site


class FakeDistribution:
    def __init__(self, direct: dict[str, object] | None, version: str = "0.3.1") -> None:
        self.direct, self.version = direct, version

    def read_text(self, name: str) -> str | None:
        assert name == "direct_url.json"
        return json.dumps(self.direct) if self.direct is not None else None


@pytest.mark.parametrize(("direct", "spec"), [
    ({"url": "https://git.acme.example/people/career-handbook.git",
      "vcs_info": {"vcs": "git", "commit_id": "4f2a9c1", "requested_revision": "v0.3.1"}},
     "career-handbook @ git+https://git.acme.example/people/career-handbook.git@4f2a9c1"),
    (None, "career-handbook==0.3.1"),  # from a package index
    ({"url": "https://files.acme.example/career_handbook-0.3.1-py3-none-any.whl", "archive_info": {}},
     "career-handbook @ https://files.acme.example/career_handbook-0.3.1-py3-none-any.whl"),
    ({"url": "file:///home/ada/career_handbook-0.3.1-py3-none-any.whl", "archive_info": {}},
     "career-handbook @ git+https://git.example.com/your-org/career-handbook.git@v0.3.1"),
])
def test_the_install_source_follows_how_the_tool_was_installed(monkeypatch: pytest.MonkeyPatch,
                                                                direct: dict[str, object] | None,
                                                                spec: str) -> None:
    monkeypatch.setattr(module.metadata, "distribution", lambda name: FakeDistribution(direct))
    assert module.install_source().spec == spec


def test_the_starter_names_it_in_its_readme_and_ci(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    direct = {"url": "https://git.acme.example/people/career-handbook.git", "vcs_info": {"vcs": "git",
                                                                                           "commit_id": "4f2a9c1"}}
    monkeypatch.setattr(module.metadata, "distribution", lambda name: FakeDistribution(direct))
    create_site(tmp_path / "handbook", "Acme")
    spec = "career-handbook @ git+https://git.acme.example/people/career-handbook.git@4f2a9c1"
    assert f'pip install "{spec}"' in (tmp_path / "handbook/README.md").read_text()
    for ci in (".gitlab-ci.yml", ".github/workflows/handbook.yml"):
        text = (tmp_path / "handbook" / ci).read_text()
        assert f"HANDBOOK_PACKAGE: {spec}" in text or f'HANDBOOK_PACKAGE: "{spec}"' in text, ci
        assert "pip install career-handbook\n" not in text
