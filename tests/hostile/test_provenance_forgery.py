"""Forged provenance in real git repositories: each trick a learner could commit leaves the feedback unverified.

Ada's portfolio is committed by Ada; Grace (her manager) and Linus (a peer) commit what they
say themselves. Each test commits one forgery and asserts what provenance concludes, and
that readiness does not count it.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from generator.assess.portfolio import assess_portfolio
from generator.link.load import load_project
from generator.link.provenance import Verification, verify_portfolio
from generator.render.portfolio import render_portfolio_html
from tests.helpers import run_cli
from tests.link.test_provenance_rules import ENTRY, MINIMAL, PEER
from tests.render.portfolio.conftest import git

VERDICT = ("---\ntitle: Grace on the joiner\ndate: 2026-05-01\nkind: feedback\nfrom: grace\nrole: {role}\n"
           "verdict: met\nmilestones: [engineering/mentor-joiner]\n---\nProductive.\n")
KEY = ("2026-05-01-grace", 0)
needs_ssh_keygen = pytest.mark.skipif(shutil.which("ssh-keygen") is None, reason="ssh-keygen signs the commits")


def repo(tmp_path: Path) -> Path:
    """The minimal handbook committed by Ada, and Linus's peer feedback by Linus: a verdict is all it lacks."""
    root = tmp_path / "repo"
    shutil.copytree(MINIMAL, root)
    git(root, "init", "-q", "-b", "main")
    git(root, "config", "commit.gpgsign", "false")
    git(root, "add", "-A")
    git(root, "commit", "-qm", "Ada's portfolio")
    (root / "portfolios/ada/entries/2026-05-02-linus.md").write_text(PEER, encoding="utf-8")
    git(root, "add", "-A")
    git(root, "commit", "-qm", "Peer feedback", who="linus")
    return root


def commit_verdict(root: Path, who: str, role: str = "manager", path: str = ENTRY) -> None:
    (root / path).parent.mkdir(parents=True, exist_ok=True)
    (root / path).write_text(VERDICT.format(role=role), encoding="utf-8")
    git(root, "add", "-A")
    git(root, "commit", "-qm", "Verdict", who=who)


def verdict(root: Path, key: tuple[str, int] = KEY) -> tuple[Verification, str]:
    """What provenance says of the item, and the status readiness gives the milestone."""
    project, problems = load_project(root)
    assert not problems.errors, problems.sorted()
    portfolio = project.portfolio("ada")
    assert portfolio is not None
    status = next(m.status for m in assess_portfolio(project, portfolio).milestones
                  if m.ref == "engineering/mentor-joiner")
    return verify_portfolio(project, portfolio).feedback[key], status


def test_the_givers_own_commit_is_verified_and_counts(tmp_path: Path) -> None:
    root = repo(tmp_path)
    commit_verdict(root, "grace")
    assert verdict(root) == (Verification("verified", "committed by grace@example.com"), "met")


def test_a_mailmap_does_not_make_the_learners_commit_the_managers(tmp_path: Path) -> None:
    root = repo(tmp_path)
    (root / ".mailmap").write_text("Grace <grace@example.com> <ada@example.com>\n", encoding="utf-8")
    commit_verdict(root, "ada")
    assert git_out(root, "log", "-1", "--format=%aE") == "grace@example.com"  # git itself now says Grace
    assert verdict(root) == (Verification("unverified", "committed by ada@example.com"), "in_progress")


def test_a_shallow_clone_is_unverifiable_and_says_so(tmp_path: Path) -> None:
    root = repo(tmp_path)
    commit_verdict(root, "grace")
    (root / "portfolios/ada/entries/2026-05-02-later.md").write_text(
        "---\ntitle: Later\ndate: 2026-05-02\nkind: project\n---\nLater work.\n", encoding="utf-8")
    git(root, "add", "-A")
    git(root, "commit", "-qm", "Later", who="ada")
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", "--depth", "1", f"file://{root}", str(clone)], check=True,
                   capture_output=True)
    expected = Verification("unverifiable", f"the history is cut short at commit {short(clone)} (a shallow clone), "
                            "so who wrote it cannot be told; fetch the full history with 'git fetch --unshallow'")
    assert verdict(clone) == (expected, "in_progress")
    project, _ = load_project(clone)
    html = render_portfolio_html(project, project.portfolio("ada"))  # type: ignore[arg-type]
    assert "(unverifiable: the history is cut short at commit" in html
    # the next step says what to do about the clone, not to ask the giver to commit again
    steps = " ".join(run_cli("readiness", "ada", "--root", clone, "--as-of", "2026-05-10").stdout.split())
    assert "fetch the full git history ('git fetch --unshallow', or a checkout with fetch-depth: 0)" in steps
    assert "commit their 'met' verdict themselves" not in steps
    assert verdict(root)[0].status == "verified"  # the full history tells


def test_feedback_moved_in_from_another_persons_folder_is_not_verified(tmp_path: Path) -> None:
    root = repo(tmp_path)
    shutil.copytree(root / "portfolios/ada", root / "portfolios/bea")
    profile = root / "portfolios/bea/profile.yml"
    profile.write_text(profile.read_text().replace("ada@example.com", "bea@example.com"), encoding="utf-8")
    git(root, "add", "-A")
    git(root, "commit", "-qm", "Bea's portfolio")
    commit_verdict(root, "grace", path="portfolios/bea/entries/2026-05-01-grace.md")  # Grace's word on Bea
    git(root, "mv", "portfolios/bea/entries/2026-05-01-grace.md", ENTRY)
    git(root, "commit", "-qm", "Mine now", who="ada")
    assert verdict(root) == (Verification(
        "unverified", "committed as portfolios/bea/entries/2026-05-01-grace.md, outside this person's folder: "
                      "feedback moved from another folder is not theirs"), "in_progress")


def ssh_key(tmp_path: Path, name: str) -> tuple[Path, str]:
    key = tmp_path / name
    subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", name, "-f", str(key)], check=True)
    return key, (tmp_path / f"{name}.pub").read_text().strip()


def commit_signed(root: Path, key: Path, who: str = "grace") -> None:
    (root / ENTRY).write_text(VERDICT.format(role="manager"), encoding="utf-8")
    git(root, "add", "-A")
    git(root, "-c", "gpg.format=ssh", "-c", f"user.signingkey={key}", "commit", "-qm", "Signed verdict", "-S",
        who=who)


def list_key(root: Path, public: str) -> None:
    people = root / "portfolios/people.yml"
    people.write_text(people.read_text().replace("email: grace@example.com", f"email: grace@example.com, "
                                                 f"keys: ['{public}']"), encoding="utf-8")
    git(root, "commit", "-qam", "Grace's key", who="grace")


@needs_ssh_keygen
def test_a_signature_by_the_givers_key_is_signed(tmp_path: Path) -> None:
    root = repo(tmp_path)
    key, public = ssh_key(tmp_path, "grace")
    list_key(root, public)
    commit_signed(root, key)
    assert verdict(root) == (Verification("signed", "committed by grace@example.com and signed with grace's key"),
                             "met")


@needs_ssh_keygen
def test_a_good_signature_by_another_key_is_not_the_givers(tmp_path: Path) -> None:
    root = repo(tmp_path)
    _, public = ssh_key(tmp_path, "grace")
    list_key(root, public)
    forger, forger_public = ssh_key(tmp_path, "ada")
    signers = tmp_path / "allowed_signers"  # git itself calls the forger's signature good
    signers.write_text(f"grace@example.com {forger_public}\n", encoding="utf-8")
    git(root, "config", "gpg.ssh.allowedSignersFile", str(signers))
    commit_signed(root, forger)
    subprocess.run(["git", "-C", str(root), "verify-commit", "HEAD"], check=True, capture_output=True)
    assert verdict(root) == (Verification(
        "unverified", "committed as grace@example.com but signed with a key that is not one of grace's keys"),
        "in_progress")


def test_committee_feedback_counts_only_from_a_committee_member(tmp_path: Path) -> None:
    root = repo(tmp_path)
    (root / ENTRY).parent.mkdir(parents=True, exist_ok=True)
    (root / ENTRY).write_text(VERDICT.format(role="committee").replace("from: grace", "from: linus"),
                              encoding="utf-8")
    git(root, "add", "-A")
    git(root, "commit", "-qm", "Verdict", who="linus")
    project, problems = load_project(root)
    assert [(p.path, p.line, p.column, p.message) for p in problems.errors] == [
        (ENTRY, 6, 7, "linus is not a committee member, so their feedback cannot have role: committee")]
    status = verify_portfolio(project, project.portfolio("ada")).feedback[KEY]  # type: ignore[arg-type]
    assert status == Verification("unverified", "linus is not a committee member, so their feedback cannot have "
                                                "role: committee")
    people = root / "portfolios/people.yml"
    people.write_text(people.read_text().replace("email: linus@example.com", "email: linus@example.com, "
                                                 "committee: true"), encoding="utf-8")
    git(root, "commit", "-qam", "Linus joins the committee", who="grace")
    assert verdict(root) == (Verification("verified", "committed by linus@example.com"), "met")


def test_deleting_the_sponsor_accepts_no_one_as_sponsor(tmp_path: Path) -> None:
    root = repo(tmp_path)
    commit_verdict(root, "grace", role="sponsor")
    project, problems = load_project(root)
    assert [(p.path, p.line, p.column, p.message) for p in problems.errors] == [
        (ENTRY, 6, 7, "ada's profile names no sponsor, so no one may give sponsor feedback")]
    status = verify_portfolio(project, project.portfolio("ada")).feedback[KEY]  # type: ignore[arg-type]
    assert status.status == "unverified"


def test_a_waiver_approved_by_a_peer_does_not_count(tmp_path: Path) -> None:
    root = repo(tmp_path)
    profile = root / "portfolios/ada/profile.yml"
    profile.write_text(profile.read_text() + "waivers:\n  - milestone: engineering/raise-coverage\n"
                       "    reason: The service was retired\n    approved_by: linus\n", encoding="utf-8")
    git(root, "commit", "-qam", "Waiver", who="linus")
    project, problems = load_project(root)
    assert [(p.line, p.message) for p in problems.errors] == [
        (11, "linus may not approve ada's waivers: only the manager, the sponsor or a committee member may")]
    portfolio = project.portfolio("ada")
    assert portfolio is not None
    assert verify_portfolio(project, portfolio).waivers[0].status == "unverified"
    assert next(m.status for m in assess_portfolio(project, portfolio).milestones
                if m.ref == "engineering/raise-coverage") != "waived"


def git_out(root: Path, *args: str) -> str:
    return subprocess.run(["git", "-C", str(root), *args], check=True, capture_output=True, text=True).stdout.strip()


def short(root: Path) -> str:
    return git_out(root, "rev-parse", "--short=7", "HEAD")


def test_a_committed_blame_ignore_list_does_not_hand_the_learners_edit_to_the_giver(tmp_path: Path) -> None:
    root = repo(tmp_path)
    commit_verdict(root, "grace")
    (root / ENTRY).write_text(VERDICT.format(role="manager").replace("Productive.", "Promote now."), encoding="utf-8")
    git(root, "commit", "-qam", "Touch up", who="ada")
    (root / ".git-blame-ignore-revs").write_text(git_out(root, "rev-parse", "HEAD") + "\n", encoding="utf-8")
    git(root, "add", "-A")
    git(root, "commit", "-qm", "Ignore formatting commits", who="ada")
    git(root, "config", "blame.ignoreRevsFile", ".git-blame-ignore-revs")  # as many people set it globally
    assert verdict(root) == (Verification("unverified", "committed by ada@example.com, grace@example.com"),
                             "in_progress")


def test_a_refused_role_does_not_count_even_when_unverified_feedback_does(tmp_path: Path) -> None:
    root = repo(tmp_path)
    framework = root / "content/framework.yml"
    framework.write_text(framework.read_text() + "readiness: {verified_feedback_only: false}\n", encoding="utf-8")
    git(root, "commit", "-qam", "Everything counts")
    commit_verdict(root, "ada", role="sponsor")  # Ada has no sponsor: nobody may give a sponsor's verdict
    project, _ = load_project(root)
    portfolio = project.portfolio("ada")
    assert portfolio is not None
    assert next(m.status for m in assess_portfolio(project, portfolio).milestones
                if m.ref == "engineering/mentor-joiner") == "in_progress"
    commit_verdict(root, "ada", role="manager")  # Grace is her manager: unverified, but the policy counts it
    project, _ = load_project(root)
    assert next(m.status for m in assess_portfolio(project, project.portfolio("ada")).milestones  # type: ignore[arg-type]
                if m.ref == "engineering/mentor-joiner") == "met"


def test_a_plan_whose_last_commit_is_a_shallow_cut_is_unverifiable(tmp_path: Path) -> None:
    root = repo(tmp_path)
    (root / "portfolios/ada/plan.yml").write_text(
        "starts: 2026-05-01\nends: 2026-09-30\nagreed_with: grace\n", encoding="utf-8")
    git(root, "add", "-A")
    git(root, "commit", "-qm", "My plan", who="ada")
    (root / "portfolios/ada/entries/2026-05-03-note.md").write_text(
        "---\ntitle: Note\ndate: 2026-05-03\nkind: project\n---\nA note.\n", encoding="utf-8")
    git(root, "add", "-A")
    git(root, "commit", "-qm", "Grace's unrelated commit", who="grace")
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", "--depth", "1", f"file://{root}", str(clone)], check=True,
                   capture_output=True)
    project, _ = load_project(clone)
    html = render_portfolio_html(project, project.portfolio("ada"))  # type: ignore[arg-type]
    assert ("agreed with Grace Manager (unverifiable: the history is cut short at the plan's last commit, "
            "a shallow clone):") in html
