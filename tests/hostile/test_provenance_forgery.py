"""A learner's own words never count as someone else's: the forgeries of provenance, each on a real git repository."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from generator.link.load import load_project
from tests.link.test_provenance_rules import ENTRY, PEER, VERDICT, repo, statuses
from tests.render.portfolio.conftest import GIT_ENV, git

MANAGER = "2026-05-01-grace"


def errors(root: Path) -> list[tuple[str, int, str]]:
    _, problems = load_project(root)
    return [(p.path, p.line, p.message) for p in problems.errors]


def test_a_mailmap_committed_by_the_learner_does_not_make_their_lines_the_managers(tmp_path: Path) -> None:
    root = repo(tmp_path, by="ada")  # Ada wrote Grace's verdict herself...
    (root / ".mailmap").write_text("Grace Manager <grace@example.com> Ada <ada@example.com>\n")
    git(root, "add", ".mailmap")
    git(root, "commit", "-qm", "Tidy names")  # ...and maps her email to Grace's
    blame = subprocess.run(["git", "-C", str(root), "blame", "--porcelain", ENTRY], capture_output=True, text=True,
                           env={**__import__("os").environ, **GIT_ENV}, check=True).stdout
    assert "author-mail <grace@example.com>" in blame  # git itself applies the mailmap
    feedback, _, milestones = statuses(root)
    assert feedback[(MANAGER, 0)] == "unverified"
    assert milestones["mentor-joiner"] != "met"


def test_a_shallow_clone_gives_no_line_to_its_boundary_commit(tmp_path: Path) -> None:
    source = repo(tmp_path)  # Grace committed her verdict: verified in the full history
    assert statuses(source)[0][(MANAGER, 0)] == "verified"
    (source / "portfolios/ada/notes.txt").write_text("later work\n")
    git(source, "add", "-A")
    git(source, "commit", "-qm", "Later", who="grace")  # the clone's only commit is Grace's
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", "--depth", "1", f"file://{source}", str(clone)], check=True,
                   env={**__import__("os").environ, **GIT_ENV})
    project, problems = load_project(clone)
    portfolio = project.portfolio("ada")
    assert portfolio is not None and not problems.errors
    from generator.link.provenance import verify_portfolio

    verification = verify_portfolio(project, portfolio).feedback[(MANAGER, 0)]
    assert verification.status == "unverifiable"
    assert "shallow clone" in verification.reason and "fetch-depth: 0" in verification.reason


def test_feedback_moved_from_another_persons_folder_is_not_verified_there(tmp_path: Path) -> None:
    root = repo(tmp_path)
    shutil.copytree(root / "portfolios/ada", root / "portfolios/bo", dirs_exist_ok=True)
    profile = root / "portfolios/bo/profile.yml"
    profile.write_text(profile.read_text().replace("Ada Example", "Bo Example").replace("ada@", "bo@"))
    shutil.rmtree(root / "portfolios/bo/entries")
    (root / "portfolios/bo/entries").mkdir()
    git(root, "add", "-A")
    git(root, "commit", "-qm", "Bo's portfolio", who="bo")
    git(root, "mv", ENTRY, "portfolios/bo/entries/2026-05-01-grace.md")  # Grace's verdict on Ada, moved to Bo
    git(root, "commit", "-qm", "Move", who="bo")
    project, _ = load_project(root)
    bo = project.portfolio("bo")
    assert bo is not None
    from generator.link.provenance import verify_portfolio

    verification = verify_portfolio(project, bo).feedback[(MANAGER, 0)]
    assert verification.status == "unverified"
    assert verification.reason == ("committed as portfolios/ada/entries/2026-05-01-grace.md, outside bo's folder, "
                                   "and moved here")


def test_committee_feedback_only_from_committee_members(tmp_path: Path) -> None:
    root = repo(tmp_path)
    entry = root / "portfolios/ada/entries/2026-05-03-linus.md"
    entry.write_text(PEER.replace("role: peer", "role: committee\nverdict: met"))
    git(root, "add", "-A")
    git(root, "commit", "-qm", "Committee verdict", who="linus")
    assert errors(root) == [("portfolios/ada/entries/2026-05-03-linus.md", 6,
                             "linus gives committee feedback but is not a member of the committee")]
    people = root / "portfolios/people.yml"
    people.write_text(people.read_text().replace("email: linus@example.com}", "email: linus@example.com, "
                                                                              "committee: true}"))
    git(root, "commit", "-qam", "Linus joins the committee")
    assert errors(root) == []


def test_removing_the_manager_from_a_profile_silences_the_role_instead_of_opening_it(tmp_path: Path) -> None:
    root = repo(tmp_path)
    profile = root / "portfolios/ada/profile.yml"
    profile.write_text(profile.read_text().replace("manager: grace\n", ""))
    entry = root / "portfolios/ada/entries/2026-05-03-linus.md"
    entry.write_text(VERDICT.replace("from: grace", "from: linus").format(verdict="met"))
    git(root, "add", "-A")
    git(root, "commit", "-qm", "Linus speaks as manager", who="linus")
    found = errors(root)
    assert ("portfolios/ada/entries/2026-05-03-linus.md", 6,
            "linus gives feedback as ada's manager, but the profile names no manager") in found
    assert ("portfolios/ada/entries/2026-05-01-grace.md", 6,
            "grace gives feedback as ada's manager, but the profile names no manager") in found


def test_a_waiver_approved_by_a_colleague_is_refused_and_does_not_count(tmp_path: Path) -> None:
    root = repo(tmp_path, waiver_by="linus")
    profile = root / "portfolios/ada/profile.yml"
    profile.write_text(profile.read_text().replace("approved_by: grace", "approved_by: linus"))
    git(root, "commit", "-qam", "Linus approves", who="linus")
    assert errors(root) == [("portfolios/ada/profile.yml", 11,
                             "the waiver of 'engineering/raise-coverage' is approved by linus, who is not ada's "
                             "manager or sponsor, nor a committee member")]
    project, _ = load_project(root)
    from generator.link.provenance import verify_portfolio

    portfolio = project.portfolio("ada")
    assert portfolio is not None
    assert verify_portfolio(project, portfolio).waivers[0].status == "unverified"


def test_a_plan_agreed_with_the_learner_themself_is_an_error(tmp_path: Path) -> None:
    root = repo(tmp_path)
    (root / "portfolios/ada/plan.yml").write_text(
        "starts: 2026-05-01\nends: 2026-08-01\nagreed_with: ada\nmilestones:\n"
        "  - milestone: engineering/mentor-joiner\n    due: 2026-07-01\n")
    assert errors(root) == [("portfolios/ada/plan.yml", 3, "the plan is agreed with ada, the person themself")]


def test_a_plan_with_uncommitted_changes_is_not_shown_as_agreed(tmp_path: Path) -> None:
    from generator.render.portfolio.context import build_context

    root = repo(tmp_path)
    plan = root / "portfolios/ada/plan.yml"
    plan.write_text("starts: 2026-05-01\nends: 2026-08-01\nagreed_with: grace\nmilestones:\n"
                    "  - milestone: engineering/mentor-joiner\n    due: 2026-07-01\n")
    git(root, "add", "-A")
    git(root, "commit", "-qm", "Plan", who="grace")

    def agreed() -> bool:
        from generator.read.git_history import read_git_history

        project, _ = load_project(root)
        portfolio = project.portfolio("ada")
        assert portfolio is not None
        context = build_context(project, portfolio, read_git_history(root))
        assert context.plan is not None
        return context.plan.agreed_verified

    assert agreed()
    plan.write_text(plan.read_text().replace("due: 2026-07-01", "due: 2026-12-01"))  # the learner moves a date
    assert not agreed()
