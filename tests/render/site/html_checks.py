"""Reading a built site: every HTML file's links and anything that could run script."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

# Our theme's one inline handler (the print button); anything else is a leak from content.
ALLOWED_HANDLERS = {"window.print()"}


class PageScan(HTMLParser):
    # Browsers read <title> and <textarea> as text, never as tags (RCDATA).
    CDATA_CONTENT_ELEMENTS = ("script", "style", "title", "textarea")

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.ids: set[str] = set()
        self.unsafe: list[str] = []
        self._in_script = False
        self._in_data = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            value = value or ""
            if name == "id":
                self.ids.add(value)
            if name in ("href", "src") and tag in ("a", "link", "img", "script", "iframe", "source"):
                self.links.append(value)
            if name.startswith("on") and value not in ALLOWED_HANDLERS:
                self.unsafe.append(f"<{tag} {name}={value!r}>")
            if name in ("href", "src", "action") and value.strip().lower().startswith(("javascript:", "data:text")):
                self.unsafe.append(f"<{tag} {name}={value!r}>")
        if tag in ("iframe", "object", "embed"):
            self.unsafe.append(f"<{tag}>")
        # A JSON data block never runs; it is safe while nothing in it can end the element.
        self._in_data = tag == "script" and dict(attrs).get("type") == "application/json"
        self._in_script = tag == "script" and not self._in_data

    def handle_endtag(self, tag: str) -> None:
        self._in_script = self._in_data = False

    def handle_data(self, data: str) -> None:
        if self._in_data and "<" in data:
            self.unsafe.append(f"<script type=application/json>{data[:60]}")
        if self._in_script and "alert(" in data:
            self.unsafe.append(f"<script>{data[:60]}")


def scan(path: Path) -> PageScan:
    parser = PageScan()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def html_files(folder: Path) -> list[Path]:
    return sorted(folder.rglob("*.html"))
