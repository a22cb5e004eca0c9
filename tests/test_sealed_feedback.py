"""Sealed feedback: sealed with age to the policy's readers, opened with their keys, bound to its envelope."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli import main
from generator.read.sealing import SealedContent, open_sealed, read_identities, seal
from tests.gitrepo import git, minimal_repo
from tests.helpers import run_cli

MILESTONE = "engineering/mentor-joiner"


def age_key(folder: Path, name: str) -> tuple[Path, str]:
    """A new age identity file and its public key, made by age-keygen."""
    path = folder / f"{name}.agekey"
    subprocess.run(["age-keygen", "-o", str(path)], check=True, capture_output=True)
    public = subprocess.run(["age-keygen", "-y", str(path)], check=True, capture_output=True, text=True)
    return path, public.stdout.strip()


def ssh_key(folder: Path, name: str) -> tuple[Path, str]:
    """A new OpenSSH ed25519 key without a passphrase, made by ssh-keygen, and its public line."""
    path = folder / name
    subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", f"{name}@example.com", "-f", str(path)],
                   check=True, capture_output=True)
    return path, path.with_suffix(".pub").read_text(encoding="utf-8").strip()


@pytest.fixture
def keys(tmp_path: Path) -> dict[str, tuple[Path, str]]:
    folder = tmp_path / "keys"
    folder.mkdir()
    return {"committee": age_key(folder, "committee"), "grace": ssh_key(folder, "grace"),
            "other": age_key(folder, "other")}


def entry_text(person: str, giver: str, role: str, recipients: list[str], *, verdict: str | None = None,
               text: str = "Sam is productive.", date: str = "2026-05-01", milestones: tuple[str, ...] = (MILESTONE,),
               envelope: dict[str, object] | None = None) -> str:
    content = SealedContent.model_validate({
        "person": person, "from": giver, "role": role, "date": date, "milestones": list(milestones),
        "verdict": verdict, "text": text, **(envelope or {})})
    armour = seal(content, recipients)
    block = "".join(f"  {line}\n" for line in armour.strip().splitlines())
    return (f"---\ntitle: {role.title()} feedback\ndate: {date}\nkind: feedback\nfrom: {giver}\nrole: {role}\n"
            f"milestones: [{', '.join(milestones)}]\nsealed: |\n{block}---\n")


@pytest.fixture
def repo(tmp_path: Path, keys: dict[str, tuple[Path, str]]) -> Path:
    """The minimal handbook in git, sealing manager and peer feedback for the committee and the manager."""
    root = minimal_repo(tmp_path)
    (root / "handbook.yml").write_text(
        "site_name: Minimal Handbook\nas_of: 2026-06-01\nconfidentiality:\n"
        f"  readers:\n    committee: [{keys['committee'][1]}]\n"
        "  sealed_feedback:\n    roles: [peer, manager]\n    readers: [committee, manager]\n", encoding="utf-8")
    (root / "portfolios/people.yml").write_text(
        "people:\n"
        f"  - {{id: grace, name: Grace Manager, email: grace@example.com, keys: ['{keys['grace'][1]}']}}\n"
        "  - {id: linus, name: Linus Peer, email: linus@example.com}\n", encoding="utf-8")
    commit(root, "ada@example.com", "Policy")
    return root


def commit(root: Path, email: str, message: str) -> None:
    git(root, "add", "-A")
    git(root, "-c", f"user.email={email}", "-c", "user.name=Someone", "commit", "-qm", message)


def give(root: Path, name: str, text: str, email: str) -> Path:
    path = root / "portfolios/ada/entries" / name
    path.write_text(text, encoding="utf-8")
    commit(root, email, f"Feedback {name}")
    return path


def readers(keys: dict[str, tuple[Path, str]]) -> list[str]:
    return [keys["committee"][1], keys["grace"][1]]


def check(root: Path, *args: str | Path) -> list[dict[str, object]]:
    result = run_cli("check", "--root", root, "--format", "json", "--no-cache", *args)
    assert result.exit_code in (0, 1), result.output
    return json.loads(result.stdout or "[]")


def located(problems: list[dict[str, object]]) -> list[str]:
    return [f"{p['path']}:{p['line']}:{p['column']}: {p['severity']}: {p['message']}" for p in problems]


def readiness(root: Path, *args: str | Path) -> dict[str, object]:
    result = run_cli("readiness", "ada", "--root", root, "--format", "json", *args)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_debian_age_opens_what_the_tool_seals(tmp_path: Path, keys: dict[str, tuple[Path, str]]) -> None:
    content = SealedContent.model_validate({"person": "ada", "from": "grace", "role": "manager",
                                            "date": dt.date(2026, 5, 1), "verdict": "met", "text": "Ready."})
    sealed = tmp_path / "block.age"
    sealed.write_text(seal(content, readers(keys)), encoding="utf-8")
    for key in ("committee", "grace"):
        opened = subprocess.run(["age", "-d", "-i", str(keys[key][0]), str(sealed)], check=True,
                                capture_output=True, text=True)
        assert json.loads(opened.stdout)["text"] == "Ready."
        assert open_sealed(sealed.read_text(), read_identities([str(keys[key][0])])) == content
    assert open_sealed(sealed.read_text(), read_identities([str(keys["other"][0])])) is None


def test_sealed_feedback_counts_by_its_public_part_without_a_key(
        repo: Path, keys: dict[str, tuple[Path, str]]) -> None:
    give(repo, "2026-05-01-peer.md", entry_text("ada", "linus", "peer", readers(keys)), "linus@example.com")
    give(repo, "2026-05-02-manager.md", entry_text("ada", "grace", "manager", readers(keys), verdict="met",
                                                   date="2026-05-02"), "grace@example.com")
    assert check(repo) == []
    closed = readiness(repo)
    mentor = next(m for m in closed["milestones"] if m["id"] == MILESTONE)
    assert (mentor["status"], mentor["missing"], mentor["sealed"]) == ("in_progress", ["criterion"], 2)
    assert closed["complete"] is False
    text = run_cli("readiness", "ada", "--root", repo).output
    assert ("2 verdicts sealed for the committee and the manager: the status counts only who gave them and in "
            "which role") in " ".join(text.split())
    for key in ("committee", "grace"):
        assert check(repo, "--identity", keys[key][0]) == []
        opened = readiness(repo, "--identity", keys[key][0])
        mentor = next(m for m in opened["milestones"] if m["id"] == MILESTONE)
        assert (mentor["status"], mentor["missing"], mentor["sealed"]) == ("met", [], 0)
        assert (opened["status"], opened["complete"]) == ("ready", True)


def test_identity_from_the_environment(repo: Path, keys: dict[str, tuple[Path, str]],
                                       monkeypatch: pytest.MonkeyPatch) -> None:
    give(repo, "2026-05-01-manager.md", entry_text("ada", "grace", "manager", readers(keys), verdict="met"),
         "grace@example.com")
    monkeypatch.setenv("HANDBOOK_IDENTITY", f"{keys['other'][0]}:{keys['committee'][0]}")
    assert readiness(repo)["complete"] is True
    monkeypatch.setenv("HANDBOOK_IDENTITY", str(repo / "missing.key"))
    result = run_cli("readiness", "ada", "--root", repo)
    assert result.exit_code == 1
    assert f"error: {repo / 'missing.key'}: the identity file cannot be read" in result.output


def test_a_block_moved_to_another_person_is_a_located_error(
        repo: Path, keys: dict[str, tuple[Path, str]]) -> None:
    bob = repo / "portfolios/bob"
    shutil.copytree(repo / "portfolios/ada", bob)
    (bob / "profile.yml").write_text((bob / "profile.yml").read_text().replace("Ada Example", "Bob Example")
                                     .replace("ada@", "bob@"), encoding="utf-8")
    (bob / "entries/2026-05-01-manager.md").write_text(
        entry_text("ada", "grace", "manager", readers(keys), verdict="met"), encoding="utf-8")
    commit(repo, "grace@example.com", "Copied")
    assert check(repo) == []  # without a key only the envelope and the armour can be checked
    problems = check(repo, "--identity", keys["committee"][0])
    assert located(problems) == [
        "portfolios/bob/entries/2026-05-01-manager.md:8:9: error: the sealed feedback of the entry "
        "'2026-05-01-manager' was sealed for another envelope: person is ada inside but bob outside"]
    result = run_cli("readiness", "ada", "--root", repo, "--identity", keys["committee"][0])
    assert result.exit_code == 1 and "nothing was written" in result.output  # nothing is claimed from it


def test_a_block_under_another_giver_or_date_is_a_located_error(
        repo: Path, keys: dict[str, tuple[Path, str]]) -> None:
    text = entry_text("ada", "grace", "manager", readers(keys), verdict="met")
    give(repo, "2026-05-01-peer.md", text.replace("from: grace", "from: linus").replace("role: manager",
                                                                                       "role: peer"),
         "linus@example.com")
    give(repo, "2026-05-03-manager.md", text.replace("date: 2026-05-01", "date: 2026-05-03"), "grace@example.com")
    problems = check(repo, "--identity", keys["grace"][0])
    assert located(problems) == [
        "portfolios/ada/entries/2026-05-01-peer.md:8:9: error: the sealed feedback of the entry "
        "'2026-05-01-peer' was sealed for another envelope: from is grace inside but linus outside; role is "
        "manager inside but peer outside",
        "portfolios/ada/entries/2026-05-03-manager.md:8:9: error: the sealed feedback of the entry "
        "'2026-05-03-manager' was sealed for another envelope: date is 2026-05-01 inside but 2026-05-03 outside"]
    mentor = next(m for m in readiness(repo)["milestones"] if m["id"] == MILESTONE)
    assert mentor["sealed"] == 2


def test_a_block_a_reader_cannot_open_and_broken_armour_are_located(
        repo: Path, keys: dict[str, tuple[Path, str]]) -> None:
    give(repo, "2026-05-01-manager.md", entry_text("ada", "grace", "manager", [keys["other"][1]]),
         "grace@example.com")
    broken = entry_text("ada", "grace", "manager", readers(keys), date="2026-05-03").replace("-----END AGE",
                                                                                            "-----END OF AGE")
    give(repo, "2026-05-03-manager.md", broken, "grace@example.com")
    problems = check(repo)
    assert located(problems) == [
        "portfolios/ada/entries/2026-05-03-manager.md:8:9: error: sealed: the sealed block is not an "
        "ASCII-armoured age file: it must start with '-----BEGIN AGE ENCRYPTED FILE-----', hold lines of base64 "
        "and end with '-----END AGE ENCRYPTED FILE-----'"]
    problems = check(repo, "--identity", keys["committee"][0])
    assert located(problems)[0] == (
        "portfolios/ada/entries/2026-05-01-manager.md:8:9: error: the sealed feedback of the entry "
        f"'2026-05-01-manager' does not open with {keys['committee'][0]}, a key of one of its readers")
    assert check(repo, "--identity", keys["other"][0])[1:] == []  # a reader of it: it opens


def test_sealed_content_that_does_not_parse_is_located(repo: Path, keys: dict[str, tuple[Path, str]]) -> None:
    import pyrage

    armour = pyrage.encrypt(b"not json", [pyrage.x25519.Recipient.from_str(keys["committee"][1])],
                            armored=True).decode()
    block = "".join(f"  {line}\n" for line in armour.strip().splitlines())
    give(repo, "2026-05-01-manager.md", "---\ntitle: Manager feedback\ndate: 2026-05-01\nkind: feedback\n"
         f"from: grace\nrole: manager\nmilestones: [{MILESTONE}]\nsealed: |\n{block}---\n", "grace@example.com")
    assert located(check(repo, "--identity", keys["committee"][0])) == [
        "portfolios/ada/entries/2026-05-01-manager.md:8:9: error: the entry '2026-05-01-manager': the sealed "
        "block opens, but its content is not sealed feedback (the verdict and text with their envelope)"]


def test_feedback_of_a_sealed_role_in_the_clear_is_warned(repo: Path) -> None:
    give(repo, "2026-05-01-manager.md", f"---\ntitle: Manager feedback\ndate: 2026-05-01\nkind: feedback\n"
         f"from: grace\nrole: manager\nverdict: met\nmilestones: [{MILESTONE}]\n---\nReady.\n", "grace@example.com")
    entry = repo / "portfolios/ada/entries/2026-04-02-mentoring.md"
    entry.write_text(entry.read_text().replace("kind: mentoring\n", "kind: mentoring\nfeedback:\n"
                                               "  - {from: linus, role: peer, text: Good.}\n"), encoding="utf-8")
    problems = check(repo)
    assert located(problems) == [
        "portfolios/ada/entries/2026-04-02-mentoring.md:6:25: warning: peer feedback in the entry "
        "'2026-04-02-mentoring' is in the clear, but handbook.yml seals peer feedback for the committee and the "
        "manager",
        "portfolios/ada/entries/2026-05-01-manager.md:6:7: warning: manager feedback in the entry "
        "'2026-05-01-manager' is in the clear, but handbook.yml seals manager feedback for the committee and the "
        "manager"]
    assert problems[1]["hint"] == ("have the giver write it with handbook feedback give ada --role manager, which "
                                   "seals it, and remove it from here")


def test_a_sealed_verdict_beside_the_block_is_refused(repo: Path, keys: dict[str, tuple[Path, str]]) -> None:
    text = entry_text("ada", "grace", "manager", readers(keys)).replace("role: manager\n",
                                                                          "role: manager\nverdict: met\n")
    give(repo, "2026-05-01-manager.md", text, "grace@example.com")
    problems = check(repo)
    assert located(problems)[0].startswith("portfolios/ada/entries/2026-05-01-manager.md:")
    assert "the verdict of sealed feedback is inside sealed:, not beside it" in str(problems[0]["message"])


def block_of(entry: Path) -> str:
    """The armour of an entry's sealed: block, as a file `age -d` reads."""
    lines = entry.read_text(encoding="utf-8").splitlines()
    start = lines.index("sealed: |") + 1
    armour = []
    for line in lines[start:]:
        if not line.startswith("  "):
            break
        armour.append(line.strip())
    return "\n".join(armour) + "\n"


def give_cli(root: Path, *args: str, stdin: str | None = None) -> Path:
    result = CliRunner().invoke(main, ["feedback", "give", "ada", "--root", str(root), *args], input=stdin,
                                catch_exceptions=False)
    assert result.exit_code == 0, result.output
    written = next(line for line in result.stdout.splitlines() if line.startswith("wrote "))
    return root / written.split()[1]


def test_feedback_give_seals_for_the_readers_and_debian_age_opens_it(
        repo: Path, keys: dict[str, tuple[Path, str]], tmp_path: Path) -> None:
    path = give_cli(repo, "--role", "manager", "--from", "grace", "--milestone", "mentor-joiner", "--verdict", "met",
                    "--date", "2026-05-01", stdin="Sam ships alone now: MARKER-4417.\n")
    assert path == repo / "portfolios/ada/entries/2026-05-01-manager-feedback-grace.md"
    text = path.read_text(encoding="utf-8")
    assert "MARKER-4417" not in text and "verdict" not in text
    assert text.startswith("---\ntitle: Manager feedback\ndate: 2026-05-01\nkind: feedback\nfrom: grace\n"
                           f"role: manager\nmilestones: [{MILESTONE}]\nsealed_digest: sha256:")
    assert "\nsealed: |\n  -----BEGIN AGE ENCRYPTED FILE-----\n" in text
    armour = tmp_path / "block.age"
    armour.write_text(block_of(path), encoding="utf-8")
    for key in ("committee", "grace"):
        opened = subprocess.run(["age", "-d", "-i", str(keys[key][0]), str(armour)], check=True,
                                capture_output=True, text=True)
        content = json.loads(opened.stdout)
        assert len(content.pop("nonce")) == 32
        assert content == {
            "person": "ada", "from": "grace", "role": "manager", "date": "2026-05-01", "milestones": [MILESTONE],
            "competencies": [], "behaviours": [], "verdict": "met", "text": "Sam ships alone now: MARKER-4417."}
    again = give_cli(repo, "--role", "manager", "--from", "grace", "--date", "2026-05-01", "--text", "More.")
    assert again.name == "2026-05-01-manager-feedback-grace-2.md"
    clear = give_cli(repo, "--role", "customer", "--from", "linus", "--date", "2026-05-01", "--text", "Kind words.",
                     "--milestone", MILESTONE)
    assert "sealed" not in clear.read_text() and clear.read_text().endswith("---\nKind words.\n")


def test_feedback_give_refuses_a_giver_who_does_not_hold_the_role(repo: Path) -> None:
    result = run_cli("feedback", "give", "ada", "--root", repo, "--role", "manager", "--from", "linus",
                     "--text", "Hi")
    assert result.exit_code == 1
    assert "error: linus" in result.output and "manager" in result.output
    assert not list((repo / "portfolios/ada/entries").glob("*feedback*"))


def test_reseal_keeps_provenance_when_the_content_is_unchanged(
        repo: Path, keys: dict[str, tuple[Path, str]]) -> None:
    path = give_cli(repo, "--role", "manager", "--from", "grace", "--milestone", "mentor-joiner", "--verdict", "met",
                    "--date", "2026-05-01", "--text", "Ready.")
    give_cli(repo, "--role", "peer", "--from", "linus", "--milestone", "mentor-joiner", "--date", "2026-05-01",
             "--text", "Helpful.")
    commit(repo, "grace@example.com", "Manager feedback")  # the peer's is not verified, and need not be
    committee = ["--identity", str(keys["committee"][0])]
    assert readiness(repo, *committee)["status"] == "ready"
    # a second committee key: what was sealed before does not open with it until a reader reseals it
    edit_policy(repo, f"{keys['committee'][1]}, {keys['other'][1]}")
    commit(repo, "ada@example.com", "New committee key")
    assert [p["code"] for p in check(repo, "--identity", keys["other"][0])] == ["sealed-not-for-reader"] * 2
    result = CliRunner().invoke(main, ["feedback", "reseal", "--root", str(repo), *committee],
                                catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert "resealed portfolios/ada/entries/2026-05-01-manager-feedback-grace.md" in result.stdout
    commit(repo, "ada@example.com", "Resealed by the learner's hand")
    opened = readiness(repo, "--identity", str(keys["other"][0]))
    assert (opened["status"], opened["complete"]) == ("ready", True)
    # new content under the giver's name, committed by someone else, is not the giver's
    path.write_text(path.read_text().replace(block_of(path).rstrip("\n").replace("\n", "\n  "), entry_text(
        "ada", "grace", "manager", readers(keys), verdict="met", text="Forged.", date="2026-05-01").split(
        "sealed: |\n  ")[1].removesuffix("---\n").rstrip("\n")), encoding="utf-8")
    commit(repo, "ada@example.com", "Forged")
    assert located(check(repo, *committee)) == [
        "portfolios/ada/entries/2026-05-01-manager-feedback-grace.md:8:16: error: the sealed feedback of the entry "
        "'2026-05-01-manager-feedback-grace' is not the content its sealed_digest names: the block was replaced"]
    # without the digest, no version the giver committed opens to the new content
    path.write_text("".join(line for line in path.read_text().splitlines(keepends=True)
                            if not line.startswith("sealed_digest:")), encoding="utf-8")
    commit(repo, "ada@example.com", "Forged without the digest")
    forged = readiness(repo, *committee)
    mentor = next(m for m in forged["milestones"] if m["id"] == MILESTONE)
    assert (forged["status"], mentor["missing"]) == ("on_track", ["criterion"])


def edit_policy(root: Path, committee: str) -> None:
    config = root / "handbook.yml"
    text = config.read_text(encoding="utf-8")
    start = text.index("committee: [") + len("committee: [")
    config.write_text(text[:start] + committee + text[text.index("]", start):], encoding="utf-8")


def test_reseal_without_a_digest_is_verified_by_the_version_the_giver_committed(
        repo: Path, keys: dict[str, tuple[Path, str]]) -> None:
    give(repo, "2026-05-01-manager.md", entry_text("ada", "grace", "manager", readers(keys), verdict="met"),
         "grace@example.com")
    give(repo, "2026-05-01-peer.md", entry_text("ada", "linus", "peer", readers(keys)), "linus@example.com")
    committee = ["--identity", str(keys["committee"][0])]
    result = CliRunner().invoke(main, ["feedback", "reseal", "--root", str(repo), *committee],
                                catch_exceptions=False)
    assert result.stdout.count("resealed ") == 2, result.output
    commit(repo, "ada@example.com", "Resealed")
    assert readiness(repo, *committee)["status"] == "ready"


def test_no_sealed_text_in_any_file_a_build_writes_without_the_key(
        repo: Path, keys: dict[str, tuple[Path, str]]) -> None:
    give_cli(repo, "--role", "manager", "--from", "grace", "--milestone", "mentor-joiner", "--verdict", "met",
             "--date", "2026-05-01", "--text", "Only readers see SECRET-MARKER-9931.")
    give_cli(repo, "--role", "peer", "--from", "linus", "--milestone", "mentor-joiner", "--date", "2026-05-01",
             "--text", "Peer words SECRET-MARKER-9931.")
    commit(repo, "grace@example.com", "Feedback")

    def holding(marker: str) -> list[str]:
        found = []
        for folder in ("build", "site", ".handbook-cache"):
            for path in (repo / folder).rglob("*"):
                if path.is_file() and marker.encode() in path.read_bytes():
                    found.append(path.relative_to(repo).as_posix())
        return found

    def build(*args: str | Path) -> None:
        result = run_cli("build", "--root", repo, "--no-pdf", "-q", *args)
        assert result.exit_code == 0, result.output

    build()
    assert (repo / "build/portfolios/ada/index.html").is_file() and (repo / "site/index.html").is_file()
    assert (repo / ".handbook-cache").is_dir()
    page = (repo / "build/portfolios/ada/index.html").read_text(encoding="utf-8")
    assert "A partial result: 2 verdicts sealed for the committee and the manager" in " ".join(page.split())
    assert holding("SECRET-MARKER-9931") == []
    build("--identity", keys["committee"][0])
    assert "build/portfolios/ada/index.html" in holding("SECRET-MARKER-9931")  # the reader's own build shows it
    assert not [p for p in holding("SECRET-MARKER-9931") if p.startswith((".handbook-cache", "site"))]
    build()  # the reader's page is never taken into a build without the key
    assert holding("SECRET-MARKER-9931") == []


def test_unusable_identities_are_user_errors_naming_them(tmp_path: Path) -> None:
    protected = tmp_path / "protected"
    subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "secret", "-f", str(protected)], check=True,
                   capture_output=True)
    (tmp_path / "public.txt").write_text("age1ql3z7hjy54pw3hyww5ayyfg7zqgvc7w3j2elw8zmrj2kg5sfn9aqmcac8p\n")
    cases = {protected: "the SSH private key cannot be used",
             tmp_path / "public.txt": "the identity file holds a line that is not an age secret key",
             tmp_path: "the identity is not a regular file"}
    for path, message in cases.items():
        result = run_cli("check", "--root", tmp_path, "--identity", path)
        assert result.exit_code == 1
        assert result.output.startswith(f"error: {path}: {message}"), result.output
        assert "Traceback" not in result.output


def test_an_rsa_ssh_key_opens_what_is_sealed_for_it(keys: dict[str, tuple[Path, str]], tmp_path: Path) -> None:
    key = tmp_path / "rsa"
    subprocess.run(["ssh-keygen", "-q", "-t", "rsa", "-b", "2048", "-N", "", "-f", str(key)], check=True,
                   capture_output=True)
    content = SealedContent.model_validate({"person": "ada", "from": "linus", "role": "peer",
                                            "date": dt.date(2026, 5, 1), "text": "Thanks."})
    armour = seal(content, [key.with_suffix(".pub").read_text()])
    identity = read_identities([str(key)])
    assert identity[0].public and identity[0].public.startswith("ssh-rsa AAAA")
    assert open_sealed(armour, identity) == content
