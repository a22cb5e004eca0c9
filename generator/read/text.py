"""Reading files as UTF-8 text, reporting undecodable bytes with their position.

Every file of `content/` and `portfolios/` passes here, so the limits that keep a
crafted file from exhausting the build live here too: a size cap, and no NUL or
other control bytes (they would reach HTML and terminals as they are).
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from generator.problems import Position, Problems

MAX_FILE_BYTES = 1024 * 1024
# Control characters other than tab, line feed, form feed and carriage return.
_CONTROL = re.compile(rb"[\x00-\x08\x0b\x0e-\x1f\x7f]")


def _position(raw: bytes, offset: int) -> Position:
    line = raw.count(b"\n", 0, offset) + 1
    column = len(raw[raw.rfind(b"\n", 0, offset) + 1:offset].decode("utf-8", "replace")) + 1
    return Position(line, column)


# Bytes of files read already (to hash them for the cache), by path: parsed from here, not read again.
_prefetched: dict[str, bytes] = {}


@contextmanager
def prefetched(contents: dict[str, bytes]) -> Iterator[None]:
    """Within the block, `read_text` takes these files' bytes from `contents` (each once)."""
    _prefetched.update(contents)
    try:
        yield
    finally:
        _prefetched.clear()


def read_text(path: Path, display: str, problems: Problems) -> str | None:
    """The file's text, or None after recording why it cannot be read."""
    raw = _prefetched.pop(str(path), None) if _prefetched else None
    try:
        if raw is None:
            with open(path, "rb") as handle:  # one open and one fstat: this runs for every file
                size = os.fstat(handle.fileno()).st_size
                raw = handle.read() if size <= MAX_FILE_BYTES else None
        else:
            size = len(raw)
        if raw is None or size > MAX_FILE_BYTES:
            problems.add(display, Position(), "file-too-large",
                         f"the file is {size / 1024 / 1024:.1f} MiB, more than the limit of "
                         f"{MAX_FILE_BYTES // 1024 // 1024} MiB",
                         "split it into smaller files, or link large material as an attachment")
            return None
    except OSError as exc:
        problems.add(display, Position(), "unreadable", f"cannot read the file: {exc.strerror}",
                     "check the file's permissions")
        return None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        problems.add(
            display, _position(raw, exc.start), "encoding",
            f"the file is not UTF-8 text (byte 0x{raw[exc.start]:02x} cannot be decoded)",
            "save the file with UTF-8 encoding",
        )
        return None
    if (control := _CONTROL.search(raw)):
        problems.add(display, _position(raw, control.start()), "control-character",
                     f"the file contains a control character (byte 0x{control.group()[0]:02x})",
                     "remove it; text files hold only printable characters, tabs and line breaks")
        return None
    if not text or text.isspace():
        problems.add(display, Position(), "empty-file", "the file is empty",
                     "add the expected keys or delete the file")
        return None
    return text.replace("\r\n", "\n") if "\r" in text else text
