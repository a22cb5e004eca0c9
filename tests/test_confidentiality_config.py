"""handbook.yml `confidentiality:` and people's `keys:` are checked like every other key, with their line."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

Check = Callable[..., list[dict[str, object]]]

AGE_KEY = "age1ql3z7hjy54pw3hyww5ayyfg7zqgvc7w3j2elw8zmrj2kg5sfn9aqmcac8p"
SSH_KEY = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIHsKLqeplhpW+uObz5dvMgjz1OxfM/XXUB/VHtZ6isGN promotions@acme"


def lines(problems: list[dict[str, object]]) -> list[str]:
    return [f"{p['path']}:{p['line']}:{p['column']}: {p['severity']}: {p['message']}" for p in problems]


def test_a_policy_with_age_and_ssh_keys_is_valid(minimal: Path, check: Check) -> None:
    (minimal / "handbook.yml").write_text(
        "confidentiality:\n"
        f"  readers:\n    committee: [{AGE_KEY}, '{SSH_KEY}']\n    programme: [{AGE_KEY}]\n"
        "  sealed_feedback:\n    roles: [peer, manager]\n    readers: [committee, manager]\n", encoding="utf-8")
    with (minimal / "portfolios/ada/profile.yml").open("a", encoding="utf-8") as profile:
        profile.write(f"keys: [{AGE_KEY}]\n")
    (minimal / "portfolios/people.yml").write_text(
        f"people:\n  - {{id: grace, name: Grace Manager, email: grace@example.com, keys: ['{SSH_KEY}']}}\n"
        "  - {id: linus, name: Linus Peer, email: linus@example.com}\n", encoding="utf-8")
    assert check(minimal) == []


def test_a_key_that_is_not_a_public_key_is_located(minimal: Path, check: Check) -> None:
    (minimal / "handbook.yml").write_text(
        "confidentiality:\n  readers:\n    committee: [age2xyz]\n", encoding="utf-8")
    problems = check(minimal)
    assert lines(problems) == ["handbook.yml:3:17: error: committee: 'age2xyz' is not a public key"]
    assert problems[0]["hint"] == ("write an age key (age1...) or an SSH public key (ssh-ed25519 AAAA... or "
                                   "ssh-rsa AAAA...), as one line as `age-keygen -y` or the .pub file prints it")


def test_a_private_key_is_refused_without_being_echoed(minimal: Path, check: Check) -> None:
    secret = "AGE-SECRET-KEY-1QQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQ"
    (minimal / "handbook.yml").write_text(
        f"confidentiality:\n  readers:\n    committee: [{secret}]\n", encoding="utf-8")
    problems = check(minimal)
    assert lines(problems) == ["handbook.yml:3:17: error: committee: this is a private key, which must never "
                               "be committed"]
    assert secret not in str(problems)


def test_an_unknown_reader_of_sealed_feedback_is_located(minimal: Path, check: Check) -> None:
    (minimal / "handbook.yml").write_text(
        "confidentiality:\n  sealed_feedback:\n    readers: [manager, hr]\n", encoding="utf-8")
    problems = check(minimal)
    assert [(p["path"], p["line"], p["column"]) for p in problems] == [("handbook.yml", 3, 24)]
    assert "'hr'" in str(problems[0]["message"]) + str(problems[0]["hint"])


def test_a_person_key_is_checked_in_profile(minimal: Path, check: Check) -> None:
    with (minimal / "portfolios/ada/profile.yml").open("a", encoding="utf-8") as profile:
        profile.write("keys: [ssh-dss AAAAB3NzaC1kc3MAAACBAP]\n")
    problems = check(minimal)
    assert [(p["path"], p["line"]) for p in problems] == [("portfolios/ada/profile.yml", 8)]
    assert "is not a public key" in str(problems[0]["message"])


def test_a_named_reader_without_keys_is_an_error(minimal: Path, check: Check) -> None:
    (minimal / "handbook.yml").write_text(
        "confidentiality:\n  sealed_feedback:\n    roles: [peer]\n    readers: [committee]\n", encoding="utf-8")
    problems = check(minimal)
    assert [(p["path"], p["line"], p["severity"]) for p in problems] == [("handbook.yml", 2, "error")]
    assert "readers.committee lists no key" in str(problems[0]["message"]) + str(problems[0]["hint"])
