"""Measure: what a track's scope saves on the pages of a framework with many families.

A synthetic framework like the ones companies keep (a generic core every family
inherits plus each family's own competencies) is generated twice: with each track listing
its sets (`competencies: [core, <family>]`, this release) and without (every competency on
every track, as the first release had to). Both are rendered in memory (the Markdown pages
MkDocs gets) and compared, in the same run:

  step     bytes of one family's "from L2 to L3" page
  matrix   competency rows of that family's matrix (unscoped: the domain matrices' rows)
  search   pages whose text holds one family-specific behaviour
  pages    generated Markdown, total bytes

    .venv/bin/python bench/scope.py [--families 17] [--core 12] [--own 4]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from generator.link.load import load_project  # noqa: E402
from generator.render.site.project import generate_files  # noqa: E402

LEVELS = ["L1", "L2", "L3", "L4", "L5"]


def competency(cid: str, domain: str, behaviours: int, extends: str | None = None) -> str:
    head = f"  - id: {cid}\n" + (f"    extends: {extends}\n" if extends else f"    name: {cid.title()}\n"
                                                                           f"    domain: {domain}\n")
    levels = "".join(f"      {lv}:\n        behaviours:\n" + "".join(
        f"          - {{id: {cid}-{lv.lower()}-{n}, text: {cid} does {lv} thing {n}}}\n" for n in range(behaviours))
        for lv in LEVELS)
    return head + "    levels:\n" + levels


def write(root: Path, families: int, core: int, own: int, scoped: bool) -> None:
    content = root / "content"
    for folder in ("competencies", "tracks"):
        (content / folder).mkdir(parents=True, exist_ok=True)
    (content / "framework.yml").write_text(
        'name: Scale\nversion: "1"\ndomains:\n  - {id: craft, name: Craft}\n  - {id: people, name: People}\n'
        "levels:\n" + "".join(f"  - {{id: {lv}, name: Level {lv}}}\n" for lv in LEVELS), encoding="utf-8")
    (content / "competencies/core.yml").write_text(
        "set: core\ncompetencies:\n" + "".join(competency(f"core-{i}", ("craft", "people")[i % 2], 6)
                                               for i in range(core)), encoding="utf-8")
    for f in range(families):
        family = f"family-{f}"
        (content / f"competencies/{family}.yml").write_text(
            "competencies:\n" + "".join(competency(f"{family}-{i}", "craft", 5) for i in range(own)),
            encoding="utf-8")
        scope = f"competencies: [core, {family}]\n" if scoped else ""
        (content / f"tracks/{family}.yml").write_text(
            f"id: {family}\nname: Family {f}\n{scope}levels:\n" + "".join(f"  - level: {lv}\n" for lv in LEVELS),
            encoding="utf-8")


def measure(families: int, core: int, own: int, scoped: bool) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        write(root, families, core, own, scoped)
        started = time.perf_counter()
        project, problems = load_project(root, portfolios=False)
        assert not problems.errors, problems.errors[:3]
        _, files = generate_files(project, pdf=False)
        seconds = time.perf_counter() - started
    pages = {name: data.decode("utf-8") for name, data in files.items() if name.endswith(".md")}
    step = pages["docs/tracks/family-0/L2-to-L3.md"]
    matrix = pages["docs/tracks/family-0/matrix.md"] if scoped else pages["docs/matrix/craft.md"] + \
        pages["docs/matrix/people.md"]
    needle = "family-0-0 does L3 thing 0"
    return {"step": len(step.encode()), "matrix": sum(1 for line in matrix.splitlines() if line.startswith("| [")),
            "search": sum(1 for text in pages.values() if needle in text),
            "pages": sum(len(t.encode()) for t in pages.values()), "seconds": seconds}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--families", type=int, default=17)
    parser.add_argument("--core", type=int, default=12)
    parser.add_argument("--own", type=int, default=4)
    args = parser.parse_args()
    before = measure(args.families, args.core, args.own, scoped=False)
    after = measure(args.families, args.core, args.own, scoped=True)
    print(f"{args.families} families, {args.core} core competencies, {args.own} own each, {len(LEVELS)} levels")
    print(f"{'':8} {'unscoped':>12} {'scoped':>12}")
    for key, unit in (("step", "B"), ("matrix", "rows"), ("search", "pages"), ("pages", "B"), ("seconds", "s")):
        fmt = "{:>10.2f} {}" if key == "seconds" else "{:>10,.0f} {}"
        print(f"{key:8} {fmt.format(before[key], unit):>12} {fmt.format(after[key], unit):>12}")


if __name__ == "__main__":
    main()
