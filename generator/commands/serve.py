"""`handbook serve`: a local preview that rebuilds when the handbook's sources change.

Two stages keep MkDocs untouched: a watcher on content/ (and themes/, handbook.yml, the
previewed portfolio) regenerates the MkDocs project into a temporary folder, and MkDocs'
own dev server watches that folder, rebuilds and reloads the browser. Nothing is written
under the repository; the portfolio preview lives only in the temporary folder.
"""

from __future__ import annotations

import datetime as dt
import filecmp
import logging
import re
import shutil
import tempfile
import threading
from dataclasses import dataclass, field
from pathlib import Path

import click
from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers.polling import PollingObserver

from generator.link.load import load_project
from generator.link.project import Project
from generator.problems import UserError
from generator.render.problem_formats import format_text

LOOPBACK = ("127.0.0.1", "localhost", "::1")
PORTFOLIO_FOLDER = "portfolio"  # the previewed portfolio is served at /portfolio/<id>/
_DOCS_DIR_RE = re.compile(r"^docs_dir:\s*['\"]?([^'\"\n#]+?)['\"]?\s*(?:#.*)?$", re.MULTILINE)
_SITE_URL_RE = re.compile(r"^site_url:\s*['\"]?([^'\"\n#]+?)['\"]?\s*(?:#.*)?$", re.MULTILINE)


def parse_dev_addr(text: str) -> tuple[str, int]:
    """`IP:PORT` (or `[IPv6]:PORT`) -> (host, port)."""
    host, sep, port = text.strip().rpartition(":")
    host = host.strip("[]")
    if not sep or not host or not port.isdigit() or not 0 < int(port) < 65536:
        raise UserError(f"'{text}' is not an address to serve on", "write it as IP:PORT, like 127.0.0.1:8000")
    return host, int(port)


def mirror(source: Path, target: Path) -> bool:
    """Make `target` a copy of `source`, touching only files that differ; True when anything changed."""
    changed = False
    target.mkdir(parents=True, exist_ok=True)
    wanted = {p.relative_to(source) for p in source.rglob("*")}
    for rel in sorted(wanted):
        src, dst = source / rel, target / rel
        if src.is_dir():
            dst.mkdir(exist_ok=True)
        elif not dst.is_file() or not filecmp.cmp(src, dst, shallow=False):
            shutil.copyfile(src, dst)
            changed = True
    for path in sorted(target.rglob("*"), reverse=True):
        if path.relative_to(target) not in wanted:
            shutil.rmtree(path) if path.is_dir() else path.unlink()
            changed = True
    return changed


def mount_path_of(config_file: Path) -> str:
    """The path MkDocs serves the preview under: the path of `site_url`, or `/`."""
    from urllib.parse import urlsplit

    match = _SITE_URL_RE.search(config_file.read_text(encoding="utf-8"))
    path = urlsplit(match.group(1).strip()).path if match else ""
    return "/" + path.strip("/") + "/" if path.strip("/") else "/"


def docs_dir_of(config_file: Path) -> Path:
    match = _DOCS_DIR_RE.search(config_file.read_text(encoding="utf-8"))
    return config_file.parent / (match.group(1).strip() if match else "docs")


@dataclass
class Preview:
    """Regenerates the MkDocs project of `root` into `work/live`, through `work/next`."""

    root: Path
    work: Path
    as_of: dt.date | None = None
    person: str | None = None
    lock: threading.Lock = field(default_factory=threading.Lock)

    @property
    def config_file(self) -> Path:
        return self.work / "live" / "mkdocs.yml"

    def refresh(self, project: Project | None = None) -> bool:
        """Regenerate from the sources; on invalid content report it and keep the last good preview."""
        with self.lock:
            if project is None:
                project, problems = load_project(self.root, self.as_of, portfolios=self.person is not None)
                if problems.errors:
                    click.echo(format_text(problems.sorted()), err=True)
                    click.echo("the preview keeps the last valid version until these are fixed", err=True)
                    return False
            staging = self.work / "next"
            shutil.rmtree(staging, ignore_errors=True)
            staging.mkdir(parents=True)
            generate_project(project, staging, self.person)
            return mirror(staging, self.work / "live")

    def sources(self) -> list[Path]:
        from generator.link.own_repository import names_framework

        if names_framework(self.root):  # a person's own repository: their files (the framework is a pinned copy)
            return [self.root / name for name in ("handbook.yml", "profile.yml", "plan.yml", "entries",
                                                  "attachments")]
        paths = [self.root / "content", self.root / "themes", self.root / "handbook.yml"]
        if self.person:
            from generator.link.sources import person_folders
            from generator.model.config import HandbookConfig

            try:  # the person's folder in whichever source holds it (handbook.yml is read again on each change)
                import yaml

                config = HandbookConfig.model_validate(
                    yaml.safe_load((self.root / "handbook.yml").read_text(encoding="utf-8")) or {})
            except Exception:  # a missing or broken handbook.yml is reported by the rebuild, not here
                config = HandbookConfig()
            paths += [p.folder for p in person_folders(self.root, config) if p.id == self.person][:1] or [
                self.root / "portfolios" / self.person]
        return paths


def generate_project(project: Project, out_dir: Path, person: str | None) -> Path:
    """The site's MkDocs project, plus the person's portfolio page outside the navigation."""
    from generator.render.markdown import MarkdownRefused

    try:
        return _generate(project, out_dir, person)
    except MarkdownRefused as exc:  # the last valid preview stays up
        path, pos = getattr(exc, "path", None), getattr(exc, "pos", None)
        where = f"{path}:{pos.line}:{pos.column}" if path and pos else "a text in content/ cannot be rendered"
        raise UserError(f"{where}: {exc.message}", exc.hint) from exc


def _generate(project: Project, out_dir: Path, person: str | None) -> Path:
    from generator.render.site import generate_mkdocs_project

    config_file = generate_mkdocs_project(project, out_dir)
    if person:
        from generator.render.portfolio import render_portfolio_html, write_portfolio_assets

        portfolio = project.portfolio(person)
        if portfolio is None:
            raise UserError(f"no portfolio for '{person}' under portfolios/", "pass --person with a portfolio id")
        page = docs_dir_of(config_file) / PORTFOLIO_FOLDER / person / "index.html"
        page.parent.mkdir(parents=True, exist_ok=True)
        page.write_text(render_portfolio_html(project, portfolio), encoding="utf-8")
        write_portfolio_assets(project, portfolio, page.parent)  # its stylesheet and attachments
    return config_file


class _SourceHandler(FileSystemEventHandler):
    def __init__(self, preview: Preview, wake: threading.Event) -> None:
        self.preview, self.wake = preview, wake

    def on_any_event(self, event: FileSystemEvent) -> None:
        path = Path(str(event.src_path))
        if any(path == s or s in path.parents for s in self.preview.sources()):
            self.wake.set()


class SourceWatcher:
    """Calls `preview.refresh()` shortly after the sources change (saves come in bursts)."""

    def __init__(self, preview: Preview, interval: float = 0.5) -> None:
        self.preview = preview
        self.wake, self.stopped = threading.Event(), threading.Event()
        self.observer = PollingObserver(timeout=interval)
        handler = _SourceHandler(preview, self.wake)
        for source in preview.sources():
            if source.is_dir():
                self.observer.schedule(handler, str(source), recursive=True)
        self.observer.schedule(handler, str(preview.root), recursive=False)  # handbook.yml
        self.thread = threading.Thread(target=self._loop, daemon=True)

    def start(self) -> SourceWatcher:
        self.observer.start()
        self.thread.start()
        return self

    def _loop(self) -> None:
        while not self.stopped.is_set():
            if not self.wake.wait(0.2):
                continue
            self.stopped.wait(0.3)  # let the burst of writes settle
            self.wake.clear()
            try:
                if self.preview.refresh():
                    click.echo("sources changed: preview regenerated", err=True)
            except UserError as exc:
                click.echo(f"error: {exc.message}", err=True)

    def stop(self) -> None:
        self.stopped.set()
        self.observer.stop()
        self.observer.join(timeout=5)


def _show_mkdocs_log() -> None:
    logger = logging.getLogger("mkdocs")
    if not logger.handlers:
        handler = logging.StreamHandler()
        handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
        logger.addHandler(handler)
        logger.setLevel(logging.INFO)


def serve_preview(project: Project, host: str, port: int, *, as_of: dt.date | None = None,
                  person: str | None = None, open_browser: bool = False) -> None:
    """Serve the preview until interrupted."""
    from mkdocs.commands import serve as mkdocs_serve

    if person and host not in LOOPBACK:
        click.echo(f"warning: {host} is reachable from other machines; {person}'s portfolio will be too", err=True)
    with tempfile.TemporaryDirectory(prefix="handbook-serve-") as tmp:
        preview = Preview(project.root, Path(tmp), as_of, person)
        preview.refresh(project)
        watcher = SourceWatcher(preview).start()
        _show_mkdocs_log()
        base = f"http://{host}:{port}{mount_path_of(preview.config_file)}"
        where = base + (f" and {base}{PORTFOLIO_FOLDER}/{person}/" if person else "")
        click.echo(f"previewing at {where} (Ctrl+C to stop)", err=True)
        try:
            mkdocs_serve.serve(str(preview.config_file), livereload=True, dev_addr=f"{host}:{port}",
                               open_in_browser=open_browser)
        except OSError as exc:
            raise UserError(f"cannot serve on {host}:{port}: {exc.strerror or exc}",
                            "pass another --dev-addr, like 127.0.0.1:8001") from exc
        finally:
            watcher.stop()


def run_serve(root: Path, as_of: dt.date | None, dev_addr: str, person: str | None, open_browser: bool) -> None:
    from generator.commands.common import load_valid
    from generator.link.own_repository import names_framework

    host, port = parse_dev_addr(dev_addr)
    own = names_framework(root)  # a person's own repository previews their portfolio beside the handbook
    project = load_valid(root, as_of, portfolios=person is not None or own)
    if own and person is None and project.portfolios:
        person = project.portfolios[0].id
    serve_preview(project, host, port, as_of=as_of, person=person, open_browser=open_browser)
