"""The forms a person's name takes in text, folded to one, so anonymisation finds every one.

People paste names from chat, word processors and macOS (which writes é as e + a combining
accent), so "Zoë O’Brien‐Łukasz" may appear as "ZOE O'BRIEN-LUKASZ". `folded` maps text to
one comparable form: Unicode compatibility forms (NFKC), apostrophes and dashes folded, every
letter transliterated to ASCII (ø → o, ł → l, ß → ss, æ → ae; anyascii), invisible characters
dropped and case folded. It keeps where each folded character came from, so a match in the
folded text replaces exactly the original characters, whatever form they were in.

`spellings` adds the national spellings that transliteration does not produce but people
type: Müller as Mueller, Jørgen as Joergen, Đorđe as Djordje, Dušan as Dushan.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Callable, Iterable

from anyascii import anyascii

# anyascii folds most of these already; the backtick and the prime are not apostrophes to it.
APOSTROPHES = "'’‘`ʼʻ′´‛"
DASHES = "-–—‐‑‒−﹘﹣－"
_FOLD = {**{c: "'" for c in APOSTROPHES}, **{c: "-" for c in DASHES}}


@functools.lru_cache(maxsize=8192)
def fold_char(char: str) -> str:
    """One character in the folded form: '' for combining marks and invisible characters."""
    if char in _FOLD:
        return _FOLD[char]
    if unicodedata.category(char) in ("Mn", "Me", "Cf"):  # accents typed apart, zero-width joiners, soft hyphens
        return ""
    return anyascii(unicodedata.normalize("NFKC", char)).casefold()


# How German, Scandinavian and South Slavic names are written in ASCII at home; anyascii gives the
# other common spelling (ü → u, ø → o, đ → d, š → s).
NATIONAL = {"ä": "ae", "ö": "oe", "ü": "ue", "ø": "oe", "å": "aa", "đ": "dj", "č": "ch", "š": "sh", "ž": "zh"}


def spellings(name: str) -> set[str]:
    """`name`, and `name` with each letter that has a national ASCII spelling written that way."""
    lower = unicodedata.normalize("NFC", name).casefold()
    return {name, "".join(NATIONAL.get(c, c) for c in lower)}


def fold(text: str) -> str:
    """`text` in the folded form: `fold("Søren O’Brien") == "soren o'brien"`."""
    return "".join(fold_char(c) for c in text)


def folded(text: str) -> tuple[str, list[int]]:
    """The folded text, and for each of its characters the index of the original character it came from."""
    out: list[str] = []
    origin: list[int] = []
    for i, char in enumerate(text):
        part = fold_char(char)
        out.append(part)
        origin.extend([i] * len(part))
    return "".join(out), origin


def _end(text: str, last: int) -> int:
    """Past the original character `last` and any marks or invisible characters that belong to it."""
    end = last + 1
    while end < len(text) and fold_char(text[end]) == "":
        end += 1
    return end


def words_pattern(words: Iterable[str]) -> re.Pattern[str] | None:
    """A pattern for folded text matching any of `words` (folded) as a whole word; None for no words."""
    ordered = sorted({f for w in words if len(f := fold(w).strip()) >= 2}, key=lambda t: (-len(t), t))
    if not ordered:
        return None
    spaced = (re.escape(t).replace(r"\ ", r"\s+") for t in ordered)  # a name broken over two lines is one name
    return re.compile(r"(?<![a-z0-9_])(?:" + "|".join(spaced) + r")(?![a-z0-9_])")


def replace_folded(pattern: re.Pattern[str], text: str, replace: Callable[[str], str]) -> str:
    """`text` with each match of `pattern` in its folded form replaced by `replace(folded match)`."""
    flat, origin = folded(text)
    pieces, at = [], 0
    for match in pattern.finditer(flat):
        if match.start() == match.end():
            continue
        start, end = origin[match.start()], _end(text, origin[match.end() - 1])
        if start < at:  # two folded matches inside one original character (ß → ss): already replaced
            continue
        pieces += [text[at:start], replace(match.group(0))]
        at = end
    return "".join(pieces) + text[at:]


def find_folded(pattern: re.Pattern[str], text: str) -> list[tuple[int, str]]:
    """(original index, original text) of each match of `pattern` in the folded form of `text`."""
    flat, origin = folded(text)
    return [(origin[m.start()], text[origin[m.start()]:_end(text, origin[m.end() - 1])])
            for m in pattern.finditer(flat) if m.start() != m.end()]
