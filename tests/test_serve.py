"""`handbook serve`: options, the generated preview folder, and a live server that reloads on save."""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from generator.commands.serve import Preview, mirror, parse_dev_addr
from tests import serve_stand_in
from tests.gitrepo import HANDBOOK_BIN
from tests.helpers import edit, run_cli
from tests.own_repositories import framework, person_repository

__all__ = ["framework"]  # a fixture

PROJECT_ROOT = Path(__file__).parent.parent


@pytest.fixture
def captured(monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    """Stand-in renderers, and MkDocs' server replaced by a recorder of what it was asked to serve."""
    monkeypatch.setitem(sys.modules, "generator.render.site", _module("generator.render.site"))
    monkeypatch.setitem(sys.modules, "generator.render.portfolio", _module("generator.render.portfolio"))
    calls: dict[str, Any] = {}

    def fake_serve(config_file: str, **kwargs: Any) -> None:
        config = Path(config_file)
        calls.update(kwargs, config=config, files=sorted(p.relative_to(config.parent).as_posix()
                                                         for p in config.parent.rglob("*") if p.is_file()))
        calls["portfolio"] = (config.parent / "docs/portfolio/ada/index.html").read_text() \
            if (config.parent / "docs/portfolio/ada/index.html").is_file() else None

    import mkdocs.commands.serve

    monkeypatch.setattr(mkdocs.commands.serve, "serve", fake_serve)
    return calls


def _module(name: str) -> Any:
    import types

    module = types.ModuleType(name)
    for attr in ("generate_mkdocs_project", "render_portfolio_html", "write_portfolio_assets"):
        setattr(module, attr, getattr(serve_stand_in, attr))
    return module


def test_binds_to_loopback_by_default(minimal: Path, captured: dict[str, Any]) -> None:
    result = run_cli("serve", "--root", minimal)
    assert result.exit_code == 0, result.stderr
    assert captured["dev_addr"] == "127.0.0.1:8000"
    assert captured["livereload"] is True
    assert "previewing at http://127.0.0.1:8000/" in result.stderr
    assert captured["files"] == ["docs/index.md", "mkdocs.yml"]
    assert minimal not in captured["config"].parents  # the preview lives in a temporary folder
    assert not captured["config"].exists()  # ...removed when the server stops
    assert not (minimal / "site").exists()


def test_dev_addr_and_person(minimal: Path, captured: dict[str, Any]) -> None:
    result = run_cli("serve", "--root", minimal, "--dev-addr", "127.0.0.1:8123", "--person", "ada")
    assert result.exit_code == 0, result.stderr
    assert captured["dev_addr"] == "127.0.0.1:8123"
    assert "docs/portfolio/ada/index.html" in captured["files"]
    assert "Portfolio of Ada Example" in captured["portfolio"]
    assert "http://127.0.0.1:8123/portfolio/ada/" in result.stderr


def test_person_on_a_public_address_is_warned(minimal: Path, captured: dict[str, Any]) -> None:
    result = run_cli("serve", "--root", minimal, "--dev-addr", "0.0.0.0:8000", "--person", "ada")
    assert result.exit_code == 0
    assert "warning: 0.0.0.0 is reachable from other machines; ada's portfolio will be too" in result.stderr


@pytest.mark.parametrize("addr", ["8000", "localhost", "127.0.0.1:http", "127.0.0.1:70000", ":8000"])
def test_bad_dev_addr_is_a_plain_error(minimal: Path, captured: dict[str, Any], addr: str) -> None:
    result = run_cli("serve", "--root", minimal, "--dev-addr", addr)
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [f"error: '{addr}' is not an address to serve on",
                                          "    hint: write it as IP:PORT, like 127.0.0.1:8000"]
    assert "dev_addr" not in captured


def test_unknown_person_is_a_plain_error(minimal: Path, captured: dict[str, Any]) -> None:
    result = run_cli("serve", "--root", minimal, "--person", "bob")
    assert result.exit_code == 1
    assert result.stderr.startswith("error: no portfolio for 'bob' under portfolios/")


def test_parse_dev_addr_accepts_ipv6() -> None:
    assert parse_dev_addr("[::1]:8001") == ("::1", 8001)
    assert parse_dev_addr("127.0.0.1:8000") == ("127.0.0.1", 8000)


def test_mirror_touches_only_what_differs(tmp_path: Path) -> None:
    source, target = tmp_path / "source", tmp_path / "target"
    (source / "sub").mkdir(parents=True)
    (source / "same.md").write_text("same")
    (source / "sub/new.md").write_text("new")
    target.mkdir()
    (target / "same.md").write_text("same")
    (target / "gone.md").write_text("gone")
    before = (target / "same.md").stat().st_mtime_ns
    assert mirror(source, target) is True
    assert sorted(p.relative_to(target).as_posix() for p in target.rglob("*")) == ["same.md", "sub", "sub/new.md"]
    assert (target / "same.md").stat().st_mtime_ns == before
    assert mirror(source, target) is False


def test_invalid_content_keeps_the_last_good_preview(minimal: Path, tmp_path: Path,
                                                      captured: dict[str, Any], capsys: pytest.CaptureFixture) -> None:
    preview = Preview(minimal, tmp_path / "work")
    assert preview.refresh() is True
    edit(minimal / "content/pages/promotion.md", "Readiness is assessed", "Readiness is judged")
    assert preview.refresh() is True
    assert "Readiness is judged" in (tmp_path / "work/live/docs/index.md").read_text()
    edit(minimal / "content/framework.yml", 'version: "1.0"', "version: [1]")
    assert preview.refresh() is False
    assert "content/framework.yml:2:10: error:" in capsys.readouterr().err
    assert "Readiness is judged" in (tmp_path / "work/live/docs/index.md").read_text()


# --- a real server in a subprocess ---


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_for(condition: Callable[[], bool], what: str, limit: float = 60.0) -> None:
    """Poll until `condition` holds; the limit only stops a broken server from hanging the suite."""
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.2)
    pytest.fail(f"gave up waiting for {what}")


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310 (a local test server)
            return response.read().decode("utf-8")
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return None


@contextmanager
def running(command: list[str], root: Path) -> Iterator[tuple[str, subprocess.Popen[str]]]:
    """`command serve --root root --person ada` on a free port; stopped with Ctrl+C at the end."""
    port = free_port()
    env = {**os.environ, "PYTHONPATH": str(PROJECT_ROOT)}
    process = subprocess.Popen([*command, "serve", "--root", str(root), "--dev-addr", f"127.0.0.1:{port}",
                                "--person", "ada"],
                               cwd=PROJECT_ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    base = f"http://127.0.0.1:{port}/"
    try:
        wait_for(lambda: fetch(base) is not None or process.poll() is not None, "the server to start")
        assert process.poll() is None, process.communicate()[0]
        yield base, process
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGINT)
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()


@pytest.fixture
def live_server(minimal: Path) -> Iterator[tuple[str, subprocess.Popen[str]]]:
    with running([sys.executable, "-m", "tests.serve_stand_in"], minimal) as server:
        yield server


def test_live_server_reloads_on_save_and_serves_the_portfolio(minimal: Path, live_server: tuple[str, Any]) -> None:
    base, process = live_server
    page = fetch(base)
    assert page is not None and "Readiness is assessed against milestones." in page
    assert "livereload" in page  # MkDocs' reload script is injected
    assert "Portfolio of Ada Example" in (fetch(base + "portfolio/ada/") or "")
    edit(minimal / "content/pages/promotion.md", "Readiness is assessed", "Readiness is weighed")
    wait_for(lambda: "Readiness is weighed" in (fetch(base) or ""), "the edited page to be served")
    edit(minimal / "portfolios/ada/profile.yml", "name: Ada Example", "name: Ada Lovelace")
    wait_for(lambda: "Portfolio of Ada Lovelace" in (fetch(base + "portfolio/ada/") or ""), "the edited portfolio")
    assert not (minimal / "site").exists()
    port = int(base.rsplit(":", 1)[1].strip("/"))
    with socket.socket() as other, pytest.raises(ConnectionRefusedError):
        other.connect(("127.0.0.2", port))  # bound to 127.0.0.1 only, not to every address
    process.send_signal(signal.SIGINT)
    output, _ = process.communicate(timeout=30)
    assert process.returncode == 0, output
    assert "Traceback" not in output


@pytest.mark.slow
def test_real_renderers_through_the_console_script(minimal: Path) -> None:
    """With the real site and portfolio renderers (skipped until they are installed)."""
    site = pytest.importorskip("generator.render.site")
    portfolio = pytest.importorskip("generator.render.portfolio")
    if not hasattr(site, "generate_mkdocs_project") or not hasattr(portfolio, "render_portfolio_html"):
        pytest.skip("the renderers do not expose the serve interface yet")
    with running([str(HANDBOOK_BIN)], minimal) as (base, process):
        assert "Minimal Handbook" in (fetch(base) or "")
        assert "Ada Example" in (fetch(base + "portfolio/ada/") or "")
        assert "@page" in (fetch(base + "portfolio/ada/_theme/portfolio.css") or "")  # styled, not bare
        edit(minimal / "content/pages/promotion.md", "Readiness is assessed", "Readiness is weighed")
        wait_for(lambda: "Readiness is weighed" in (fetch(base + "pages/promotion/") or ""),
                 "the edited page to be served")


def test_port_in_use_is_a_plain_error(minimal: Path) -> None:
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        result = subprocess.run([sys.executable, "-m", "tests.serve_stand_in", "serve", "--root", str(minimal),
                                 "--dev-addr", f"127.0.0.1:{port}"], cwd=PROJECT_ROOT, capture_output=True,
                                text=True, env={**os.environ, "PYTHONPATH": str(PROJECT_ROOT)}, timeout=120)
    assert result.returncode == 1
    assert f"error: cannot serve on 127.0.0.1:{port}: Address already in use" in result.stderr
    assert "hint: pass another --dev-addr, like 127.0.0.1:8001" in result.stderr
    assert "Traceback" not in result.stderr


def test_person_address_follows_the_path_of_site_url(minimal: Path, captured: dict[str, Any]) -> None:
    config = minimal / "handbook.yml"
    config.write_text(config.read_text() + "site_url: https://x.example/careers/\n")
    result = run_cli("serve", "--root", minimal, "--person", "ada")
    assert result.exit_code == 0, result.stderr
    mount = re.search(r"previewing at (http://127\.0\.0\.1:8000/careers/[^/ ]+/) and (\S+)/ ", result.stderr)
    assert mount, result.stderr
    assert mount.group(2) == mount.group(1) + "portfolio/ada"


def test_a_persons_own_repository_previews_their_portfolio(framework: tuple[Path, str], tmp_path: Path,
                                                           captured: dict[str, Any],
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    ada = person_repository(tmp_path, "ada", framework[1])
    result = run_cli("serve", "--root", ada)
    assert result.exit_code == 0, result.stderr
    assert "Portfolio of Ada Example" in captured["portfolio"]
    assert "http://127.0.0.1:8000/portfolio/ada/" in result.stderr
    assert Preview(ada, tmp_path / "work").sources() == [
        ada / "handbook.yml", ada / "profile.yml", ada / "plan.yml", ada / "entries", ada / "attachments"]
