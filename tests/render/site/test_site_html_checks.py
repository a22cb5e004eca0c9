"""The checker the build tests rely on finds what it must."""

from __future__ import annotations

from pathlib import Path

from tests.render.site.html_checks import scan


def test_scan_flags_handlers_script_urls_and_frames(tmp_path: Path) -> None:
    page = tmp_path / "p.html"
    page.write_text('<title>a <b onload=x()> title</title><img src=x onerror="alert(1)">'
                    '<a href=" JavaScript:alert(2)">x</a><iframe src="y"></iframe>'
                    '<button onclick="window.print()">p</button><script>alert(3)</script><a href="../t/#m" id="k">')
    result = scan(page)
    assert result.unsafe == ["<img onerror='alert(1)'>", "<a href=' JavaScript:alert(2)'>", "<iframe>",
                             "<script>alert(3)"]
    assert result.links == ["x", " JavaScript:alert(2)", "y", "../t/#m"]
    assert result.ids == {"k"}
