"""The print document: WeasyPrint reads nothing from outside it."""

from __future__ import annotations

import pytest

from generator.render.site.pdf import confined_fetcher, render_print_html
from tests.render.site.conftest import Generated


@pytest.mark.parametrize("url", ["file:///etc/hostname", "http://127.0.0.1:9/x.png", "https://example.com/a.css"])
def test_fetcher_refuses_files_and_network(url: str) -> None:
    with pytest.raises(ValueError, match="disallowed protocol"):
        confined_fetcher().fetch(url)


def test_fetcher_reads_inline_data() -> None:
    response = confined_fetcher().fetch("data:text/plain,hello")
    assert response.read() == b"hello"


def test_print_document_is_self_contained(generated: Generated) -> None:
    html = render_print_html(generated.data)
    assert "<style>" in html and "@page" in html
    assert 'rel="stylesheet"' not in html and "<script" not in html and 'src="http' not in html
    assert '<a href="#competency-testing">Testing</a>' in html
    assert 'id="competency-testing"' in html and 'id="engineering--raise-coverage"' in html
