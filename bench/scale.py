"""A company-sized repository: `check` cold, warm and staged, and portfolio rebuilds, against floors.

    python bench/scale.py                     # 100 people × 40 entries, 10 tracks (make bench)
    python bench/scale.py --people 1000       # the 1,000-person company of the goals
    python bench/scale.py --people 1000 --build-people 100   # rebuilds on a 100-person copy
    python bench/scale.py --people 5000 --check-only         # check alone: is it linear in the people?

Every command runs as a fresh process (imports included), its wall time, CPU time and peak
memory (the child's maximum resident set) printed next to a floor measured in the same run:

  check       floor: PyYAML's C loader reading the same files (every YAML file and every
              entry's front matter) in a fresh Python
  rebuild     floor: a fresh Python importing the `handbook` command (no change), and raw
              WeasyPrint rendering the changed person's HTML (one changed entry); the whole
              `handbook build` (site too) with nothing changed against the same import floor

The best of --repeat runs counts; the machine may be shared, so compare ratios, not seconds.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from bench.synth import Company  # noqa: E402

BIN = Path(sys.executable).parent
# Bytecode is written as usual (any value of PYTHONDONTWRITEBYTECODE, even "0", turns it off).
ENV = {**{k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}, "NO_MKDOCS_2_WARNING": "1"}

FLOOR_LOADER = r"""
import sys, pathlib, yaml
root = pathlib.Path(sys.argv[1])
n = 0
for path in sorted([*(root / "content").rglob("*"), *(root / "portfolios").rglob("*"), root / "handbook.yml"]):
    if path.suffix in (".yml", ".yaml") and path.is_file():
        yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader); n += 1
    elif path.suffix == ".md" and path.parent.name == "entries":
        text = path.read_text(encoding="utf-8")
        yaml.load(text.split("\n---", 1)[0].removeprefix("---\n"), Loader=yaml.CSafeLoader); n += 1
print(n)
"""

RAW_WEASYPRINT = r"""
import sys
from weasyprint import HTML
HTML(filename=sys.argv[1]).write_pdf(sys.argv[2], pdf_variant="pdf/ua-1")
"""


@dataclass
class Run:
    seconds: float
    peak_mib: float
    cpu: float  # user + system seconds of the process: steadier than wall time on a shared machine


def run(*args: str | Path, cwd: Path | None = None, ok: tuple[int, ...] = (0,)) -> Run:
    """One fresh process: wall time and the child's own peak resident memory."""
    started = time.perf_counter()
    child = subprocess.Popen([str(a) for a in args], cwd=cwd, env=ENV, stdout=subprocess.DEVNULL,
                             stderr=subprocess.PIPE)
    _, status, usage = os.wait4(child.pid, 0)
    seconds = time.perf_counter() - started
    code = os.waitstatus_to_exitcode(status)
    if code not in ok:
        raise SystemExit(f"{' '.join(map(str, args))} exited {code}: {child.stderr.read().decode()[-2000:]}")
    child.stderr.close()
    return Run(seconds, usage.ru_maxrss / 1024, usage.ru_utime + usage.ru_stime)


def synthesize(dest: Path, company: Company) -> Path:
    """The company, written (and committed to git) by a separate process.

    A child's peak memory as the kernel reports it is never below its parent's size when it
    was started, so this process stays small: writing 1,000 people in it would raise every
    figure below to its own size.
    """
    subprocess.run([sys.executable, HERE / "synth.py", dest, "--people", str(company.people), "--entries",
                    str(company.entries), "--tracks", str(company.tracks), "--seed", str(company.seed), "--git"],
                   check=True, stdout=subprocess.DEVNULL, env=ENV)
    return dest


def best(repeat: int, action) -> Run:  # type: ignore[no-untyped-def]
    runs = [action() for _ in range(repeat)]
    return min(runs, key=lambda r: r.seconds)


def line(label: str, ours: Run, floor: Run | None, goal: str = "") -> str:
    ratio = f"{ours.seconds / floor.seconds:6.2f}× floor (CPU {ours.cpu / floor.cpu:5.2f}×)" if floor else " " * 29
    return f"  {label:<36} {ours.seconds:8.2f} s  CPU {ours.cpu:7.2f} s {ours.peak_mib:6.0f} MiB  {ratio}  {goal}"


def per_person(label: str, run: Run, people: int) -> str:
    """Time and memory per person: the same figures at 1,000 and 5,000 people mean linear growth."""
    return (f"  {label:<36} {run.seconds / people * 1000:6.2f} ms  CPU {run.cpu / people * 1000:6.2f} ms "
            f"{run.peak_mib / people * 1024:6.0f} KiB per person")


def handbook(*args: str | Path) -> list[str | Path]:
    return [BIN / "handbook", *args]


def _count_files(root: Path) -> int:
    """Files a check reads, counted without keeping their paths (rglob holds every path it saw)."""
    count = 0
    for _, dirs, names in os.walk(root):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        count += sum(1 for n in names if n.endswith((".md", ".yml")) and not n.startswith("."))
    return count


def bench_check(root: Path, repeat: int) -> list[str]:
    files = _count_files(root)
    people = sum(1 for p in (root / "portfolios").iterdir() if p.is_dir())
    cache = root / ".handbook-cache"
    floor = best(repeat, lambda: run(sys.executable, "-c", FLOOR_LOADER, root))
    plain = best(repeat, lambda: run(*handbook("check", "--root", root, "--quiet", "--no-cache")))

    def cold() -> Run:
        shutil.rmtree(cache, ignore_errors=True)
        return run(*handbook("check", "--root", root, "--quiet"))

    first = best(repeat, cold)
    time.sleep(2.1)  # files hashed within 2 s of writing the cache are hashed again; let the cache settle
    run(*handbook("check", "--root", root, "--quiet"))
    warm = best(repeat, lambda: run(*handbook("check", "--root", root, "--quiet")))
    entry = sorted((root / "portfolios/person-00001/entries").glob("*.md"))[0]
    original = entry.read_text(encoding="utf-8")
    counter = iter(range(10**6))

    def staged() -> Run:
        entry.write_text(original + f"\nOne more line ({next(counter)}).\n", encoding="utf-8")
        subprocess.run(["git", "-C", str(root), "add", str(entry)], check=True)
        return run(*handbook("check", "--root", root, "--quiet", "--staged"))

    one = best(repeat, staged)
    entry.write_text(original, encoding="utf-8")
    subprocess.run(["git", "-C", str(root), "add", str(entry)], check=True)
    return [f"check: {files} files (best of {repeat})",
            line("C loader on the same files", floor, None, "(floor)"),
            line("check --no-cache", plain, floor),
            line("check, cold (writes the cache)", first, floor, "goal ≤ 1.3× floor"),
            line("check, warm (nothing changed)", warm, floor, "goal ≤ 1 s"),
            line("check --staged, one entry changed", one, floor, "goal ≤ 0.5 s"),
            f"check per person ({people} people; linear when these stay put as the company grows)",
            per_person("C loader on the same files", floor, people),
            per_person("check --no-cache", plain, people),
            per_person("check, cold (writes the cache)", first, people)]


def bench_rebuild(root: Path, repeat: int, pdf: bool, site: bool) -> list[str]:
    flags = ["--no-site", "--quiet"] + ([] if pdf else ["--no-pdf"])
    people = len([p for p in (root / "portfolios").iterdir() if p.is_dir()])
    full = run(*handbook("build", "--root", root, *flags))
    time.sleep(2.1)
    run(*handbook("build", "--root", root, *flags))
    startup = best(repeat, lambda: run(sys.executable, "-c", "import generator.cli"))
    nothing = best(repeat, lambda: run(*handbook("build", "--root", root, *flags)))
    entry = sorted((root / "portfolios/person-00002/entries").glob("*.md"))[0]
    original = entry.read_text(encoding="utf-8")
    counter = iter(range(10**6))

    def one_entry() -> Run:
        entry.write_text(original + f"\nOne more line ({next(counter)}).\n", encoding="utf-8")
        return run(*handbook("build", "--root", root, *flags))

    one = best(repeat, one_entry)
    entry.write_text(original, encoding="utf-8")
    lines = [f"portfolio rebuilds: {people} people, {'HTML + PDF' if pdf else 'HTML only'} (best of {repeat})",
             line("full build (first)", full, None),
             line("python importing the CLI", startup, None, "(floor, no change)"),
             line("rebuild, nothing changed", nothing, startup, "goal ≤ 1 s")]
    if site:
        whole = [f for f in flags if f != "--no-site"]
        run(*handbook("build", "--root", root, *whole))
        time.sleep(2.1)
        run(*handbook("build", "--root", root, *whole))
        everything = best(repeat, lambda: run(*handbook("build", "--root", root, *whole)))
        lines.append(line("whole build (site too), nothing changed", everything, startup, "goal ≤ 1 s"))
    if pdf:
        page = root / "build/portfolios/person-00002/index.html"
        raw = best(repeat, lambda: run(sys.executable, "-c", RAW_WEASYPRINT, page, root / "raw.pdf"))
        lines += [line("raw WeasyPrint, that person's HTML", raw, None, "(floor, one entry)"),
                  line("rebuild, one entry changed", one, raw, "goal ≤ 3 s")]
    else:
        lines.append(line("rebuild, one entry changed", one, startup, "goal ≤ 3 s"))
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--people", type=int, default=100)
    parser.add_argument("--entries", type=int, default=40)
    parser.add_argument("--tracks", type=int, default=10)
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--build-people", type=int, default=30, help="people in the rebuild benchmark (0: skip)")
    parser.add_argument("--no-pdf", action="store_true", help="rebuild benchmark without PDFs")
    parser.add_argument("--no-site", action="store_true", help="rebuild benchmark without the whole-build line")
    parser.add_argument("--check-only", action="store_true", help="only the check benchmark (no rebuilds)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="handbook-scale-") as tmp:
        os.environ["XDG_CACHE_HOME"] = ENV["XDG_CACHE_HOME"] = str(Path(tmp) / "user-cache")
        started = time.perf_counter()
        root = synthesize(Path(tmp) / "company", Company(people=args.people, entries=args.entries,
                                                          tracks=args.tracks))
        print(f"handbook scale benchmark: {args.people} people × {args.entries} entries, {args.tracks} tracks, "
              f"{os.cpu_count()} cores, load average {os.getloadavg()[0]:.2f} "
              f"(written in {time.perf_counter() - started:.0f} s)", flush=True)
        print("\n".join(bench_check(root, args.repeat)), flush=True)
        if args.build_people and not args.check_only:
            small = synthesize(Path(tmp) / "small", Company(people=args.build_people, entries=args.entries,
                                                            tracks=args.tracks))
            print("\n".join(bench_rebuild(small, args.repeat, not args.no_pdf, not args.no_site)), flush=True)
        print(f"load average at the end {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
