"""Reading files as UTF-8 text, reporting undecodable bytes with their position."""

from __future__ import annotations

from pathlib import Path

from generator.problems import Position, Problems


def read_text(path: Path, display: str, problems: Problems) -> str | None:
    """The file's text, or None after recording why it cannot be read."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        problems.add(display, Position(), "unreadable", f"cannot read the file: {exc.strerror}",
                     "check the file's permissions")
        return None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        problems.add(
            display, Position(line, column), "encoding",
            f"the file is not UTF-8 text (byte 0x{raw[exc.start]:02x} cannot be decoded)",
            "save the file with UTF-8 encoding",
        )
        return None
    if not text.strip():
        problems.add(display, Position(), "empty-file", "the file is empty",
                     "add the expected keys or delete the file")
        return None
    return text.replace("\r\n", "\n")
