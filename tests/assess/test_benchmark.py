"""Peer benchmarks: tomas against clones of himself whose portfolios are full or empty."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator.assess.benchmark import Cohorts
from generator.link.load import load_project
from generator.link.project import Project
from generator.render.portfolio import render_portfolio_html
from tests.helpers import copy_example

ROOT = Path(__file__).parent.parent.parent


def cohort_repo(root: Path, full: int, empty: int, threshold: int | None = None) -> Project:
    """The example plus `full` copies of tomas's portfolio and `empty` copies without entries."""
    copy_example(root)
    config = (ROOT / "handbook.yml").read_text(encoding="utf-8")
    if threshold is not None:
        config += f"benchmark_min_cohort: {threshold}\n"
    (root / "handbook.yml").write_text(config, encoding="utf-8")
    for n in range(full + empty):
        clone = root / "portfolios" / f"clone-{n}"
        shutil.copytree(ROOT / "portfolios/tomas", clone)
        profile = clone / "profile.yml"  # one email per person
        profile.write_text(profile.read_text(encoding="utf-8").replace("tomas.herrera@", f"clone-{n}@"),
                           encoding="utf-8")
        if n >= full:
            shutil.rmtree(clone / "entries")
    project, problems = load_project(root)
    assert problems.errors == []
    return project


def test_benchmark_is_the_cohort_median_at_the_same_time(tmp_path: Path) -> None:
    project = cohort_repo(tmp_path, full=2, empty=3)
    tomas = project.portfolio("tomas")
    assert tomas is not None
    # 153 days since 2026-06-01; tomas has met 4 of 6; the clones 4, 4, 0, 0, 0 → median 0
    benchmark = Cohorts(project).benchmark(tomas, 4, 6)
    assert benchmark is not None
    assert (benchmark.days, benchmark.met, benchmark.cohort, benchmark.median) == (153, 4, 5, 0)
    html = render_portfolio_html(project, tomas, None)
    assert ("After 153 days working towards Software engineer (L2), Tomás Herrera has met 4 of 6 milestones. "
            "The 5 other people on this track and level had met a median of 0 at the same point.") in html
    assert "clone-" not in html


def test_no_benchmark_below_the_threshold(tmp_path: Path) -> None:
    project = cohort_repo(tmp_path, full=3, empty=1)
    tomas = project.portfolio("tomas")
    assert tomas is not None
    assert Cohorts(project).benchmark(tomas, 4, 6) is None
    assert 'id="benchmark"' not in render_portfolio_html(project, tomas, None)


@pytest.mark.parametrize("threshold", [4])
def test_threshold_is_configurable(tmp_path: Path, threshold: int) -> None:
    project = cohort_repo(tmp_path, full=3, empty=1, threshold=threshold)
    tomas = project.portfolio("tomas")
    assert tomas is not None
    benchmark = Cohorts(project).benchmark(tomas, 4, 6)
    assert benchmark is not None and (benchmark.cohort, benchmark.median) == (4, 4)


def test_example_cohorts_are_too_small_to_show(tmp_path: Path) -> None:
    project = load_project(ROOT)[0]
    cohorts = Cohorts(project)
    assert all(cohorts.benchmark(p, 0, 0) is None for p in project.portfolios)
