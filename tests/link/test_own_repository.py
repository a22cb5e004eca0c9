"""A person's own repository: the framework fetched with git from a file:// remote, and a committee build over many."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.helpers import run_cli
from tests.own_repositories import MINIMAL, framework, person_repository, release, user_cache
from tests.render.portfolio.conftest import git

__all__ = ["framework", "user_cache"]  # fixtures
VERDICT = ("---\ntitle: Grace on the joiner\ndate: 2026-05-01\nkind: feedback\nfrom: grace\nrole: manager\n"
           "verdict: met\nmilestones: [engineering/mentor-joiner]\n---\nProductive.\n")
PEER = ("---\ntitle: Linus on the pairing\ndate: 2026-05-02\nkind: feedback\nfrom: linus\nrole: peer\n"
        "milestones: [engineering/mentor-joiner]\n---\nHelpful.\n")


def readiness(root: Path, *args: str) -> dict[str, object]:
    result = run_cli("readiness", *args, "--root", root, "--format", "json")
    assert result.exit_code == 0, result.output
    return dict(json.loads(result.stdout))


def problems(root: Path) -> list[dict[str, object]]:
    result = run_cli("check", "--root", root, "--format", "json")
    assert result.exit_code in (0, 1), result.output
    return list(json.loads(result.stdout or "[]"))


def milestones(data: dict[str, object]) -> dict[str, str]:
    rows = data["milestones"]
    assert isinstance(rows, list)
    return {row["id"]: row["status"] for row in rows}


def test_a_persons_repository_is_checked_against_the_tagged_framework(framework: tuple[Path, str],
                                                                       tmp_path: Path, user_cache: Path) -> None:
    _, url = framework
    ada = person_repository(tmp_path, "ada", url)
    assert problems(ada) == []
    data = readiness(ada)
    assert (data["person"], data["framework"]) == ("ada", "1.0")
    assert len(list(user_cache.iterdir())) == 1
    (ada / "handbook.yml").write_text(f'framework: {{git: "{url}", ref: v2}}\n', encoding="utf-8")
    assert readiness(ada, "ada")["framework"] == "1.1"


def test_a_fetched_tag_is_used_offline(framework: tuple[Path, str], tmp_path: Path) -> None:
    _, url = framework
    ada = person_repository(tmp_path, "ada", url)
    assert readiness(ada)["framework"] == "1.0"
    shutil.rmtree(tmp_path / "remote")
    result = run_cli("check", "--root", ada)
    assert result.exit_code == 0, result.output
    assert "warning" not in result.output
    assert readiness(ada)["framework"] == "1.0"


def test_a_branch_is_fetched_again_and_used_offline_with_a_warning(framework: tuple[Path, str],
                                                                    tmp_path: Path) -> None:
    work, url = framework
    ada = person_repository(tmp_path, "ada", url, ref="main")
    assert readiness(ada)["framework"] == "1.1"
    release(work, "1.2")
    git(work, "push", "-q", "origin", "main")
    assert readiness(ada)["framework"] == "1.2"
    shutil.rmtree(tmp_path / "remote")
    (warning,) = problems(ada)
    remote = tmp_path / "remote" / "framework.git"
    assert (warning["severity"], warning["code"], warning["path"], warning["line"], warning["column"]) == (
        "warning", "framework-not-updated", "handbook.yml", 1, len(url) + 27)
    assert warning["message"] == (f"could not update the framework's 'main' from '{url}' ('{remote}' does not "
                                  "appear to be a git repository); using the copy fetched earlier")
    assert readiness(ada)["framework"] == "1.2"


def test_an_unreachable_framework_is_a_located_error(tmp_path: Path) -> None:
    url = (tmp_path / "nowhere.git").as_uri()
    ada = person_repository(tmp_path, "ada", url)
    result = run_cli("check", "--root", ada)
    assert result.exit_code == 1
    assert result.output.splitlines()[:2] == [
        f"handbook.yml:1:18: error: cannot fetch the framework from '{url}': '{tmp_path / 'nowhere.git'}' does "
        "not appear to be a git repository",
        "    hint: check the address and your access to it (try 'git clone' with it); once fetched, the framework "
        "is used offline"]
    assert "content/framework.yml" not in result.output


def test_a_missing_ref_is_a_located_error(framework: tuple[Path, str], tmp_path: Path) -> None:
    _, url = framework
    ada = person_repository(tmp_path, "ada", url, ref="v9")
    (error,) = problems(ada)
    assert (error["path"], error["line"], error["column"], error["code"]) == (
        "handbook.yml", 1, len(url) + 27, "framework-unavailable")
    assert error["message"] == f"the framework repository '{url}' has no tag, branch or commit 'v9'"


@pytest.mark.parametrize(("framework_line", "message"), [
    ('{git: "-uexploit", ref: v1}', "git: '-uexploit' is not a repository address or folder"),
    ('{git: "file:///x.git", ref: "--upload-pack=x"}', "ref: '--upload-pack=x' is not a tag, branch or commit name"),
    ('{git: "file:///x.git"}', "framework: a framework from git needs the ref to use, like ref: v2026.2"),
    ('{git: "file:///x.git", ref: v1, path: ../fw}', "framework: name the framework either by git and ref (like git: "
                                                   "https://git.example.com/acme/career-framework.git with ref: "
                                                   "v2026.2) or by path"),
])
def test_option_like_addresses_and_refs_are_refused(tmp_path: Path, user_cache: Path, framework_line: str,
                                                    message: str) -> None:
    ada = person_repository(tmp_path, "ada", "file:///unused.git")
    (ada / "handbook.yml").write_text(f"framework: {framework_line}\n", encoding="utf-8")
    (error,) = problems(ada)
    assert (error["path"], error["line"], error["message"]) == ("handbook.yml", 1, message)
    assert not user_cache.exists()


def test_a_framework_folder_needs_its_content(tmp_path: Path, framework: tuple[Path, str]) -> None:
    work, _ = framework
    ada = person_repository(tmp_path, "ada", "file:///unused.git")
    (ada / "handbook.yml").write_text("framework: {path: ../../framework-work}\n", encoding="utf-8")
    assert readiness(ada)["framework"] == "1.1"
    (ada / "handbook.yml").write_text("framework: {path: ../elsewhere}\n", encoding="utf-8")
    (error,) = problems(ada)
    assert (error["line"], error["column"], error["message"]) == (
        1, 19, "the framework folder '../elsewhere' has no content/framework.yml")


def test_settings_of_the_framework_are_not_taken_from_a_persons_repository(framework: tuple[Path, str],
                                                                          tmp_path: Path) -> None:
    _, url = framework
    ada = person_repository(tmp_path, "ada", url)
    with (ada / "handbook.yml").open("a", encoding="utf-8") as config:
        config.write("site_name: Mine\nperson: ada\n")
    (warning,) = problems(ada)
    assert (warning["line"], warning["code"], warning["message"]) == (
        2, "setting-of-framework", "'site_name' is the framework's to set, so this one is not used")


def test_feedback_committed_by_its_giver_in_the_persons_repository_is_verified(framework: tuple[Path, str],
                                                                               tmp_path: Path) -> None:
    _, url = framework
    ada = person_repository(tmp_path, "ada", url)
    (ada / "entries/2026-05-02-linus.md").write_text(PEER, encoding="utf-8")
    git(ada, "add", "-A")
    git(ada, "commit", "-qm", "Peer feedback", who="linus")
    (ada / "entries/2026-05-01-grace.md").write_text(VERDICT, encoding="utf-8")
    git(ada, "add", "-A")
    git(ada, "commit", "-qm", "Verdict written by Ada for Grace", who="ada")
    assert milestones(readiness(ada))["engineering/mentor-joiner"] == "in_progress"
    git(ada, "rm", "-q", "entries/2026-05-01-grace.md")
    git(ada, "commit", "-qm", "Withdrawn", who="ada")
    (ada / "entries/2026-05-01-grace.md").write_text(VERDICT, encoding="utf-8")
    git(ada, "add", "-A")
    git(ada, "commit", "-qm", "Verdict", who="grace")
    assert milestones(readiness(ada))["engineering/mentor-joiner"] == "met"


def test_new_entry_writes_into_the_persons_repository(framework: tuple[Path, str], tmp_path: Path) -> None:
    _, url = framework
    ada = person_repository(tmp_path, "ada", url)
    result = run_cli("new", "entry", "--root", ada, "--kind", "project", "--title", "Shipped search",
                     "--date", "2026-05-20", "--yes")
    assert result.exit_code == 0, result.output
    assert result.stdout == "wrote entries/2026-05-20-shipped-search.md\n"
    assert problems(ada) == []


@pytest.mark.parametrize("clones", ["../people", "portfolios"])
def test_a_committee_builds_every_persons_repository(framework: tuple[Path, str], tmp_path: Path,
                                                     clones: str) -> None:
    """The committee clones the framework, and each person's repository beside it (a `portfolios:` source) or
    inside its portfolios/ folder, and builds them all; feedback is verified from each person's history."""
    _, url = framework
    remotes = tmp_path / "remotes"
    for person in ("ada", "bo"):
        own = person_repository(tmp_path, person, url)
        if person == "ada":
            for name, text, giver in (("2026-05-01-grace.md", VERDICT, "grace"),
                                      ("2026-05-02-linus.md", PEER, "linus")):
                (own / "entries" / name).write_text(text, encoding="utf-8")
                git(own, "add", "-A")
                git(own, "commit", "-qm", "Feedback", who=giver)
        subprocess.run(["git", "clone", "-q", "--bare", str(own), str(remotes / f"{person}.git")], check=True)
    committee = tmp_path / "committee"
    subprocess.run(["git", "clone", "-q", "--branch", "v2", url, str(committee / "framework")], check=True,
                   capture_output=True)
    root = committee / "framework"
    for person in ("ada", "bo"):
        subprocess.run(["git", "clone", "-q", (remotes / f"{person}.git").as_uri(), str(root / clones / person)],
                       check=True)
    if clones == "../people":
        with (root / "handbook.yml").open("a", encoding="utf-8") as config:
            config.write("portfolios: [portfolios, ../people/*]\n")
    assert problems(root) == []
    assert milestones(readiness(root, "ada"))["engineering/mentor-joiner"] == "met"
    assert readiness(root, "bo")["framework"] == "1.1"
    result = run_cli("build", "--root", root, "--no-site", "--no-pdf", "--audience", "committee")
    assert result.exit_code == 0, result.output
    built = sorted(p.name for p in (root / "build/portfolios").iterdir() if not p.name.startswith("_"))
    assert built == ["ada", "bo", "index.html"]
    index = (root / "build/portfolios/index.html").read_text(encoding="utf-8")
    assert "Ada Example" in index and "Bo Example" in index


def test_moving_a_portfolio_to_its_own_repository_keeps_its_verified_feedback(tmp_path: Path) -> None:
    """`git subtree split` keeps who committed each file, so feedback stays verified in the person's repository."""
    shared = tmp_path / "shared"
    shutil.copytree(MINIMAL, shared)
    git(shared, "init", "-q", "-b", "main")
    git(shared, "add", "-A")
    git(shared, "commit", "-qm", "Framework and Ada's portfolio")
    for name, text, giver in (("2026-05-01-grace.md", VERDICT, "grace"), ("2026-05-02-linus.md", PEER, "linus")):
        (shared / "portfolios/ada/entries" / name).write_text(text, encoding="utf-8")
        git(shared, "add", "-A")
        git(shared, "commit", "-qm", "Feedback", who=giver)
    assert milestones(readiness(shared, "ada"))["engineering/mentor-joiner"] == "met"
    git(shared, "subtree", "split", "-q", "--prefix", "portfolios/ada", "-b", "ada-alone")
    ada = tmp_path / "own" / "ada"
    subprocess.run(["git", "clone", "-q", "--branch", "ada-alone", str(shared), str(ada)], check=True)
    (ada / "handbook.yml").write_text("framework: {path: ../../shared}\n", encoding="utf-8")
    git(ada, "add", "handbook.yml")
    git(ada, "commit", "-qm", "Assessed against the shared framework")
    assert problems(ada) == []
    assert milestones(readiness(ada))["engineering/mentor-joiner"] == "met"


def test_sources_names_the_framework_commit_and_the_person(framework: tuple[Path, str], tmp_path: Path) -> None:
    work, url = framework
    ada = person_repository(tmp_path, "ada", url, ref="v2")
    result = run_cli("sources", "--root", ada)
    assert result.exit_code == 0, result.output
    framework_line, person_line = result.stdout.splitlines()
    commit = git_output(work, "log", "-1", "--format=%h %as", "v2")
    assert framework_line.startswith(f"framework: {url}@v2 at {commit}  (")
    assert person_line == f"person: ada  (at {git_output(ada, 'log', '-1', '--format=%h %as')})"


def git_output(root: Path, *args: str) -> str:
    return subprocess.run(["git", "-C", str(root), *args], check=True, capture_output=True, text=True).stdout.strip()


def test_a_repository_folder_that_is_not_an_id_needs_person(framework: tuple[Path, str], tmp_path: Path) -> None:
    _, url = framework
    ada = person_repository(tmp_path, "ada", url)
    renamed = ada.rename(ada.parent / "Ada_Portfolio")
    (error,) = problems(renamed)
    assert (error["path"], error["line"], error["code"], error["message"]) == (
        "handbook.yml", 1, "person-id",
        "the repository's folder 'Ada_Portfolio' is not a person id, and handbook.yml names none")
    with (renamed / "handbook.yml").open("a", encoding="utf-8") as config:
        config.write("person: ada\n")
    assert problems(renamed) == []
    assert readiness(renamed)["person"] == "ada"


def test_the_frameworks_warnings_are_not_the_learners(framework: tuple[Path, str], tmp_path: Path) -> None:
    """A warning in the framework is its owners' to fix: a learner's strict check passes; its errors still stop."""
    work, _ = framework
    ada = person_repository(tmp_path, "ada", "file:///unused.git")
    (ada / "handbook.yml").write_text("framework: {path: ../../framework-work}\n", encoding="utf-8")
    framework_file = work / "content/framework.yml"
    text = framework_file.read_text(encoding="utf-8")
    framework_file.write_text(text.replace("summary: A small framework used by the tests.", 'summary: ""'),
                              encoding="utf-8")
    assert problems(work) != []  # the framework's owners see it
    result = run_cli("check", "--root", ada, "--strict")
    assert result.exit_code == 0, result.output
    framework_file.write_text(text.replace('version: "1.1"', "version: [1]"), encoding="utf-8")
    (error,) = problems(ada)
    # named from the person's repository, not as an absolute path
    assert (error["path"], error["severity"]) == ("../../framework-work/content/framework.yml", "error")
    assert (ada / error["path"]).resolve() == framework_file.resolve()


def test_an_error_in_a_fetched_framework_names_its_ref_and_file(framework: tuple[Path, str], tmp_path: Path) -> None:
    work, url = framework
    framework_file = work / "content/framework.yml"
    framework_file.write_text(framework_file.read_text(encoding="utf-8").replace('version: "1.1"', "version: [1]"),
                              encoding="utf-8")
    git(work, "commit", "-qam", "A broken release")
    git(work, "tag", "v9")
    git(work, "push", "-q", "origin", "v9")
    ada = person_repository(tmp_path, "ada", url, ref="v9")
    (error,) = problems(ada)
    assert (error["path"], error["line"], error["severity"]) == ("framework@v9:content/framework.yml", 2, "error")


def test_feedback_sealed_in_a_persons_repository_opens_for_the_frameworks_readers(framework: tuple[Path, str],
                                                                                  tmp_path: Path) -> None:
    """The framework's confidentiality policy applies in a person's repository: the giver seals there."""
    work, _ = framework
    committee_key = tmp_path / "committee.agekey"
    subprocess.run(["age-keygen", "-o", str(committee_key)], check=True, capture_output=True)
    public = subprocess.run(["age-keygen", "-y", str(committee_key)], check=True, capture_output=True, text=True)
    with (work / "handbook.yml").open("a", encoding="utf-8") as config:
        config.write(f"confidentiality:\n  readers:\n    committee: [{public.stdout.strip()}]\n"
                     "  sealed_feedback:\n    roles: [manager]\n    readers: [committee]\n")
    ada = person_repository(tmp_path, "ada", "file:///unused.git")
    (ada / "handbook.yml").write_text("framework: {path: ../../framework-work}\n", encoding="utf-8")
    (ada / "entries/2026-05-02-linus.md").write_text(PEER, encoding="utf-8")
    git(ada, "add", "-A")
    git(ada, "commit", "-qm", "Peer feedback", who="linus")
    result = run_cli("feedback", "give", "ada", "--root", ada, "--role", "manager", "--from", "grace",
                     "--milestone", "mentor-joiner", "--verdict", "met", "--date", "2026-05-01", "--text", "Ready.")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("wrote entries/2026-05-01-manager-feedback-grace.md")
    git(ada, "add", "-A")
    git(ada, "commit", "-qm", "Verdict", who="grace")
    assert problems(ada) == []
    assert milestones(readiness(ada))["engineering/mentor-joiner"] == "in_progress"
    opened = readiness(ada, "--identity", str(committee_key))
    assert milestones(opened)["engineering/mentor-joiner"] == "met"


def test_a_transport_that_runs_commands_is_refused(tmp_path: Path) -> None:
    ada = person_repository(tmp_path, "ada", "ext::git-upload-pack%s")
    (error,) = problems(ada)
    assert error["message"] == "cannot fetch the framework from 'ext::git-upload-pack%s': transport 'ext' not allowed"
    ada = person_repository(tmp_path / "spaced", "ada", "ext::sh -c true")  # a command with arguments needs spaces
    (error,) = problems(ada)
    assert error["message"] == "git: 'ext::sh -c true' is not a repository address or folder"
