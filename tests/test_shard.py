"""`handbook build --shard K/N` and `--merge-shards`: N runners give what one machine gives."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from bench.synth import Company, write_company
from generator.problems import UserError
from generator.write.shard import Shard
from tests.helpers import run_cli

COMPANY = Company(people=14, entries=3, tracks=2, seed=3)


def _files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def _build(root: Path, *args: str | Path) -> None:
    result = run_cli("build", "--root", root, "--no-site", "--quiet", *args)
    assert result.exit_code == 0, result.output


@pytest.fixture(scope="module")
def company(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_company(tmp_path_factory.mktemp("shards") / "co", COMPANY)


def _shards(root: Path, count: int, *args: str) -> list[Path]:
    dirs = []
    for k in range(1, count + 1):
        _build(root, "--shard", f"{k}/{count}", *args)
        dirs.append(root.parent / f"{root.name}-{count}-shard-{k}")
        shutil.rmtree(dirs[-1], ignore_errors=True)
        shutil.move(root / "build/portfolios", dirs[-1])
    return dirs


def test_every_person_is_in_exactly_one_shard_and_stays_there() -> None:
    people = [f"person-{i}" for i in range(400)]
    owners = [[k for k in range(1, 5) if Shard(k, 4).owns(p)] for p in people]
    assert all(len(o) == 1 for o in owners)
    assert all(60 < sum(o == [k] for o in owners) < 140 for k in range(1, 5))  # roughly a quarter each
    assert [k for k in range(1, 5) if Shard(k, 4).owns("person-7")] == owners[7]


def test_four_shards_merged_give_the_same_outputs_as_one_machine(company: Path) -> None:
    dirs = _shards(company, 4, "--no-pdf")
    sizes = [len([p for p in d.iterdir() if p.is_dir()]) for d in dirs]
    assert sum(sizes) == 14 and all(sizes) and not (dirs[0] / "index.html").exists()
    _build(company, "--no-pdf", "--merge-shards", *dirs)
    merged = _files(company / "build/portfolios")
    shutil.rmtree(company / "build")
    _build(company, "--no-pdf")
    single = _files(company / "build/portfolios")
    assert merged.keys() == single.keys()
    assert merged["index.html"] == single["index.html"]
    assert merged == single


@pytest.mark.slow
def test_shards_render_their_pdfs_and_the_index_links_them(tmp_path: Path) -> None:
    root = write_company(tmp_path / "co", Company(people=3, entries=2, tracks=1, seed=5))
    dirs = _shards(root, 2)
    _build(root, "--merge-shards", *dirs)
    out = root / "build/portfolios"
    for person in ("person-00001", "person-00002", "person-00003"):
        assert (out / person / f"{person}.pdf").read_bytes().startswith(b"%PDF")
        assert f'<a href="{person}/{person}.pdf">PDF<' in (out / "index.html").read_text()


def test_incomplete_or_mixed_shards_are_refused_and_nothing_is_replaced(company: Path) -> None:
    dirs, halves = _shards(company, 3, "--no-pdf"), _shards(company, 2, "--no-pdf")
    _build(company, "--no-pdf")
    before = _files(company / "build/portfolios")
    for args, message in (
        (dirs[:2], "error: shard(s) 3/3 missing"),
        ([dirs[0], dirs[0], dirs[1]], "error: shard 1/3 is given twice"),
        ([*dirs[:2], halves[1]], "error: the shards were split differently"),
    ):
        result = run_cli("build", "--root", company, "--no-site", "--merge-shards", *args)
        assert result.exit_code == 1 and message in result.output, result.output
    shutil.rmtree(dirs[2] / next(p.name for p in dirs[2].iterdir() if p.is_dir()))
    result = run_cli("build", "--root", company, "--no-site", "--merge-shards", *dirs)
    assert result.exit_code == 1 and "is missing" in result.output
    assert _files(company / "build/portfolios") == before


def test_usage_errors() -> None:
    with pytest.raises(UserError, match="--shard '5/4' is not K/N"):
        Shard.parse("5/4")
    result = run_cli("build", "--shard", "1/2", "--person", "ada")
    assert result.exit_code == 2
    assert "use --merge-shards DIR..., or --shard K/N, or --person ID" in result.output
    for empty in ("", " "):
        result = run_cli("build", "--no-site", "--shard", empty)
        assert result.exit_code == 2
        assert "--shard needs K/N, like --shard 2/4" in result.output


def test_shards_built_unlike_the_merge_are_refused(tmp_path: Path) -> None:
    root = write_company(tmp_path / "co", Company(people=4, entries=1, tracks=1, seed=5))
    dirs = _shards(root, 2, "--no-pdf")
    # another as-of date than the merge
    result = run_cli("build", "--root", root, "--no-site", "--no-pdf", "--as-of", "2020-01-01", "--merge-shards", *dirs)
    assert result.exit_code == 1
    assert f"{dirs[0] / 'shard.json'} was built differently: as-of date" in result.output
    # content changed after the shards were built
    entry = next((root / "portfolios").rglob("*.md"))
    entry.write_text(entry.read_text(encoding="utf-8") + "\nOne more line.\n", encoding="utf-8")
    result = run_cli("build", "--root", root, "--no-site", "--no-pdf", "--merge-shards", *dirs)
    assert result.exit_code == 1
    assert "content and portfolios" in result.output and "from the same commit" in result.output
    assert not (root / "build/portfolios").exists()  # nothing merged


def test_shards_of_different_pdf_settings_are_refused(tmp_path: Path) -> None:
    root = write_company(tmp_path / "co", Company(people=4, entries=1, tracks=1, seed=5))
    first = _shards(root, 2, "--no-pdf")[0]
    _build(root, "--shard", "2/2", "--no-pdf")
    manifest = root / "build/portfolios/shard.json"
    manifest.write_text(manifest.read_text().replace('"pdf": false', '"pdf": true'))
    result = run_cli("build", "--root", root, "--no-site", "--no-pdf", "--merge-shards", first,
                     root / "build/portfolios")
    assert result.exit_code == 1
    assert "was built differently: PDF setting True (here False)" in result.output
