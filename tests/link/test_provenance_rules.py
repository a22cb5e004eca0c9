"""Provenance from git: only the giver's own commits verify feedback and waivers, and readiness obeys the policy."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from generator.assess.portfolio import assess_portfolio
from generator.link.load import load_project
from generator.link.provenance import verify_portfolio
from tests.render.portfolio.conftest import git

MINIMAL = Path(__file__).parent.parent / "fixtures" / "minimal"
VERDICT = ("---\ntitle: Grace on the joiner\ndate: 2026-05-01\nkind: feedback\nfrom: grace\nrole: manager\n"
           "verdict: {verdict}\nmilestones: [engineering/mentor-joiner]\n---\nProductive.\n")
PEER = ("---\ntitle: Linus on the pairing\ndate: 2026-05-02\nkind: feedback\nfrom: linus\nrole: peer\n"
        "milestones: [engineering/mentor-joiner]\n---\nHelpful.\n")
ENTRY = "portfolios/ada/entries/2026-05-01-grace.md"
WEB = "portfolios/ada/entries/2026-05-04-web.md"


def repo(tmp_path: Path, *, by: str = "grace", waiver_by: str | None = None) -> Path:
    """Ada's portfolio committed by Ada; Grace's verdict and Linus's feedback committed by `by` and Linus."""
    root = tmp_path / "repo"
    shutil.copytree(MINIMAL, root)
    git(root, "init", "-q", "-b", "main")
    git(root, "config", "commit.gpgsign", "false")
    git(root, "add", "-A")
    git(root, "commit", "-qm", "Ada's portfolio")
    (root / ENTRY).write_text(VERDICT.format(verdict="met"))
    git(root, "add", ENTRY)
    git(root, "commit", "-qm", "Verdict", who=by)
    (root / "portfolios/ada/entries/2026-05-02-linus.md").write_text(PEER)
    git(root, "add", "-A")
    git(root, "commit", "-qm", "Peer feedback", who="linus")
    if waiver_by:
        profile = root / "portfolios/ada/profile.yml"
        profile.write_text(profile.read_text() + "waivers:\n  - milestone: engineering/raise-coverage\n"
                           "    reason: The service was retired\n    approved_by: grace\n")
        git(root, "commit", "-qam", "Waiver", who=waiver_by)
    return root


def statuses(root: Path) -> tuple[dict[tuple[str, int], str], dict[int, str], dict[str, str]]:
    project, problems = load_project(root)
    assert not problems.errors, problems.sorted()
    portfolio = project.portfolio("ada")
    assert portfolio is not None
    provenance = verify_portfolio(project, portfolio)
    readiness = assess_portfolio(project, portfolio)
    return ({k: v.status for k, v in provenance.feedback.items()}, {k: v.status for k, v in provenance.waivers.items()},
            {m.ref.split("/")[1]: m.status for m in readiness.milestones})


def test_feedback_committed_by_its_giver_is_verified_and_counts(tmp_path: Path) -> None:
    feedback, _, milestones = statuses(repo(tmp_path))
    assert feedback == {("2026-05-01-grace", 0): "verified", ("2026-05-02-linus", 0): "verified"}
    assert milestones["mentor-joiner"] == "met"


def test_feedback_committed_by_the_learner_is_unverified_and_does_not_count(tmp_path: Path) -> None:
    feedback, _, milestones = statuses(repo(tmp_path, by="ada"))
    assert feedback[("2026-05-01-grace", 0)] == "unverified"
    assert milestones["mentor-joiner"] == "in_progress"


def test_a_learner_editing_the_givers_entry_unverifies_it(tmp_path: Path) -> None:
    root = repo(tmp_path)
    (root / ENTRY).write_text(VERDICT.format(verdict="met").replace("Productive.", "Productive; promote now."))
    git(root, "commit", "-qam", "Touch up", who="ada")
    feedback, _, milestones = statuses(root)
    assert feedback[("2026-05-01-grace", 0)] == "unverified"
    assert milestones["mentor-joiner"] == "in_progress"


def test_uncommitted_changes_are_unverified(tmp_path: Path) -> None:
    root = repo(tmp_path)
    (root / ENTRY).write_text(VERDICT.format(verdict="met") + "\nMore.\n")
    feedback, _, _ = statuses(root)
    assert feedback[("2026-05-01-grace", 0)] == "unverified"


def test_the_handle_of_a_noreply_address_identifies_the_giver(tmp_path: Path) -> None:
    root = repo(tmp_path, by="ada")
    people = root / "portfolios/people.yml"
    people.write_text(people.read_text().replace("email: grace@example.com", "email: grace@example.com, "
                                                 "handle: '@grace-h'"))
    (root / WEB).write_text(VERDICT.format(verdict="met"))
    git(root, "add", "-A")
    subprocess.run(["git", "-C", str(root), "-c", "user.name=Grace", "-c",
                    "user.email=1234+grace-h@users.noreply.github.com", "commit", "-qm", "From the web"],
                   check=True, capture_output=True)
    feedback, _, _ = statuses(root)
    assert feedback[("2026-05-04-web", 0)] == "verified"


def test_waiver_committed_by_its_approver_is_verified(tmp_path: Path) -> None:
    _, waivers, milestones = statuses(repo(tmp_path, waiver_by="grace"))
    assert waivers == {0: "verified"} and milestones["raise-coverage"] == "waived"


def test_waiver_written_by_the_learner_does_not_count(tmp_path: Path) -> None:
    _, waivers, milestones = statuses(repo(tmp_path, waiver_by="ada"))
    assert waivers == {0: "unverified"} and milestones["raise-coverage"] != "waived"


def test_policy_false_counts_unverified_feedback(tmp_path: Path) -> None:
    root = repo(tmp_path, by="ada")
    framework = root / "content/framework.yml"
    framework.write_text(framework.read_text() + "readiness: {verified_feedback_only: false}\n")
    feedback, _, milestones = statuses(root)
    assert feedback[("2026-05-01-grace", 0)] == "unverified" and milestones["mentor-joiner"] == "met"


def test_policy_as_a_list_of_roles(tmp_path: Path) -> None:
    root = repo(tmp_path, by="ada")
    framework = root / "content/framework.yml"
    framework.write_text(framework.read_text() + "readiness: {verified_feedback_only: [peer]}\n")
    _, _, milestones = statuses(root)
    assert milestones["mentor-joiner"] == "met"  # manager feedback is not in the list, so it counts unverified


def test_self_assessment_is_self_declared(tmp_path: Path) -> None:
    root = repo(tmp_path)
    (root / "portfolios/ada/entries/2026-05-03-self.md").write_text(
        "---\ntitle: My view\ndate: 2026-05-03\nkind: feedback\nfrom: ada\nrole: self\n---\nI did well.\n")
    feedback, _, _ = statuses(root)
    assert feedback[("2026-05-03-self", 0)] == "self-declared"


@pytest.mark.skipif(shutil.which("ssh-keygen") is None, reason="ssh-keygen is needed to sign commits")
def test_a_signature_with_one_of_the_givers_keys_makes_it_signed(tmp_path: Path) -> None:
    root = repo(tmp_path, by="ada")
    key = tmp_path / "grace_key"
    subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", str(key)], check=True)
    public = (tmp_path / "grace_key.pub").read_text().strip()
    people = root / "portfolios/people.yml"
    people.write_text(people.read_text().replace("email: grace@example.com", f"email: grace@example.com, "
                                                 f"keys: ['{public}']"))
    git(root, "commit", "-qam", "Grace's key", who="grace")
    for key_value in (("gpg.format", "ssh"), ("user.signingkey", str(key))):
        git(root, "config", *key_value)
    (root / WEB).write_text(VERDICT.format(verdict="met"))
    git(root, "add", "-A")
    git(root, "commit", "-qm", "Signed verdict", "-S", who="grace")
    feedback, _, milestones = statuses(root)
    assert feedback[("2026-05-04-web", 0)] == "signed"
    assert milestones["mentor-joiner"] == "met"


def test_next_step_asks_the_giver_to_commit_their_own_verdict(tmp_path: Path) -> None:
    from generator.assess.portfolio import next_steps

    project, _ = load_project(repo(tmp_path, by="ada"))
    steps = {s.result.ref: s.actions for s in next_steps(assess_portfolio(project, project.portfolio("ada")))}  # type: ignore[arg-type]
    assert steps["engineering/mentor-joiner"] == [
        "have grace commit their 'met' verdict themselves, with their own git identity: as it stands it is "
        "unverified and does not count"]


def test_verifying_one_portfolio_blames_only_its_own_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import generator.link.provenance as provenance

    root = repo(tmp_path)
    shutil.copytree(root / "portfolios/ada", root / "portfolios/linus")  # a second person with feedback
    (root / "portfolios/linus/profile.yml").write_text(
        (root / "portfolios/linus/profile.yml").read_text().replace("ada", "linus"))
    git(root, "add", "-A")
    git(root, "commit", "-qm", "Linus's portfolio")
    blamed: list[Path] = []
    real = provenance.History.blame

    def recording(self, path: Path):  # type: ignore[no-untyped-def]
        blamed.append(path)
        return real(self, path)

    monkeypatch.setattr(provenance.History, "blame", recording)
    project, _ = load_project(root)
    ada, linus = project.portfolio("ada"), project.portfolio("linus")
    assert ada is not None and linus is not None
    verify_portfolio(project, ada)
    assert sorted(p.name for p in blamed) == ["2026-05-01-grace.md", "2026-05-02-linus.md"]
    assert all(p.is_relative_to(ada.folder) for p in blamed)
    verify_portfolio(project, linus)
    assert len(blamed) == 4 and all(p.is_relative_to(linus.folder) for p in blamed[2:])
