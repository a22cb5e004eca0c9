"""`handbook build --seal` and `handbook access`: private outputs only as archives their readers open."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.helpers import edit, run_cli

FIXTURE = Path(__file__).parent / "fixtures" / "minimal"
MARKER = "SEALMARKER-4c1d9e"  # written in ada's entry: it must never reach build/ in the clear


def age_key(folder: Path, name: str) -> tuple[Path, str]:
    path = folder / f"{name}.agekey"
    subprocess.run(["age-keygen", "-o", str(path)], check=True, capture_output=True)
    public = subprocess.run(["age-keygen", "-y", str(path)], check=True, capture_output=True, text=True)
    return path, public.stdout.strip()


@pytest.fixture
def keys(tmp_path: Path) -> dict[str, tuple[Path, str]]:
    folder = tmp_path / "keys"
    folder.mkdir()
    keys = {name: age_key(folder, name) for name in ("committee", "programme", "grace", "ada")}
    ssh = folder / "linus"  # an SSH key is a reader too, as code hosts list them
    subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", str(ssh)], check=True, capture_output=True)
    keys["linus"] = (ssh, ssh.with_suffix(".pub").read_text(encoding="utf-8").strip())
    return keys


@pytest.fixture
def repo(tmp_path: Path, keys: dict[str, tuple[Path, str]]) -> Path:
    root = tmp_path / "repo"
    shutil.copytree(FIXTURE, root)
    with (root / "handbook.yml").open("a", encoding="utf-8") as handle:
        handle.write(f"confidentiality:\n  readers:\n    committee: [{keys['committee'][1]}, {keys['linus'][1]}]\n"
                     f"    programme: [{keys['programme'][1]}]\n")
    edit(root / "portfolios/people.yml", "email: grace@example.com}",
         f"email: grace@example.com, keys: [{keys['grace'][1]}]}}")
    with (root / "portfolios/ada/profile.yml").open("a", encoding="utf-8") as handle:
        handle.write(f"keys: [{keys['ada'][1]}]\n")
    entry = root / "portfolios/ada/entries/2026-03-14-coverage.md"
    entry.write_text(entry.read_text(encoding="utf-8") + f"\n{MARKER}\n", encoding="utf-8")
    return root


def build(root: Path, *args: str) -> tuple[int, str]:
    result = run_cli("build", "--root", root, "--no-site", "--no-pdf", "--seal", "-q", *args)
    return result.exit_code, result.output


def files_containing(folder: Path, marker: str) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*")
                  if p.is_file() and marker.encode() in p.read_bytes())


def open_archive(archive: Path, identity: Path, into: Path) -> subprocess.CompletedProcess[bytes]:
    """What a reader runs: `age -d -i KEY FILE | tar x`."""
    into.mkdir(parents=True, exist_ok=True)
    plain = subprocess.run(["age", "-d", "-i", str(identity), str(archive)], capture_output=True)
    if plain.returncode == 0:
        subprocess.run(["tar", "x", "-C", str(into)], input=plain.stdout, check=True)
    return plain


def test_every_private_output_is_an_archive_and_nothing_is_in_the_clear(
        repo: Path, keys: dict[str, tuple[Path, str]], tmp_path: Path) -> None:
    code, output = build(repo)
    assert code == 0, output
    sealed = repo / "build" / "sealed"
    assert sorted(p.name for p in sealed.iterdir()) == [
        "committee.tar.age", "person-ada.tar.age", "programme.tar.age", "team-grace.tar.age"]
    assert sorted(p.name for p in (repo / "build").iterdir()) == ["sealed"]
    assert files_containing(tmp_path, MARKER) == ["repo/portfolios/ada/entries/2026-03-14-coverage.md"]

    committee = tmp_path / "opened-committee"
    assert open_archive(sealed / "committee.tar.age", keys["committee"][0], committee).returncode == 0
    assert files_containing(committee, MARKER) == ["portfolios/ada/index.html"]
    assert (committee / "portfolios/index.html").is_file()  # the committee index
    # the SSH key listed for the committee opens it too
    assert open_archive(sealed / "committee.tar.age", keys["linus"][0], tmp_path / "linus").returncode == 0
    own = tmp_path / "opened-ada"
    assert open_archive(sealed / "person-ada.tar.age", keys["ada"][0], own).returncode == 0
    assert files_containing(own, MARKER) == ["portfolios/ada/index.html"]
    team = tmp_path / "opened-team"
    assert open_archive(sealed / "team-grace.tar.age", keys["grace"][0], team).returncode == 0
    assert (team / "teams/grace/index.html").is_file()
    programme = tmp_path / "opened-programme"
    assert open_archive(sealed / "programme.tar.age", keys["programme"][0], programme).returncode == 0
    assert (programme / "reports/programme.html").is_file() and (programme / "teams/index.html").is_file()


def test_a_reader_opens_only_their_own_archives(repo: Path, keys: dict[str, tuple[Path, str]],
                                                tmp_path: Path) -> None:
    assert build(repo)[0] == 0
    sealed = repo / "build" / "sealed"
    for archive in ("committee.tar.age", "person-ada.tar.age", "programme.tar.age"):
        refused = open_archive(sealed / archive, keys["grace"][0], tmp_path / "grace")
        assert refused.returncode != 0, archive
    assert open_archive(sealed / "team-grace.tar.age", keys["ada"][0], tmp_path / "ada").returncode != 0


def test_a_reader_without_a_key_is_located_and_nothing_is_written(repo: Path) -> None:
    edit(repo / "portfolios/ada/profile.yml", "keys: [", "old_keys: [")
    (repo / "portfolios/ada/profile.yml").write_text(
        "\n".join(line for line in (repo / "portfolios/ada/profile.yml").read_text().splitlines()
                  if not line.startswith("old_keys")) + "\n", encoding="utf-8")
    code, output = build(repo)
    assert code == 1
    assert ("portfolios/ada/profile.yml:1:1: error: build --seal seals person-ada.tar.age for ada, who has no "
            "public key (keys:) to seal it to") in output
    assert "under keys: in their profile.yml" in output
    assert not (repo / "build").exists()


def test_a_failed_sealed_build_keeps_the_previous_archives(repo: Path) -> None:
    assert build(repo)[0] == 0
    before = {p.name: p.read_bytes() for p in (repo / "build/sealed").iterdir()}
    edit(repo / "handbook.yml", "programme: [", "programme_old: [")  # now an unknown key: the build stops
    code, _ = build(repo)
    assert code == 1
    assert {p.name: p.read_bytes() for p in (repo / "build/sealed").iterdir()} == before


def test_seal_and_shard_together_is_a_usage_error(repo: Path) -> None:
    result = run_cli("build", "--root", repo, "--seal", "--shard", "1/2")
    assert result.exit_code == 2
    assert "--seal seals whole audiences" in result.output


def test_access_lists_readers_and_their_keys(repo: Path) -> None:
    result = run_cli("access", "--root", repo, "--format", "json")
    assert result.exit_code == 0, result.output
    table = json.loads(result.stdout)
    files = {row["file"]: row["readers"] for row in table["outputs"]}
    assert files["build/sealed/committee.tar.age"] == [{"who": "committee readers of handbook.yml", "keys": 2}]
    assert files["build/sealed/team-grace.tar.age"] == [{"who": "grace (manager)", "keys": 1}]
    assert files["build/sealed/person-ada.tar.age"] == [{"who": "ada (learner)", "keys": 1}]
    assert table["confidential"] is True
    text = run_cli("access", "--root", repo).stdout
    assert "2 keys" in text and "NO KEY" not in text


def test_access_without_confidentiality_says_everything_is_readable(tmp_path: Path) -> None:
    root = tmp_path / "plain"
    shutil.copytree(FIXTURE, root)
    result = run_cli("access", "--root", root)
    assert result.exit_code == 0, result.output
    assert "nothing is sealed" in " ".join(result.stdout.split())
