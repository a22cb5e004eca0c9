"""`handbook check` with the cache: same problems as without it, unchanged people not read again."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from generator.link import incremental
from generator.link.load import load_project
from tests.helpers import edit, run_cli
from tests.hostile.corpus import CASES, Case

MINIMAL = Path(__file__).parent.parent / "fixtures" / "minimal"


@pytest.fixture(autouse=True)
def own_cache_key(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "user-cache"))


@pytest.fixture
def company(minimal: Path) -> Path:
    """The minimal handbook with two more people cloned from ada, each with their own email."""
    for name in ("bea", "cyd"):
        shutil.copytree(minimal / "portfolios/ada", minimal / f"portfolios/{name}")
        edit(minimal / f"portfolios/{name}/profile.yml", "ada@example.com", f"{name}@example.com")
    return minimal


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The person folders read in a run."""
    seen: list[str] = []
    original = incremental.read_portfolio

    def counting(folder, project, problems, **options):  # type: ignore[no-untyped-def]
        seen.append(folder.name)
        return original(folder, project, problems, **options)

    monkeypatch.setattr(incremental, "read_portfolio", counting)
    return seen


def problems(root: Path, *args: str) -> list[dict[str, object]]:
    result = run_cli("check", "--root", root, "--format", "json", *args)
    assert result.exit_code in (0, 1), result.output
    assert "internal error" not in result.output
    return json.loads(result.stdout or "[]")


def test_a_warm_check_reads_no_person_again_and_reports_the_same(company: Path, reads: list[str]) -> None:
    edit(company / "portfolios/bea/entries/2026-03-14-coverage.md", "engineering/raise-coverage",
         "engineering/raise-coverag")
    cold = problems(company)
    assert sorted(reads) == ["ada", "bea", "cyd"]
    reads.clear()
    assert problems(company) == cold == problems(company, "--no-cache")
    assert reads == []
    assert [(p["path"], p["code"]) for p in cold] == [
        ("portfolios/bea/entries/2026-03-14-coverage.md", "unknown-milestone")]


def test_one_changed_entry_reads_only_that_person(company: Path, reads: list[str]) -> None:
    problems(company)
    reads.clear()
    edit(company / "portfolios/cyd/entries/2026-03-14-coverage.md", "kind: project", "kind: projekt")
    found = problems(company)
    assert reads == ["cyd"]
    assert [(p["path"], p["line"], p["column"]) for p in found] == [
        ("portfolios/cyd/entries/2026-03-14-coverage.md", 4, 7)]
    edit(company / "portfolios/cyd/entries/2026-03-14-coverage.md", "kind: projekt", "kind: project")
    assert problems(company) == []


def test_a_content_change_rechecks_everyone_against_it(company: Path, reads: list[str]) -> None:
    assert problems(company) == []
    reads.clear()
    edit(company / "content/tracks/engineering.yml", "id: raise-coverage", "id: raise-test-coverage")
    found = problems(company)
    assert sorted(reads) == ["ada", "bea", "cyd"]
    assert sorted({str(p["path"]).split("/")[1] for p in found if p["code"] == "unknown-milestone"}) == [
        "ada", "bea", "cyd"]


def test_people_added_or_removed_recheck_the_references_to_them(company: Path, reads: list[str]) -> None:
    assert problems(company) == []
    edit(company / "portfolios/people.yml", "  - {id: grace, name: Grace Manager, email: grace@example.com}\n", "")
    assert {p["code"] for p in problems(company)} == {"unknown-person"}
    shutil.rmtree(company / "portfolios/cyd")
    (company / "portfolios/people.yml").write_text(
        "people:\n  - {id: grace, name: Grace Manager}\n  - {id: linus, name: Linus Peer}\n", encoding="utf-8")
    assert problems(company) == []


def test_what_others_profiles_say_of_people_is_rechecked(company: Path, reads: list[str]) -> None:
    """Committee membership, emails and managers in one profile change what another person's check finds."""
    (company / "portfolios/ada/entries/2026-04-10-bea.md").write_text(
        "---\ntitle: Bea on it\ndate: 2026-04-10\nkind: feedback\nfrom: bea\nrole: committee\n---\nGood.\n",
        encoding="utf-8")
    found = problems(company)
    assert [(p["path"], p["message"]) for p in found] == [
        ("portfolios/ada/entries/2026-04-10-bea.md",
         "bea is not a committee member, so their feedback cannot have role: committee")]
    reads.clear()
    (company / "portfolios/bea/profile.yml").write_text(
        (company / "portfolios/bea/profile.yml").read_text() + "committee: true\n", encoding="utf-8")
    assert problems(company) == [] == problems(company, "--no-cache")
    assert "ada" in reads
    edit(company / "portfolios/cyd/profile.yml", "cyd@example.com", "BEA@example.com")
    edit(company / "portfolios/bea/profile.yml", "manager: grace", "manager: cyd")
    edit(company / "portfolios/cyd/profile.yml", "manager: grace", "manager: bea")
    found = problems(company)
    assert found == problems(company, "--no-cache")
    assert [(p["path"], p["line"], p["message"]) for p in found] == [
        ("portfolios/bea/profile.yml", 7, "the reporting line goes round in a circle: bea → cyd → bea "
                                          "(each is managed by the next)"),
        ("portfolios/cyd/profile.yml", 2, "cyd's email is also bea's (in portfolios/bea/profile.yml)")]


def _cache_file(root: Path) -> Path:
    return root / ".handbook-cache" / "check.json"


def test_a_corrupt_cache_is_ignored_and_replaced(company: Path, reads: list[str]) -> None:
    problems(company)
    _cache_file(company).write_bytes(b"\x00not json at all")
    reads.clear()
    assert problems(company) == []
    assert sorted(reads) == ["ada", "bea", "cyd"]
    reads.clear()
    problems(company)
    assert reads == []


def test_a_forged_cache_hiding_an_error_is_never_trusted(company: Path, reads: list[str]) -> None:
    edit(company / "portfolios/bea/profile.yml", "track: engineering", "track: enginering")
    bad = problems(company)
    assert [p["code"] for p in bad] == ["unknown-track"]
    mac, _, body = _cache_file(company).read_bytes().partition(b"\n")
    data = json.loads(body)
    data["tables"]["portfolio"]["bea"]["value"]["problems"] = []
    _cache_file(company).write_bytes(mac + b"\n" + json.dumps(data).encode())
    assert problems(company) == bad


def test_a_cache_signed_by_another_user_is_not_used(company: Path, reads: list[str], tmp_path: Path) -> None:
    """A cache committed to the repository, or copied from another machine, does not verify here."""
    problems(company)
    (tmp_path / "user-cache/handbook/cache-key").write_bytes(b"k" * 32)
    reads.clear()
    assert problems(company) == []
    assert sorted(reads) == ["ada", "bea", "cyd"]


def test_a_linked_cache_folder_is_not_written_through(company: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (company / ".handbook-cache").symlink_to(elsewhere)
    assert problems(company) == []
    assert list(elsewhere.iterdir()) == []


def test_a_person_folder_holding_a_link_is_always_read(company: Path, reads: list[str], tmp_path: Path) -> None:
    outside = tmp_path / "outside.txt"
    outside.write_text("x", encoding="utf-8")
    (company / "portfolios/bea/attachments/link.txt").symlink_to(outside)
    problems(company)
    reads.clear()
    problems(company)
    assert reads == ["bea"]


@pytest.fixture
def staged_company(company: Path) -> Path:
    from tests.gitrepo import init_repo

    return init_repo(company)


def stage(root: Path, rel: str) -> None:
    from tests.gitrepo import git

    git(root, "add", rel)


BEA_ENTRY = "portfolios/bea/entries/2026-03-14-coverage.md"


def test_a_staged_check_reads_only_the_staged_persons_folder(staged_company: Path, reads: list[str]) -> None:
    problems(staged_company)
    reads.clear()
    edit(staged_company / BEA_ENTRY, "engineering/raise-coverage", "engineering/raise-coverag")
    stage(staged_company, BEA_ENTRY)
    staged = problems(staged_company, "--staged")
    assert reads == ["bea"]
    assert [(p["path"], p["code"]) for p in staged] == [(BEA_ENTRY, "unknown-milestone")]
    assert staged == [p for p in problems(staged_company, "--no-cache") if p["path"] == BEA_ENTRY]


def test_a_staged_check_sees_who_exists_now(staged_company: Path, reads: list[str]) -> None:
    """An unstaged change to someone else's profile changes who exists: that folder is read again."""
    problems(staged_company)
    edit(staged_company / BEA_ENTRY, "kind: project\n",
         "kind: project\nfeedback: [{from: cyd, role: peer, text: Good.}]\n")
    stage(staged_company, BEA_ENTRY)
    assert problems(staged_company, "--staged") == []
    (staged_company / "portfolios/cyd/profile.yml").unlink()
    reads.clear()
    staged = problems(staged_company, "--staged")
    assert sorted(reads) == ["bea", "cyd"]
    assert [(p["path"], p["message"]) for p in staged] == [(BEA_ENTRY, "unknown person 'cyd'")]
    assert staged == [p for p in problems(staged_company, "--no-cache") if p["path"] == BEA_ENTRY]


@pytest.mark.parametrize("damage", ["corrupt", "forged"])
def test_a_damaged_people_index_is_ignored(staged_company: Path, reads: list[str], damage: str) -> None:
    problems(staged_company)
    (staged_company / "portfolios/cyd/profile.yml").unlink()
    index = staged_company / ".handbook-cache" / "people.json"
    mac, _, body = index.read_bytes().partition(b"\n")
    data = json.loads(body)
    assert data["tables"]["people"]["cyd"]["value"]["status"] == "valid"
    if damage == "corrupt":
        index.write_bytes(b"\x00not json")
    else:  # claims cyd still has a valid profile, which would hide the reference to someone gone
        data["tables"]["people"]["cyd"] = {"key": "-", "value": {"status": "valid", "files": 3}}
        index.write_bytes(mac + b"\n" + json.dumps(data).encode())
    edit(staged_company / BEA_ENTRY, "kind: project\n",
         "kind: project\nfeedback: [{from: cyd, role: peer, text: Good.}]\n")
    stage(staged_company, BEA_ENTRY)
    reads.clear()
    staged = problems(staged_company, "--staged")
    assert sorted(reads) == ["ada", "bea", "cyd"]
    assert [(p["path"], p["message"]) for p in staged] == [(BEA_ENTRY, "unknown person 'cyd'")]
    assert staged == [p for p in problems(staged_company, "--no-cache") if p["path"] == BEA_ENTRY]


def test_a_warm_check_with_nothing_changed_writes_nothing(company: Path) -> None:
    problems(company)
    written = _cache_file(company).stat().st_mtime_ns
    import time

    time.sleep(2.1)  # past the moment files count as possibly changed within the clock tick
    problems(company)
    first = _cache_file(company).stat().st_mtime_ns
    problems(company)
    assert _cache_file(company).stat().st_mtime_ns == first >= written


def test_a_cold_check_reads_each_person_file_once(company: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The bytes hashed for the cache are the ones parsed: read_text opens no person file itself."""
    import builtins

    from generator.read import text

    opened: list[str] = []

    def counting_open(file, *args, **kwargs):  # type: ignore[no-untyped-def]
        opened.append(str(file))
        return builtins.open(file, *args, **kwargs)

    monkeypatch.setattr(text, "open", counting_open, raising=False)
    cold = problems(company)
    # each profile once, for who exists; entries never: they are parsed from the bytes hashed
    assert sorted(p.split("/portfolios/")[1] for p in opened if "/portfolios/" in p) == [
        "ada/profile.yml", "bea/profile.yml", "cyd/profile.yml", "people.yml"]
    opened.clear()
    assert problems(company, "--no-cache") == cold
    assert len([p for p in opened if "/portfolios/ada/" in p]) == 3  # profile.yml and two entries


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_every_hostile_case_reports_the_same_with_the_cache(case: Case, tmp_path: Path) -> None:
    """Folder by folder, cold and then warm, the check finds what loading everything at once finds."""
    root = tmp_path / "repo"
    outside = tmp_path / "outside"
    outside.mkdir()
    shutil.copytree(MINIMAL, root)
    case.apply(root, outside)
    whole = [p.as_dict() for p in load_project(root)[1].sorted()]
    for _ in ("cold", "warm"):
        found = incremental.check_with_cache(root)[1]
        assert [p.as_dict() for p in found.sorted()] == whole


def test_other_code_under_the_same_version_starts_afresh(company: Path, reads: list[str],
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    """An install from another commit (or an edit) keeps the version number: its cache is not reused."""
    from generator.write import cache

    problems(company)
    reads.clear()
    problems(company)
    assert reads == []
    monkeypatch.setattr(cache, "code_fingerprint", lambda: "other code, same version")
    problems(company)
    assert sorted(reads) == ["ada", "bea", "cyd"]


def test_the_code_fingerprint_follows_each_modules_size_and_time(tmp_path: Path) -> None:
    from generator.write.cache import fingerprint_of

    package = tmp_path / "generator"
    (package / "themes").mkdir(parents=True)
    (package / "cli.py").write_text("x = 1\n")
    (package / "themes/page.html").write_text("<p>\n")
    first = fingerprint_of(package)
    assert fingerprint_of(package) == first  # stable while nothing changes
    (package / "cli.py").write_text("x = 2\n")  # same size, another time (set: the clock may not have ticked)
    os.utime(package / "cli.py", ns=(1_700_000_000_000_000_000, 1_700_000_000_000_000_000))
    second = fingerprint_of(package)
    assert second != first
    (package / "themes/page.html").write_text("<p>!\n")
    assert fingerprint_of(package) != second
    (package / "notes.txt").write_text("not code")
    assert fingerprint_of(package) == fingerprint_of(package)
