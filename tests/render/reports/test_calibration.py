"""Calibration packets of the example: no name or email of anyone survives, anywhere in the packet."""

from __future__ import annotations

import json
import re
import stat
import unicodedata
from pathlib import Path

import pytest
from pypdf import PdfReader

from generator.render.anonymise import Coder
from tests.render.portfolio.conftest import Built
from tests.render.reports.conftest import SECRET

ATTACHMENTS = ("pilot-results", "slo-coverage-by-quarter", "guild-ratings", "rates-coverage",
               "guild-feedback-notes")


def fold(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def forbidden(built: Built) -> re.Pattern[str]:
    """Every name, name part, id, email and email part of everyone the example knows."""
    project = built.project
    people = [(p.id, p.name, p.email) for p in project.people]
    people += [(p.id, p.profile.name, p.profile.email) for p in project.portfolios]
    words: set[str] = set()
    for person_id, name, email in people:
        words |= {person_id, name, fold(name), *name.split(), *fold(name).split()}
        if email:
            words |= {email, *re.split(r"[.@]", email.split("@")[0])}
    assert {"Tomás", "Tomas", "Inês", "Ines", "herrera", "mei"} <= words
    ordered = sorted(words, key=len, reverse=True)
    return re.compile(r"(?<!\w)(?:" + "|".join(re.escape(w) for w in ordered) + r")(?!\w)", re.IGNORECASE)


def packet_texts(out: Path) -> dict[str, str]:
    """Every file of the packet as text: names, contents, and for PDFs their text and metadata."""
    texts = {}
    for path in sorted(out.rglob("*")):
        rel = path.relative_to(out).as_posix()
        texts[f"{rel} (name)"] = rel
        if not path.is_file():
            continue
        if path.suffix == ".pdf":
            reader = PdfReader(path)
            texts[rel] = "\n".join(p.extract_text() for p in reader.pages)
            texts[f"{rel} (metadata)"] = json.dumps({k: str(v) for k, v in (reader.metadata or {}).items()})
        else:
            texts[rel] = path.read_bytes().decode("utf-8", errors="replace")
    return texts


def test_no_name_or_email_survives_anywhere(packets: Built) -> None:
    out = packets.project.root / "build/calibration"
    texts = packet_texts(out)
    assert sum(1 for name in texts if name.endswith(".pdf")) == 6
    pattern = forbidden(packets)
    assert pattern.findall((packets.project.root / "portfolios/tomas/profile.yml").read_text(encoding="utf-8"))
    leaks = {name: sorted(set(pattern.findall(text))) for name, text in texts.items() if pattern.search(text)}
    assert leaks == {}
    assert not any(a in text for a in ATTACHMENTS for text in texts.values())


def test_packets_are_the_committee_portfolios_with_codes(packets: Built) -> None:
    out = packets.project.root / "build/calibration"
    coder = Coder(SECRET.encode())
    folders = sorted(p.name for p in out.iterdir() if p.is_dir() and not p.name.startswith("_"))
    assert folders == sorted(coder.person(p) for p in ("amara", "farah", "jonah", "kenji", "mei", "tomas"))
    tomas = coder.person("tomas")
    page = (out / tomas / "index.html").read_text(encoding="utf-8")
    assert f"<h1>{tomas.upper()}</h1>" in page
    assert '<span class="status status-on_track">on track</span>' in page
    # tomas's CSV of rates coverage, under a coded name, with its content
    csv = next((out / tomas / "attachments").glob("*.csv"))
    assert re.fullmatch(r"f[0-9a-f]{8}\.csv", csv.name) and f'href="attachments/{csv.name}"' in page
    index = (out / "index.html").read_text(encoding="utf-8")
    assert index.count("status-") == 6 and tomas in index
    assert not (packets.project.root / "build/portfolios").exists()
    mei = (out / coder.person("mei") / "index.html").read_text(encoding="utf-8")
    assert re.search(r"attachments/f[0-9a-f]{8}\.pdf \(not available\)", mei)
    assert [p.name for p in (out / coder.person("mei")).rglob("*.pdf")] == [f"{coder.person('mei')}.pdf"]


def test_images_are_reencoded_without_metadata(packets: Built) -> None:
    from PIL import Image

    coder = Coder(SECRET.encode())
    png = next((packets.project.root / "build/calibration" / coder.person("farah") / "attachments").glob("*.png"))
    with Image.open(png) as image, Image.open(packets.project.root /
                                              "portfolios/farah/attachments/slo-coverage-by-quarter.png") as source:
        assert image.size == source.size and image.info.keys() <= {"dpi", "transparency", "gamma"}
        assert image.convert("RGB").tobytes() == source.convert("RGB").tobytes()


def test_the_key_is_kept_apart(packets: Built) -> None:
    key_file = packets.project.root / "build/calibration-key.json"
    assert not key_file.is_relative_to(packets.project.root / "build/calibration")
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    key = json.loads(key_file.read_text(encoding="utf-8"))["people"]
    coder = Coder(SECRET.encode())
    assert key[coder.person("tomas")] == {"id": "tomas", "name": "Tomás Herrera",
                                          "email": "tomas.herrera@kittiwake.example"}
    assert len(key) == 17  # 6 profiles and 11 people in people.yml


@pytest.mark.parametrize("other", ["another-secret-of-enough-length"])
def test_codes_are_stable_and_keyed(other: str) -> None:
    assert Coder(SECRET.encode()).person("tomas") == Coder(SECRET.encode()).person("tomas")
    assert Coder(other.encode()).person("tomas") != Coder(SECRET.encode()).person("tomas")
    assert re.fullmatch(r"p-[0-9a-f]{10}", Coder(SECRET.encode()).person("tomas"))
