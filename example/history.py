"""Give the bundled example the git history a real handbook repository has, then build it.

A handbook's trust rests on git: feedback counts as verified when its giver committed it,
a waiver when its approver did, and the version selector and "What changed" come from
tagged framework releases. This repository's own history is the tool's, so the example is
copied into a fresh repository (`.example/`, ignored by git) where:

- the framework is committed by its owner as each release of `example/releases.yml`, tagged;
- each person's profile and entries are committed by that person on the entry's date;
- each `kind: feedback` entry is committed by its giver, each waiver by its approver and
  `plan.yml` by the person it was agreed with.

Then `handbook build ARGS...` runs there and its site/ and build/ replace this checkout's.

    python example/history.py [--repo DIR] [--output DIR] [--keep] [-- handbook build options]

`--output` is where site/ and build/ go (default: this checkout); `--keep` reuses an example
repository made before.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
CHECKOUT = HERE.parent
REPO = CHECKOUT / ".example"  # set by main()
COPIED = ("handbook.yml", "content", "themes", "schemas")
OWNER = "helena"  # the framework's owner in the example's people.yml


@dataclass(frozen=True)
class Person:
    name: str
    email: str


def fail(message: str) -> None:
    print(f"example/history.py: error: {message}", file=sys.stderr)
    raise SystemExit(1)


def git(*args: str, env: dict[str, str] | None = None) -> str:
    result = subprocess.run(["git", "-C", str(REPO), *args], capture_output=True, text=True,
                            env={**os.environ, **(env or {})}, check=False)
    if result.returncode != 0:
        fail(f"git {' '.join(args)}: {result.stderr.strip()}")
    return result.stdout


def commit(author: Person, date: str, message: str, paths: list[str]) -> None:
    """One commit of `paths` by `author` (author and committer alike), dated noon UTC of `date`."""
    stamp = f"{date}T12:00:00+00:00"
    env = {"GIT_AUTHOR_NAME": author.name, "GIT_AUTHOR_EMAIL": author.email, "GIT_AUTHOR_DATE": stamp,
           "GIT_COMMITTER_NAME": author.name, "GIT_COMMITTER_EMAIL": author.email, "GIT_COMMITTER_DATE": stamp}
    git("add", "--all", "--", *paths)
    git("commit", "--quiet", "--allow-empty", "-m", message, env=env)


def people() -> dict[str, Person]:
    """Everyone the example names, from people.yml and the profiles."""
    found: dict[str, Person] = {}
    listed = yaml.safe_load((CHECKOUT / "portfolios" / "people.yml").read_text(encoding="utf-8")) or {}
    for entry in listed.get("people", []):
        found[entry["id"]] = Person(entry["name"], entry["email"])
    for profile in sorted((CHECKOUT / "portfolios").glob("*/profile.yml")):
        data = yaml.safe_load(profile.read_text(encoding="utf-8")) or {}
        found[profile.parent.name] = Person(data["name"], data["email"])
    return found


def front_matter(path: Path) -> dict[str, object]:
    text = path.read_text(encoding="utf-8")
    if not text.startswith("---"):
        return {}
    head = text.split("\n---", 1)[0].removeprefix("---")
    data = yaml.safe_load(head)
    return data if isinstance(data, dict) else {}


def list_items(lines: list[str], key: str) -> list[tuple[int, int]]:
    """Line ranges [start, end) of the items of the top-level block list `key:`."""
    ranges: list[tuple[int, int]] = []
    try:
        at = next(i for i, line in enumerate(lines) if line.rstrip() == f"{key}:")
    except StopIteration:
        return ranges
    i = at + 1
    while i < len(lines) and (not lines[i].strip() or lines[i].startswith((" ", "-"))):
        if lines[i].lstrip().startswith("- "):
            start, i = i, i + 1
            indent = len(lines[start]) - len(lines[start].lstrip())
            while i < len(lines) and lines[i].strip() and len(lines[i]) - len(lines[i].lstrip()) > indent:
                i += 1
            ranges.append((start, i))
        else:
            i += 1
    return ranges


def release_content(edits: list[dict[str, str]]) -> None:
    """Today's content/ with a release's edits applied, in the example repository."""
    shutil.rmtree(REPO / "content", ignore_errors=True)
    shutil.copytree(CHECKOUT / "content", REPO / "content")
    for edit in edits:
        path = REPO / edit["file"]
        text = path.read_text(encoding="utf-8")
        if text.count(edit["replace"]) != 1:
            fail(f"example/releases.yml: {edit['file']} must hold {edit['replace']!r} exactly once")
        path.write_text(text.replace(edit["replace"], edit["with"]), encoding="utf-8")


def commit_framework(everyone: dict[str, Person]) -> None:
    for name in COPIED:
        source = CHECKOUT / name
        if source.is_dir():
            shutil.copytree(source, REPO / name, dirs_exist_ok=True)
        elif source.is_file():
            shutil.copy2(source, REPO / name)
    (REPO / "portfolios").mkdir()
    shutil.copy2(CHECKOUT / "portfolios" / "people.yml", REPO / "portfolios" / "people.yml")
    releases = yaml.safe_load((HERE / "releases.yml").read_text(encoding="utf-8"))
    for release in releases:
        release_content(release["edits"])
        commit(everyone[OWNER], str(release["date"]), f"Framework release {release['tag']}", ["."])
        git("tag", release["tag"])


def commit_person(folder: Path, everyone: dict[str, Person]) -> None:
    """A person's folder as they and their reviewers would have committed it, oldest first."""
    person_id = folder.name
    learner = everyone[person_id]
    target = REPO / "portfolios" / person_id
    profile = read_yaml(folder / "profile.yml")
    since = str(profile.get("since", "2026-01-01"))
    # the profile, without the waivers its approvers add themselves
    lines = (folder / "profile.yml").read_text(encoding="utf-8").splitlines(keepends=True)
    waivers = list_items(lines, "waivers")
    skipped = {i for start, end in waivers for i in range(start, end)}
    target.mkdir(parents=True)
    (target / "profile.yml").write_text("".join(line for i, line in enumerate(lines) if i not in skipped),
                                        encoding="utf-8")
    for other in folder.iterdir():
        if other.is_dir() and other.name not in ("entries",):
            shutil.copytree(other, target / other.name)
    commit(learner, since, f"{learner.name}: profile", [f"portfolios/{person_id}"])
    entries = sorted((folder / "entries").glob("*.md"))
    (target / "entries").mkdir(exist_ok=True)
    for entry in entries:
        meta = front_matter(entry)
        author = learner
        if meta.get("kind") == "feedback" and meta.get("from") in everyone:
            author = everyone[str(meta["from"])]
        shutil.copy2(entry, target / "entries" / entry.name)
        commit(author, str(meta.get("date", since)), f"{person_id}: {meta.get('title', entry.stem)}",
               [f"portfolios/{person_id}/entries/{entry.name}"])
    approvers = [w.get("approved_by") if isinstance(w, dict) else None for w in profile.get("waivers") or []]
    for (start, end), approved_by in zip(waivers, approvers, strict=False):
        skipped -= set(range(start, end))
        (target / "profile.yml").write_text("".join(line for i, line in enumerate(lines) if i not in skipped),
                                            encoding="utf-8")
        commit(everyone.get(str(approved_by), learner), since, f"{person_id}: waiver approved",
               [f"portfolios/{person_id}/profile.yml"])
    plan = folder / "plan.yml"
    if plan.is_file():
        agreed = read_yaml(plan).get("agreed_with")
        shutil.copy2(plan, target / "plan.yml")
        commit(everyone.get(str(agreed), learner), str(read_yaml(plan).get("starts", since)),
               f"{person_id}: development plan", [f"portfolios/{person_id}/plan.yml"])


def read_yaml(path: Path) -> dict[str, object]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return data if isinstance(data, dict) else {}


def make_repository() -> None:
    shutil.rmtree(REPO, ignore_errors=True)
    REPO.mkdir()
    git("init", "--quiet", "--initial-branch=main")
    git("config", "commit.gpgsign", "false")
    git("config", "tag.gpgsign", "false")
    everyone = people()
    commit_framework(everyone)
    for folder in sorted(p for p in (CHECKOUT / "portfolios").iterdir() if (p / "profile.yml").is_file()):
        commit_person(folder, everyone)
    if git("status", "--porcelain").strip():
        fail("the example repository has uncommitted files after its history was written")


def build(args: list[str], output: Path) -> int:
    """`handbook build` in the example repository, then its site/ and build/ replace `output`'s."""
    handbook = shutil.which("handbook", path=str(Path(sys.executable).parent)) or "handbook"
    result = subprocess.run([handbook, "build", "--root", str(REPO), *args], check=False)
    if result.returncode != 0:
        return result.returncode
    for name in ("site", "build"):
        built, kept = REPO / name, output / name
        if built.is_dir():
            old = output / f".{name}.old"
            shutil.rmtree(old, ignore_errors=True)
            if kept.exists():
                kept.rename(old)
            shutil.move(str(built), str(kept))
            shutil.rmtree(old, ignore_errors=True)
    return 0


def main(argv: list[str]) -> int:
    global REPO
    split = argv.index("--") if "--" in argv else len(argv)
    parser = argparse.ArgumentParser(prog="example/history.py", description=__doc__.split("\n")[0])
    parser.add_argument("--repo", type=Path, default=REPO, help="where to write the example repository")
    parser.add_argument("--output", type=Path, default=CHECKOUT, help="where site/ and build/ go")
    parser.add_argument("--keep", action="store_true", help="reuse the example repository if it exists")
    options = parser.parse_args(argv[:split])
    REPO = options.repo.resolve()
    if not (options.keep and (REPO / ".git").is_dir()):
        make_repository()
    options.output.mkdir(parents=True, exist_ok=True)
    return build(argv[split + 1:], options.output.resolve())


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
