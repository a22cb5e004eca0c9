"""The printed handbook keeps each table row on one page."""

from __future__ import annotations

import pytest
from weasyprint import HTML

from generator.link.load import load_project
from generator.render.site.pages import build_site_data
from generator.render.site.pdf import confined_fetcher, print_documents
from tests.conftest import PROJECT_ROOT
from tests.render.site.pdf_layout import split_rows, table_rows

pytestmark = pytest.mark.slow


def test_no_table_row_of_the_printed_handbook_is_split_across_pages() -> None:
    project, problems = load_project(PROJECT_ROOT)
    assert not problems.errors
    documents = print_documents(build_site_data(project))
    [handbook] = [html for name, html in documents.items() if name.endswith("handbook.pdf")]
    document = HTML(string=handbook, base_url="about:blank", url_fetcher=confined_fetcher()).render()
    assert len(document.pages) > 20 and table_rows(document) > 50
    assert split_rows(document) == []
