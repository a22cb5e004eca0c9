"""Build one version of the handbook site into site/<version>/, atomically and only when needed."""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from importlib.metadata import version as package_version
from pathlib import Path

from generator import __version__
from generator.link.brand import BRAND_FILES, brand_path
from generator.link.project import Project
from generator.link.versions import changes_since_previous, previous_version, releases
from generator.problems import UserError
from generator.read.releases import git_prefix
from generator.render.site.markup import tidy_material_html
from generator.render.site.mkdocs_config import run_engine
from generator.render.site.pages import ChangeLog
from generator.render.site.pdf import PdfJob, print_documents, render_pdf
from generator.render.site.project import ProjectFiles, generate_files, write_files
from generator.render.site.theme import theme_dirs
from generator.render.site.versions import write_versions
from generator.write.atomic import replace_dir, staging_dir, write_text
from generator.write.outputs import BuildOptions, BuildReport

STAMP = ".handbook-build"
PDF_STAMP = ".handbook-pdf"
VERSION_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")


PACKAGE = Path(__file__).resolve().parents[2]


def _files_under(folder: Path, pattern: str = "*") -> list[Path]:
    return sorted(p for p in folder.rglob(pattern) if p.is_file()) if folder.is_dir() else []


def changelog_of(history: Project, version: str) -> ChangeLog | None:
    """`version` against the version before it, from the working tree and the tagged releases."""
    found = changes_since_previous(history, version)
    return ChangeLog(*found) if found else None


@dataclass
class PendingChangeLog:
    """The "What changed" of `version`, compared only when the site is built.

    Comparing means exporting and loading the previous release from git; an unchanged site
    needs only to know which release that is and what its content was (`identity`).
    """

    history: Project
    version: str

    def identity(self) -> str | None:
        """Which version this one is compared with, and its content; None for the first version."""
        previous = previous_version(self.history, self.version)
        if previous is None:
            return None
        release = next((r for r in releases(self.history) if r.version == previous), None)
        if release is None:  # the working tree's own version
            return f"{previous}: the working tree"
        prefix = git_prefix(self.history.root) or ""
        found = subprocess.run(["git", "-C", str(self.history.root), "rev-parse", f"{release.tag}:{prefix}content"],
                               capture_output=True, text=True, check=False)
        return f"{previous}: {release.tag} {found.stdout.strip() or found.stderr.strip()}"

    def __call__(self) -> ChangeLog | None:
        return changelog_of(self.history, self.version)


def fingerprint(project: Project, pdf: bool, changelog: ChangeLog | PendingChangeLog | None = None) -> str:
    """A hash of everything the site is made from: content, config, theme, our code, tool versions.

    Checked before generating anything, so an unchanged rebuild costs only reading the inputs.
    """
    digest = hashlib.sha256(f"pdf={pdf}\nhandbook={__version__}\nengine={project.config.site.engine}\n".encode())
    if isinstance(changelog, PendingChangeLog):
        if (previous := changelog.identity()) is not None:
            digest.update(f"changes since {previous}".encode())
    elif changelog:
        digest.update(repr((changelog.previous, changelog.changes)).encode())
    tools = ["mkdocs", "mkdocs-material", "weasyprint", "markdown", "pymdown-extensions", "nh3"]
    for tool in tools + (["zensical"] if project.config.site.engine == "zensical" else []):
        digest.update(f"{tool}={package_version(tool)}\n".encode())
    inputs = [project.root / "handbook.yml", *_files_under(project.content_dir), *_files_under(PACKAGE, "*.py")]
    if project.framework_root is not None:  # a person's repository: the framework's settings are the site's
        inputs.append(project.framework_root / "handbook.yml")
    inputs += [path for folder in theme_dirs(project.framework_dir) for path in _files_under(folder)]
    inputs += [path for key in BRAND_FILES if (path := brand_path(project.framework_dir, project.config, key))]
    for path in inputs:
        if path.is_file():
            # relative names, so a release exported to a new temporary folder can be found unchanged
            name = path.relative_to(project.root) if path.is_relative_to(project.root) else path
            digest.update(f"{name}\0".encode())
            digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def is_current(target: Path, stamp: str) -> bool:
    try:
        return (target / STAMP).read_text(encoding="utf-8").strip() == stamp
    except OSError:
        return False


def build_site(project: Project, options: BuildOptions, report: BuildReport, *, site: Path | None = None,
               changelog: ChangeLog | PendingChangeLog | None = None) -> Path:
    """Generate the MkDocs project, build it and the PDF, swap the result into site/<version>/.

    `site` is the output folder (default: the project's site/); `changelog` compares this
    version with the previous one for the "What changed" page.
    """
    assert project.framework is not None, "the site is built from a validated project"
    version = project.framework.version
    if not VERSION_RE.match(version):
        raise UserError(f"framework version '{version}' cannot name a site folder",
                        "use letters, digits, '.', '_' or '-' in content/framework.yml's version, like \"2026.2\"")
    site = site or project.root / "site"
    target = site / version
    stamp = fingerprint(project, options.pdf, changelog)
    if is_current(target, stamp):
        report.skipped.append(f"site/{version}: unchanged")
    else:
        if isinstance(changelog, PendingChangeLog):
            changelog = changelog()
        with report.step("handbook site", 2) as advance:
            data, files = generate_files(project, pdf=options.pdf, changelog=changelog)
            documents = print_documents(data) if options.pdf else {}
            advance()
            _build_into(target, files, documents, stamp, options.jobs, project.config.site.engine)
            advance()
        report.pages += sum(1 for name in files if name.startswith("docs/") and name.endswith(".md"))
        report.pdfs += len(documents)
    report.outputs.append(target)
    report.outputs += write_versions(site, version, version)
    return target


def _build_into(target: Path, files: ProjectFiles, documents: dict[str, str], stamp: str, jobs: int,
                engine: str = "mkdocs") -> None:
    """MkDocs here and WeasyPrint in worker processes beside it, into a staging folder, then one swap.

    Each print document whose HTML is unchanged since the previous build reuses its PDF.
    """
    staged = staging_dir(target)
    try:
        with tempfile.TemporaryDirectory(prefix=".handbook-src-", dir=target.parent) as tmp:
            src = Path(tmp)
            config_file = write_files(files, src)
            pdf_dir = src / "pdf-out"
            hashes = {name: hashlib.sha256(html.encode("utf-8")).hexdigest() for name, html in documents.items()}
            previous = _pdf_stamps(target)
            todo = []
            for name, html in documents.items():
                out = pdf_dir / name
                out.parent.mkdir(parents=True, exist_ok=True)
                if not (previous.get(name) == hashes[name] and _copy_previous(target / name, out)):
                    todo.append((html, out))
            # PDFs cost far more than MkDocs: a worker per core, MkDocs sharing them
            job = PdfJob(todo, jobs) if todo and jobs > 1 else None
            try:
                run_engine(engine, config_file, staged)
                tidy_material_html(staged)
            except BaseException:
                if job:
                    job.cancel()  # the build failed: do not leave WeasyPrint running
                raise
            if job:
                job.wait()
            else:
                for html, out in todo:
                    render_pdf(html, out)
            for name in documents:
                (staged / name).parent.mkdir(parents=True, exist_ok=True)
                shutil.move(pdf_dir / name, staged / name)
            if documents:
                write_text(staged / PDF_STAMP, json.dumps(hashes, indent=1, sort_keys=True) + "\n")
        write_text(staged / STAMP, stamp + "\n")
        replace_dir(staged, target)
    finally:
        shutil.rmtree(staged, ignore_errors=True)


def _pdf_stamps(target: Path) -> dict[str, str]:
    """The print documents' hashes recorded by the previous build (nothing when unreadable)."""
    try:
        stamps = json.loads((target / PDF_STAMP).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return {k: v for k, v in stamps.items() if isinstance(v, str)} if isinstance(stamps, dict) else {}


def _copy_previous(pdf: Path, out: Path) -> bool:
    """Copy the previous PDF of an unchanged print document (WeasyPrint is the slow part)."""
    try:
        shutil.copyfile(pdf, out)
    except OSError:
        return False
    return True
