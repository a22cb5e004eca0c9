"""The build cache under `.handbook-cache/`: content hashes of files, and results keyed by them.

Safe to delete at any time. A file's hash is reused only while its size, modification
time, inode and change time are what they were when it was hashed (as git's index does),
and not when it changed within the second before the cache was written (a later edit in
the same clock tick would look unchanged). Every entry is keyed by the tool's code (its
version and the size and time of each of its modules), so an upgrade, or an install of
another commit under the same version, starts afresh.

The cache is JSON, never pickle, and carries an HMAC made with a key kept outside the
repository (in the user's cache folder): a cache that is corrupt, written by another
version, or committed to the repository by someone else is detected and ignored, never
trusted.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import hmac
import json
import os
import secrets
import stat
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from generator import __version__
from generator.write.atomic import write_bytes

FOLDER = ".handbook-cache"
FORMAT = 1
# Files modified this close to the moment the cache was written are hashed again next time.
RACY_NS = 2_000_000_000


PACKAGE = Path(__file__).resolve().parents[1]
# what shapes a result: code, templates, styles, scripts and the data files shipped beside them
CODE_SUFFIXES = (".py", ".html", ".j2", ".css", ".js", ".svg", ".yml", ".yaml", ".json")


def package_files(package: Path = PACKAGE) -> list[Path]:
    """The tool's code and templates, in a stable order."""
    found = []
    # followlinks: in a checkout the packaged themes folder is a link to the repository's themes/
    for folder, subfolders, names in os.walk(package, followlinks=True):
        subfolders[:] = sorted(d for d in subfolders if d != "__pycache__")
        found += [Path(folder, n) for n in sorted(names) if n.endswith(CODE_SUFFIXES) and Path(folder, n).is_file()]
    return found


@functools.cache
def code_fingerprint() -> str:
    """The tool's version and the size and modification time of each of its modules and templates.

    A version alone misses an install from a branch, or an edit, that keeps the version: a result
    cached by other code must not be reused. Stat calls only (about 300 files, a millisecond or two).
    """
    return fingerprint_of(PACKAGE)


def fingerprint_of(package: Path) -> str:
    parts = [__version__]
    for path in package_files(package):
        with contextlib.suppress(OSError):
            info = path.stat()
            parts.append(f"{path.relative_to(package).as_posix()}\0{info.st_size}\0{info.st_mtime_ns}")
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


def _key_file() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "handbook" / "cache-key"


def read_regular(path: Path | str) -> bytes:
    """The bytes of a regular file; a FIFO, device or folder is an OSError instead of a read that blocks."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    with os.fdopen(fd, "rb") as handle:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise OSError(f"{path} is not a regular file")
        return handle.read()


def _secret() -> bytes | None:
    """This user's key for signing caches, created on first use; None when it cannot be kept."""
    path = _key_file()
    try:
        key = read_regular(path)
        if len(key) >= 32:
            return key
    except OSError:
        pass
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        key = secrets.token_bytes(32)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as handle:
            handle.write(key)
        return key
    except FileExistsError:
        try:
            return read_regular(path) or None
        except OSError:
            return None
    except OSError:
        return None


def _signature(st: os.stat_result) -> list[int]:
    return [st.st_size, st.st_mtime_ns, st.st_ino, st.st_ctime_ns]


class Cache:
    """One cache file: `files` (path → stat signature and content hash) and named result tables."""

    def __init__(self, root: Path, name: str, *, load: bool = True) -> None:
        self.root = root
        self.path = root / FOLDER / f"{name}.json"
        self.files: dict[str, list[Any]] = {}
        self.tables: dict[str, dict[str, Any]] = {}
        self.written_ns = 0
        self.hits = self.misses = 0
        self.loaded = False
        self.dirty = False  # something to write: a file hashed again, a result stored or dropped
        # When set, the bytes of the files hashed whose names end in `keep_suffixes` (to parse them next).
        self.keep: dict[str, bytes] | None = None
        self.keep_suffixes: tuple[str, ...] = (".md", ".yml", ".yaml")
        self.last_walk_had_links = False
        self.files_seen: dict[str, list[Any]] = {}
        self._key = _secret()
        if load:
            self._load()

    # -- storage ---------------------------------------------------------------------------

    def _mac(self, body: bytes) -> str:
        assert self._key is not None
        return hmac.new(self._key, body, hashlib.sha256).hexdigest()

    def _load(self) -> None:
        if self._key is None or not self._usable_folder():
            return
        try:
            raw = read_regular(self.path)
            mac, _, body = raw.partition(b"\n")
            if not hmac.compare_digest(mac.decode("ascii"), self._mac(body)):
                return
            data = json.loads(body)
        except (OSError, ValueError, UnicodeDecodeError):
            return
        if not isinstance(data, dict) or data.get("format") != FORMAT or data.get("version") != code_fingerprint():
            return
        files, tables = data.get("files"), data.get("tables")
        if isinstance(files, dict) and isinstance(tables, dict):
            self.files, self.tables = files, tables
            self.written_ns = int(data.get("written_ns", 0))
            self.loaded = True

    def _usable_folder(self) -> bool:
        """The cache folder is ours to use: absent, or a real folder (never a link planted elsewhere)."""
        folder = self.root / FOLDER
        try:
            return stat.S_ISDIR(os.lstat(folder).st_mode)
        except FileNotFoundError:
            return True
        except OSError:
            return False

    def save(self) -> bool:
        """Write the cache (files hashed in this run only, so deleted files drop out); False if it cannot be."""
        if self._key is None or not self._usable_folder():
            return False
        body = json.dumps({"format": FORMAT, "version": code_fingerprint(), "written_ns": time.time_ns(),
                           "files": self.files_seen, "tables": self.tables}, separators=(",", ":")).encode()
        try:
            folder = self.root / FOLDER
            folder.mkdir(exist_ok=True)
            ignore = folder / ".gitignore"
            if not ignore.exists():
                write_bytes(ignore, b"# the handbook's cache: safe to delete, never commit it\n*\n")
            write_bytes(self.path, self._mac(body).encode() + b"\n" + body)
        except OSError:
            return False
        return True

    # -- content hashes --------------------------------------------------------------------

    def file_hash(self, path: Path | str, rel: str) -> str | None:
        """The SHA-256 of the file at `path` (followed if a link), or None if it cannot be read."""
        try:
            st = os.stat(path)
        except OSError:
            return None
        sig = _signature(st)
        known = self.files.get(rel)
        if known and known[:4] == sig and st.st_mtime_ns < self.written_ns - RACY_NS:
            self.hits += 1
            self.files_seen[rel] = known
            return str(known[4])
        self.misses += 1
        self.dirty = True
        try:
            data = read_regular(path)
        except OSError:
            return None
        digest = hashlib.sha256(data).hexdigest()
        if self.keep is not None and rel.endswith(self.keep_suffixes):
            self.keep[str(path)] = data
        self.files_seen[rel] = [*sig, digest]
        return digest

    def tree_hash(self, folder: Path) -> str:
        """A hash of every file name and content under `folder` (links followed as files, named as links)."""
        digest = hashlib.sha256()
        self.last_walk_had_links = False
        for rel, path, kind in _walk(folder, self.root):
            digest.update(f"{rel}\0{kind}\0".encode())
            self.last_walk_had_links |= kind in ("link", "other")
            if kind == "file":
                digest.update((self.file_hash(path, rel) or "unreadable").encode())
            elif kind == "link":
                with contextlib.suppress(OSError):
                    digest.update(os.readlink(path).encode("utf-8", "surrogateescape"))
                digest.update((self.file_hash(path, rel) or "dangling").encode())
        return digest.hexdigest()

    # -- results ---------------------------------------------------------------------------

    def get(self, table: str, name: str, key: str) -> Any | None:
        record = self.tables.get(table, {}).get(name)
        if isinstance(record, dict) and record.get("key") == key:
            return record.get("value")
        return None

    def put(self, table: str, name: str, key: str, value: Any) -> None:
        self.tables.setdefault(table, {})[name] = {"key": key, "value": value}
        self.dirty = True

    def keep_only(self, table: str, names: set[str]) -> None:
        """Drop records of names that no longer exist (deleted people, say)."""
        records = self.tables.get(table, {})
        for name in [n for n in records if n not in names]:
            del records[name]
            self.dirty = True


def _walk(folder: Path, root: Path) -> Iterator[tuple[str, str, str]]:
    """(root-relative name, path, 'file' | 'dir' | 'link' | 'other') under `folder`, sorted; links not descended.

    Plain strings and scandir's cached types: this runs over every file of the repository.
    """
    skip = len(str(root)) + 1
    stack = [str(folder)]
    while stack:
        try:
            entries = sorted(os.scandir(stack.pop()), key=lambda e: e.name)
        except OSError:
            continue
        subfolders = []
        for entry in entries:
            rel = entry.path[skip:]
            if entry.is_symlink():
                yield rel, entry.path, "link"
            elif entry.is_dir(follow_symlinks=False):
                yield rel + "/", entry.path, "dir"
                subfolders.append(entry.path)
            elif entry.is_file(follow_symlinks=False):
                yield rel, entry.path, "file"
            else:
                yield rel, entry.path, "other"
        stack.extend(reversed(subfolders))


def digest(*parts: object) -> str:
    """A stable key from JSON-able parts, with the tool's code in it."""
    return hashlib.sha256(json.dumps([code_fingerprint(), *parts], sort_keys=True,
                                     default=str).encode()).hexdigest()
