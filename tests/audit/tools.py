"""The outside checkers: the Nu HTML Checker (vnu.jar), axe-core in Chromium, pdfinfo.

They are installed by `make audit-deps` (npm packages in node_modules/, Debian's Java and
poppler); a test needing a missing one is skipped with the command that installs it.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

from tests.conftest import PROJECT_ROOT

NODE_MODULES = PROJECT_ROOT / "node_modules"
VNU_JAR = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"
AXE_JS = NODE_MODULES / "axe-core" / "axe.min.js"
INSTALL_HINT = "run `make audit-deps` (npm packages, Debian's Java and poppler)"


def missing_tools() -> list[str]:
    """What the audit cannot run without, by name."""
    missing = [str(p.relative_to(PROJECT_ROOT)) for p in (VNU_JAR, AXE_JS) if not p.is_file()]
    missing += [tool for tool in ("java", "pdfinfo") if shutil.which(tool) is None]
    return missing


def nu_errors(pages: list[Path]) -> list[str]:
    """Every error the Nu checker reports on these pages, as `path:line: message`, in one JVM run."""
    result = subprocess.run(["java", "-Xss4m", "-jar", str(VNU_JAR), "--errors-only", "--format", "json",
                             *map(str, pages)], capture_output=True, text=True, check=False)
    report = json.loads(result.stderr or '{"messages": []}')
    return [f"{m.get('url', '').removeprefix('file:')}:{m.get('lastLine', 0)}: {m['message']}"
            for m in report["messages"] if m.get("type") in ("error", "non-document-error")]


def axe_violations(page, impacts: tuple[str, ...] = ("serious", "critical")) -> list[str]:  # type: ignore[no-untyped-def]
    """axe-core's violations of the given impacts on a loaded Playwright page, one line each."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE_JS))
    results = page.evaluate("""async () => await axe.run(document, {
        runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']},
        resultTypes: ['violations']})""")
    return [f"{v['id']} ({v['impact']}): {v['help']} — {', '.join(' '.join(n['target']) for n in v['nodes'][:3])}"
            for v in results["violations"] if v["impact"] in impacts]


def horizontal_overflow(page) -> int:  # type: ignore[no-untyped-def]
    """How many CSS pixels the page is wider than its viewport (0 when nothing scrolls sideways)."""
    return int(page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth"))


def pdf_info(path: Path) -> dict[str, str]:
    """pdfinfo's fields of one PDF."""
    out = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    return {k.strip(): v.strip() for k, v in (line.split(":", 1) for line in out.splitlines() if ":" in line)}
