"""Portfolio builds split over CI runners: `--shard K/N` renders a stable 1/N, `--merge-shards` joins them.

A person belongs to shard `sha256(id) mod N`: the split needs no coordination, and
adding or removing people moves only them. Each shard writes its people's folders and a
`shard.json` manifest; merging checks that the shards are one complete set for the
current repository, copies the folders and writes the committee index, exactly as one
machine would. The CI runners are the distributed engine; there is no scheduler here.
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

from generator import __version__
from generator.model.types import SLUG_RE
from generator.problems import UserError
from generator.write.atomic import write_text

MANIFEST = "shard.json"
SHARD_RE = re.compile(r"^\s*(\d+)\s*/\s*(\d+)\s*$")


@dataclass(frozen=True)
class Shard:
    index: int  # 1-based
    count: int

    @classmethod
    def parse(cls, text: str) -> Shard:
        match = SHARD_RE.match(text)
        if not match or not 1 <= int(match.group(1)) <= int(match.group(2)):
            raise UserError(f"--shard '{text}' is not K/N with 1 <= K <= N",
                            "write the shard as K/N, like --shard 2/4 for the second of four runners")
        return cls(int(match.group(1)), int(match.group(2)))

    def owns(self, person_id: str) -> bool:
        bucket = int.from_bytes(hashlib.sha256(person_id.encode("utf-8")).digest()[:8], "big") % self.count
        return bucket == self.index - 1

    def __str__(self) -> str:
        return f"{self.index}/{self.count}"


# What the portfolios are made from: every shard of one merge must share these.
INPUTS = ("handbook.yml", "content", "portfolios", "themes", ".mailmap")


def inputs_digest(root: Path) -> str:
    """A hash of the files the portfolios are made from (paths and bytes), links never followed."""
    digest = hashlib.sha256()
    for name in INPUTS:
        top = root / name
        files = [top] if top.is_file() else sorted(p for p in top.rglob("*") if p.is_file() and not p.is_symlink()) \
            if top.is_dir() and not top.is_symlink() else []
        for path in files:
            digest.update(path.relative_to(root).as_posix().encode() + b"\0")
            digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()[:32]


@dataclass(frozen=True)
class ShardSettings:
    """What makes two shards parts of one build: the same date, content, framework and options."""

    as_of: str
    version: str
    inputs: str
    pdf: bool

    def differences(self, other: ShardSettings) -> list[str]:
        words = {"as_of": "as-of date", "version": "framework version", "inputs": "content and portfolios",
                 "pdf": "PDF setting"}
        return [f"{words[key]} {getattr(other, key)} (here {getattr(self, key)})"
                for key in words if getattr(self, key) != getattr(other, key)]


def write_manifest(folder: Path, shard: Shard, people: list[str], settings: ShardSettings) -> None:
    write_text(folder / MANIFEST, json.dumps({"shard": shard.index, "of": shard.count, "people": people,
                                              "pdf": settings.pdf, "as_of": settings.as_of,
                                              "version": settings.version, "inputs": settings.inputs,
                                              "handbook": __version__}, indent=1) + "\n")


@dataclass
class ShardDir:
    folder: Path
    shard: Shard
    people: list[str]
    settings: ShardSettings


def read_manifest(folder: Path) -> ShardDir:
    path = folder / MANIFEST
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise UserError(f"{path} is missing: '{folder}' is not the output of 'handbook build --shard K/N'",
                        "pass the build/portfolios folder of each shard's run") from exc
    except (OSError, ValueError) as exc:
        raise UserError(f"cannot read {path}: {exc}", "rerun that shard's build") from exc
    people = data.get("people") if isinstance(data, dict) else None
    if not (isinstance(people, list) and all(isinstance(p, str) and SLUG_RE.match(p) for p in people)
            and isinstance(data.get("shard"), int) and isinstance(data.get("of"), int)):
        raise UserError(f"{path} is not a shard manifest", "rerun that shard's build")
    if data.get("handbook") != __version__:
        raise UserError(f"{path} was written by handbook {data.get('handbook')}, this is {__version__}",
                        "build every shard and the merge with the same version")
    settings = ShardSettings(str(data.get("as_of")), str(data.get("version")), str(data.get("inputs")),
                             bool(data.get("pdf")))
    return ShardDir(folder, Shard(data["shard"], data["of"]), people, settings)


def collect(dirs: list[Path], expected: list[str], here: ShardSettings) -> dict[str, Path]:
    """Each person's built folder from a complete set of shards of the current repository.

    Every shard must have been built like this merge: same as-of date, framework version and
    inputs, and the PDF setting of the first shard.
    """
    shards = [read_manifest(d) for d in dirs]
    for s in shards:
        differ = ShardSettings(here.as_of, here.version, here.inputs, shards[0].settings.pdf).differences(s.settings)
        if differ:
            raise UserError(f"{s.folder / MANIFEST} was built differently: " + "; ".join(differ),
                            "build every shard and the merge from the same commit, as-of date and options")
    counts = {s.shard.count for s in shards}
    if len(counts) != 1:
        raise UserError("the shards were split differently: " + ", ".join(f"{s.folder} is {s.shard}" for s in shards),
                        "merge the outputs of one run of N shards")
    count = counts.pop()
    seen: dict[int, Path] = {}
    for s in shards:
        if s.shard.index in seen:
            raise UserError(f"shard {s.shard} is given twice: {seen[s.shard.index]} and {s.folder}",
                            "pass each shard's output once")
        seen[s.shard.index] = s.folder
    missing_shards = sorted(set(range(1, count + 1)) - set(seen))
    if missing_shards:
        raise UserError(f"shard(s) {', '.join(f'{k}/{count}' for k in missing_shards)} missing",
                        f"pass the output of all {count} shards")
    found: dict[str, Path] = {}
    for s in shards:
        for person in s.people:
            if not Shard(s.shard.index, count).owns(person) or person in found:
                raise UserError(f"{s.folder / MANIFEST} lists '{person}', who belongs to another shard",
                                "rerun the shards from the same commit")
            folder = s.folder / person
            if folder.is_symlink() or not folder.is_dir():
                raise UserError(f"{folder} is missing", "rerun that shard's build")
            found[person] = folder
    missing = sorted(set(expected) - set(found))
    extra = sorted(set(found) - set(expected))
    if missing or extra:
        raise UserError("the shards do not match this repository: "
                        + "; ".join(part for part in (f"missing {', '.join(missing[:5])}" if missing else "",
                                                      f"unknown {', '.join(extra[:5])}" if extra else "") if part),
                        "merge shards built from the same commit as this checkout")
    return found


def copy_person(source: Path, target: Path) -> None:
    """A person's built folder, without links (a shard's output is copied, never followed elsewhere)."""
    shutil.copytree(source, target, symlinks=True,
                    ignore=lambda folder, names: [n for n in names if (Path(folder) / n).is_symlink()])
