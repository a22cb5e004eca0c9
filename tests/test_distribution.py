"""The built wheel carries every file the installed tool reads: templates, styles and scripts of every theme."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.helpers import copy_source

ROOT = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.slow


def test_the_wheel_carries_every_theme_and_starter_file(tmp_path: Path) -> None:
    # from a copy: setuptools keeps its build folder in the source tree, where build/ is the outputs'
    source = copy_source(tmp_path / "source")
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps",
                    "--wheel-dir", str(tmp_path / "dist"), str(source)], check=True, capture_output=True)
    [wheel] = (tmp_path / "dist").glob("*.whl")
    shipped = set(zipfile.ZipFile(wheel).namelist())
    package = ROOT / "generator"
    needed = {f"generator/{p.relative_to(package).as_posix()}"
              for folder in (package / "themes", package / "scaffold" / "starter",
                             package / "scaffold" / "portfolio_starter")
              for p in folder.rglob("*") if p.is_file() and "__pycache__" not in p.parts}
    # every module too: a folder such as render/site/ must not be lost on the way
    needed |= {f"generator/{p.relative_to(package).as_posix()}" for p in package.rglob("*.py")
               if "__pycache__" not in p.parts}
    assert {name for name in needed if name.endswith(".js")}  # the scripts are among them
    assert sorted(needed - shipped) == []
