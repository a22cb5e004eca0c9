"""`handbook new site`: the starter repository is valid, complete and never overwrites."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from generator.scaffold.site import starter_files, starter_values
from tests.gitrepo import HANDBOOK_BIN, handbook, init_repo
from tests.helpers import run_cli


@pytest.fixture(scope="module")
def starter(tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("new-site") / "handbook"
    result = handbook("new", "site", target, "--name", "Acme Handbook")
    assert result.returncode == 0, result.stderr
    return target


def test_starter_passes_strict_check(starter: Path) -> None:
    result = handbook("check", "--root", starter, "--strict")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no problems" in result.stderr


def test_starter_has_the_repository_files(starter: Path) -> None:
    for rel in (".gitignore", ".github/workflows/handbook.yml", ".gitlab-ci.yml", ".pre-commit-config.yaml",
                "handbook.yml", "content/framework.yml", "content/pages/promotion.md",
                "portfolios/people.yml", "portfolios/alex/profile.yml", "schemas/entry.schema.json"):
        assert (starter / rel).is_file(), rel
    assert len(list((starter / "portfolios/alex/entries").glob("*.md"))) == 2
    assert "/site/" in (starter / ".gitignore").read_text().split()
    assert "/build/" in (starter / ".gitignore").read_text().split()
    assert "site_name: Acme Handbook\n" in (starter / "handbook.yml").read_text()


def test_starter_person_is_in_progress(starter: Path) -> None:
    result = handbook("readiness", "alex", "--format", "json", cwd=starter)
    assert result.returncode == 0, result.stderr
    import json

    milestones = {m["id"]: m["status"] for m in json.loads(result.stdout)["milestones"]}
    assert milestones == {"engineering/raise-coverage": "met", "engineering/mentor-joiner": "in_progress"}


def test_github_workflow_checks_prs_and_publishes_only_the_site(starter: Path) -> None:
    workflow = yaml.safe_load((starter / ".github/workflows/handbook.yml").read_text())
    assert "pull_request" in workflow[True]  # YAML 1.1 reads the key `on` as true
    steps = workflow["jobs"]["check"]["steps"]
    assert any("handbook check" in s.get("run", "") and "--format github" in s["run"] for s in steps)
    site_steps = workflow["jobs"]["site"]["steps"]
    build = next(s["run"] for s in site_steps if "handbook build" in s.get("run", ""))
    assert "--no-portfolios" in build
    upload = next(s for s in site_steps if "upload-pages-artifact" in s.get("uses", ""))
    assert upload["with"]["path"] == "site/"
    assert workflow["jobs"]["deploy"]["steps"][0]["uses"].startswith("actions/deploy-pages")


def test_gitlab_pipeline_publishes_only_the_site(starter: Path) -> None:
    pipeline = yaml.safe_load((starter / ".gitlab-ci.yml").read_text())
    assert any("handbook check" in line for line in pipeline["check"]["script"])
    pages = pipeline["pages"]
    assert pages["artifacts"]["paths"] == ["public"]
    assert "handbook build --no-portfolios --all-versions" in pages["script"]
    assert "rm -rf public && cp -r site public" in pages["script"]
    assert pipeline["portfolios"]["rules"][0]["when"] == "manual"


def test_every_starter_placeholder_is_filled() -> None:
    import datetime as dt

    files = starter_files(starter_values("X", dt.date(2026, 3, 1)))
    unfilled = re.compile(r"(?<!\$)\{\{")  # ${{ ... }} is GitHub Actions' own syntax
    assert not [rel for rel, text in files.items() if unfilled.search(rel) or unfilled.search(text)]
    assert "portfolios/alex/entries/2026-01-30-billing-coverage.md" in files


def test_existing_files_are_never_overwritten(tmp_path: Path) -> None:
    (tmp_path / "handbook.yml").write_text("site_name: Mine\n")
    result = run_cli("new", "site", tmp_path)
    assert result.exit_code == 1
    assert result.stderr.startswith(f"error: '{tmp_path}' already has handbook.yml; nothing was written")
    assert (tmp_path / "handbook.yml").read_text() == "site_name: Mine\n"
    assert not (tmp_path / "content").exists()


def test_an_empty_git_repository_is_a_fine_target(tmp_path: Path) -> None:
    init_repo(tmp_path)
    result = run_cli("new", "site", tmp_path)
    assert result.exit_code == 0, result.stderr
    assert run_cli("check", "--root", tmp_path, "--strict").exit_code == 0


def test_any_name_makes_valid_yaml(tmp_path: Path) -> None:
    name = 'Acme: the "real" #1 handbook'
    assert run_cli("new", "site", tmp_path, "--name", name).exit_code == 0
    assert yaml.safe_load((tmp_path / "handbook.yml").read_text())["site_name"] == name
    assert yaml.safe_load((tmp_path / "content/framework.yml").read_text())["name"] == name
    assert run_cli("check", "--root", tmp_path, "--strict").exit_code == 0


def test_ci_keeps_each_audience_a_separate_private_artifact(starter: Path) -> None:
    workflow = yaml.safe_load((starter / ".github/workflows/handbook.yml").read_text())
    merge = workflow["jobs"]["portfolios-merge"]
    assert [s["with"]["path"] for s in merge["steps"] if "upload-artifact" in s.get("uses", "")] == [
        "build/portfolios/"]
    reports = workflow["jobs"]["reports"]
    assert reports["if"] is False
    uploads = [s["with"] for s in reports["steps"] if s.get("uses", "").startswith("actions/upload-artifact")]
    assert [(u["name"], u["path"]) for u in uploads] == [("teams", "build/teams/"), ("programme", "build/reports/")]
    calibration = workflow["jobs"]["calibration"]
    assert calibration["env"]["HANDBOOK_ANONYMISE_KEY"] == "${{ secrets.HANDBOOK_ANONYMISE_KEY }}"
    assert any(s.get("run") == "handbook build --no-site --anonymise" for s in calibration["steps"])
    assert [s["with"]["path"] for s in calibration["steps"] if "upload-artifact" in s.get("uses", "")] == [
        "build/calibration/"]
    pipeline = yaml.safe_load((starter / ".gitlab-ci.yml").read_text())
    jobs = {name: pipeline[name] for name in ("portfolios-merge", "teams", "programme", "calibration")}
    assert {name: job["artifacts"]["paths"] for name, job in jobs.items()} == {
        "portfolios-merge": ["build/portfolios"], "teams": ["build/teams"], "programme": ["build/reports"],
        "calibration": ["build/calibration"]}
    assert all(pipeline[name]["rules"][0]["when"] == "manual" for name in ("teams", "programme", "calibration"))
    assert pipeline["teams"]["script"] == ["handbook build --no-site --audience teams"]


def test_ci_builds_portfolios_on_four_runners_then_merges_them(starter: Path) -> None:
    workflow = yaml.safe_load((starter / ".github/workflows/handbook.yml").read_text())
    shards = workflow["jobs"]["portfolios"]
    assert shards["strategy"]["matrix"]["shard"] == [1, 2, 3, 4]
    assert "handbook build --no-site --shard ${{ matrix.shard }}/4" in [s.get("run") for s in shards["steps"]]
    merge = workflow["jobs"]["portfolios-merge"]
    assert merge["needs"] == "portfolios"
    assert "handbook build --no-site --merge-shards shards/*" in [s.get("run") for s in merge["steps"]]
    pipeline = yaml.safe_load((starter / ".gitlab-ci.yml").read_text())
    assert pipeline["portfolios"]["parallel"] == 4
    assert 'handbook build --no-site --shard "$CI_NODE_INDEX/$CI_NODE_TOTAL"' in pipeline["portfolios"]["script"]
    assert pipeline["portfolios-merge"]["needs"] == ["portfolios"]
    assert pipeline["portfolios-merge"]["script"] == ["handbook build --no-site --merge-shards shards/*"]


def test_both_pipelines_offer_a_sealed_build(starter: Path) -> None:
    workflow = yaml.safe_load((starter / ".github/workflows/handbook.yml").read_text())
    steps = workflow["jobs"]["sealed"]["steps"]
    assert any(s.get("run") == "handbook build --no-site --seal" for s in steps)
    assert next(s for s in steps if "upload-artifact" in s.get("uses", ""))["with"]["path"] == "build/sealed/"
    pipeline = yaml.safe_load((starter / ".gitlab-ci.yml").read_text())
    assert "handbook build --no-site --seal" in pipeline["sealed"]["script"]
    assert pipeline["sealed"]["artifacts"]["paths"] == ["build/sealed"]



def _people_repositories(alex: Path, remotes: Path) -> None:
    """Alex's starter portfolio as two people's own repositories, acme/portfolio-ada and -bo, in bare remotes."""
    for person in ("ada", "bo"):
        work = remotes.parent / "work" / person
        shutil.copytree(alex, work)
        profile = work / "profile.yml"
        profile.write_text(profile.read_text().replace("Alex", person.title()).replace("alex", person))
        init_repo(work, email=f"{person}@example.com", name=person.title())
        subprocess.run(["git", "clone", "-q", "--bare", str(work), str(remotes / f"acme/portfolio-{person}.git")],
                       check=True)


def _script(commands: str, env: dict[str, str], cwd: Path) -> None:
    done = subprocess.run(["bash", "-eo", "pipefail", "-c", commands], cwd=cwd, env=env, capture_output=True,
                          text=True)
    assert done.returncode == 0, done.stdout + done.stderr


@pytest.mark.parametrize("host", ["github", "gitlab"])
def test_the_committee_job_clones_and_builds_every_portfolio_repository(tmp_path: Path, host: str) -> None:
    """The starter's job as written, its clone addresses pointed at file:// remotes instead of the code host."""
    root = tmp_path / "handbook"
    assert handbook("new", "site", root).returncode == 0
    remotes = tmp_path / "remotes"
    _people_repositories(root / "portfolios/alex", remotes)
    if host == "github":
        job = yaml.safe_load((root / ".github/workflows/handbook.yml").read_text())["jobs"]["portfolio-repositories"]
        people = job["env"]["PEOPLE"]
        runs = [step["run"] for step in job["steps"] if "run" in step]
        clone = runs[0].replace("https://github.com/${repository}", remotes.as_uri() + "/${repository}")
        commands = [clone, *runs[3:]]
    else:
        job = yaml.safe_load((root / ".gitlab-ci.yml").read_text())["portfolio-repositories"]
        people = job["variables"]["PEOPLE"]
        clone = job["script"][1].replace("https://${CI_SERVER_HOST}/${project}", remotes.as_uri() + "/${project}")
        commands = [job["script"][0], clone, *job["script"][2:]]
    assert people.split() == ["ada", "acme/portfolio-ada", "bo", "acme/portfolio-bo"]
    assert commands[-3:] == ["handbook sources", "handbook check --strict", "handbook build --no-site"]
    init_repo(root)
    (tmp_path / "home").mkdir()
    env = {**os.environ, "HOME": str(tmp_path / "home"), "PEOPLE": people, "TOKEN": "unused",
           "PORTFOLIOS_TOKEN": "unused", "CI_SERVER_HOST": "gitlab.example.com",
           "PATH": f"{HANDBOOK_BIN.parent}{os.pathsep}{os.environ['PATH']}"}
    _script("\n".join(commands[:-1]) + "\nhandbook build --no-site --no-pdf", env, root)
    built = sorted(p.name for p in (root / "build/portfolios").iterdir() if not p.name.startswith("_"))
    assert built == ["ada", "alex", "bo", "index.html"]
