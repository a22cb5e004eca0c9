"""Anonymity by normalisation: a known name in any form a person might type does not survive."""

from __future__ import annotations

import unicodedata
from pathlib import Path
from types import SimpleNamespace

from hypothesis import given
from hypothesis import strategies as st

from generator.render.anonymise import Coder, LeakCheck, Scrubber
from generator.render.name_forms import fold

NAMES = ["Zoë O'Brien-Łukasz", "Søren Ærøskøbing", "Jürgen Straße", "Małgorzata Nowak-Kowalska", "Tomás Herrera",
         "Siobhán Ní Bhriain", "Đorđe Šćepanović", "Ægir Þórsson"]
PEOPLE = SimpleNamespace(
    people=[SimpleNamespace(id=f"p{i}", name=name, email=f"person{i}@example.com", handle=None)
            for i, name in enumerate(NAMES)],
    portfolios=[])
CODER = Coder(b"k" * 32)
SCRUB = Scrubber(PEOPLE, CODER)  # type: ignore[arg-type]
LEAKS = LeakCheck(PEOPLE)  # type: ignore[arg-type]

APOSTROPHES = ["'", "’", "‘", "`", "ʼ"]
DASHES = ["-", "–", "—", "‐", "‑"]
FORMS = ["NFC", "NFD", "NFKC", "NFKD"]
CASES = [str, str.upper, str.lower, str.title, str.casefold]
TRANSLITERATED = {"ø": "o", "Ø": "O", "ł": "l", "Ł": "L", "ß": "ss", "æ": "ae", "Æ": "Ae", "ö": "o", "ü": "u",
                  "é": "e", "á": "a", "ë": "e", "ð": "d", "Þ": "Th", "đ": "d", "Đ": "D", "š": "s", "ć": "c"}
# the spellings people use at home (Mueller, Joergen, Djordje, Dushan): every letter that has one
NATIONALLY = {**TRANSLITERATED, "ø": "oe", "Ø": "Oe", "ö": "oe", "ü": "ue", "đ": "dj", "Đ": "Dj", "š": "sh",
              "Š": "Sh"}


@st.composite
def typed_names(draw: st.DrawFn) -> tuple[str, str]:
    """(the name as known, the name as someone typed it)."""
    name = draw(st.sampled_from(NAMES))
    typed = name.replace("'", draw(st.sampled_from(APOSTROPHES))).replace("-", draw(st.sampled_from(DASHES)))
    scheme = draw(st.sampled_from([{}, TRANSLITERATED, NATIONALLY]))
    typed = "".join(scheme.get(c, c) for c in typed)
    typed = draw(st.sampled_from(CASES))(typed)
    return name, unicodedata.normalize(draw(st.sampled_from(FORMS)), typed)


AROUND = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=20)


@given(typed_names(), AROUND, AROUND)
def test_a_name_in_any_form_is_replaced(named: tuple[str, str], before: str, after: str) -> None:
    name, typed = named
    text = f"{before} {typed}, {after}"
    scrubbed = SCRUB(text)
    assert fold(name) not in fold(scrubbed)
    assert LEAKS(scrubbed) == []
    for part in fold(name).replace("-", " ").split():
        assert f" {part}," not in f" {fold(scrubbed).replace('-', ' ')},", part


@given(typed_names())
def test_the_leak_check_finds_a_name_in_any_form(named: tuple[str, str]) -> None:
    _, typed = named
    assert LEAKS(f"Thanks to {typed}.") == [typed]


def test_a_match_replaces_exactly_the_characters_typed() -> None:
    code = CODER.person("p0")
    typed = unicodedata.normalize("NFD", "ZOË O’BRIEN–ŁUKASZ")
    # a zero-width space or soft hyphen inside a name is part of the name it hides in
    assert SCRUB(f"«{typed}» and Zo\u200be O\u00adʼBrien") == f"«{code}» and {code} {code}"
    assert SCRUB("Jurgen STRASSE wrote to person2@example.com") == f"{CODER.person('p2')} wrote to {CODER.person('p2')}"
    djordje = CODER.person("p6")
    assert SCRUB("Djordje Shcepanovic, DJORDJE and Juergen") == f"{djordje}, {djordje} and {CODER.person('p2')}"


def test_packets_are_ordered_by_code_and_an_encoded_name_stops_the_build(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from tests.helpers import copy_example, run_cli

    monkeypatch.setenv("HANDBOOK_ANONYMISE_KEY", "k" * 32)
    root = copy_example(tmp_path / "repo")
    result = run_cli("build", "--root", root, "--no-site", "--no-pdf", "--anonymise")
    assert result.exit_code == 0, result.output
    index = (root / "build/calibration/index.html").read_text(encoding="utf-8")
    codes = [c for c in sorted(Coder(b"k" * 32).person(p.name) for p in (root / "portfolios").iterdir()
                                if (p / "profile.yml").is_file())]
    assert [index.index(f'href="{c}/') for c in codes] == sorted(index.index(f'href="{c}/') for c in codes)

    entry = root / "portfolios/mei/entries/2026-05-20-guild-series-wrap-up.md"
    entry.write_text(entry.read_text(encoding="utf-8") + "\nThanks to &#75;&#101;&#110;&#106;&#105; &#87;atanabe.\n",
                     encoding="utf-8")
    result = run_cli("build", "--root", root, "--no-site", "--no-pdf", "--anonymise")
    assert result.exit_code == 1
    assert "error: the calibration packets still name people, so nothing was written:" in result.stderr
    mei = Coder(b"k" * 32).person("mei")
    assert f"  {mei}/index.html:" in result.stderr and ": Kenji Watanabe" in result.stderr
