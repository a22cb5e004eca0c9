"""Calibration packets: the secret, the scrubbing of free text, and refusing to build without a key."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.link.load import load_project
from generator.problems import UserError
from generator.render.anonymise import Coder, Scrubber, read_secret
from tests.helpers import copy_example, run_cli

ROOT = Path(__file__).parent.parent
KEY = "HANDBOOK_ANONYMISE_KEY"


def test_missing_secret_is_a_clear_error() -> None:
    with pytest.raises(UserError) as caught:
        read_secret({})
    assert caught.value.message == ("HANDBOOK_ANONYMISE_KEY is not set: calibration packets code every person "
                                    "with a secret key")
    assert caught.value.hint is not None and "secrets.token_hex(32)" in caught.value.hint


def test_short_secret_is_refused() -> None:
    with pytest.raises(UserError) as caught:
        read_secret({KEY: "abc123"})
    assert caught.value.message == ("HANDBOOK_ANONYMISE_KEY is too short (6 characters): "
                                    "a short key can be guessed")
    assert read_secret({KEY: "x" * 16}) == b"x" * 16


def test_free_text_mentions_become_codes() -> None:
    project = load_project(ROOT)[0]
    coder = Coder(b"k" * 32)
    scrub = Scrubber(project, coder)
    tomas, ines, marcus = (coder.person(p) for p in ("tomas", "ines", "marcus"))
    text = ("Tomás's review with tomas.herrera@kittiwake.example, TOMAS and Inês Carvalho (ines); "
            "Marcus Bell of marcus.bell@brightwater-retail.example wrote to sam@else.example. "
            "Benefits of a Belltower.")
    assert scrub(text) == (f"{tomas}'s review with {tomas}, {tomas} and {ines} ({ines}); "
                           f"{marcus} of {marcus} wrote to [email]. Benefits of a Belltower.")


def test_build_without_a_secret_stops_and_writes_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(KEY, raising=False)
    copy_example(tmp_path)
    result = run_cli("build", "--root", tmp_path, "--no-site", "--no-pdf", "--anonymise")
    assert result.exit_code == 1
    assert result.stderr.startswith("error: HANDBOOK_ANONYMISE_KEY is not set: calibration packets code every "
                                    "person with a secret key\n    hint: set it to a long random value")
    assert not (tmp_path / "build").exists()


def test_anonymise_refuses_one_person(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(KEY, "k" * 32)
    copy_example(tmp_path)
    result = run_cli("build", "--root", tmp_path, "--no-site", "--no-pdf", "--anonymise", "--person", "mei")
    assert result.exit_code == 1
    assert result.stderr == ("error: --anonymise builds everyone's packet; --person would say whom a packet is "
                             "about\n    hint: drop --person\n")


def test_provenance_survives_coding(tmp_path: Path) -> None:
    """Who committed a feedback entry is coded the same way as who gave it, so 'verified' still holds."""
    import datetime as dt

    from generator.read.git_history import Commit
    from generator.render.anonymise import anonymise_project

    project = load_project(ROOT)[0]
    amara = project.portfolio("amara")
    assert amara is not None
    entry = next(e for e in amara.entries if e.id == "2026-07-22-feedback-tomas-on-mentoring")
    other = next(e for e in amara.entries if e.id == "2026-07-20-mentoring-tomas-wrap-up")
    history = {entry.file.resolve(): Commit("1a2b3c4", "Tomás Herrera", "Tomas.Herrera@kittiwake.example ",
                                            dt.date(2026, 7, 22)),
               other.file.resolve(): Commit("5d6e7f8", "Someone", "someone@elsewhere.example", dt.date(2026, 7, 20))}
    coder = Coder(b"k" * 32)
    coded = anonymise_project(project, b"k" * 32, tmp_path, history)
    assert coded.history is not None
    commits = sorted(coded.history.values(), key=lambda c: c.date)
    assert [(c.author, c.email) for c in commits] == [
        ("someone", "someone@calibration.invalid"),
        (coder.person("tomas").upper(), coder.email("tomas"))]
    assert all(c.short.startswith("c-") and c.short[2:] not in ("1a2b3c4", "5d6e7f8") for c in commits)
    assert coded.project.email_of(coder.person("tomas")) == coder.email("tomas")
    coded_amara = coded.project.portfolio(coder.person("amara"))
    assert coded_amara is not None and coded_amara.profile.email == coder.email("amara")
    feedback = next(e for e in coded_amara.entries if e.meta.kind == "feedback" and e.meta.date == dt.date(2026, 7, 22))
    assert feedback.meta.from_ == coder.person("tomas")
