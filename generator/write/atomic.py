"""Atomic file and folder replacement, so a failed build leaves the old output intact.

Files and folders get the modes the umask gives (temporary files are created 0600 and
0700, which a web server running as another user cannot read). A finished folder is
exchanged with the one in place in a single `renameat2(RENAME_EXCHANGE)` where Linux
offers it, so readers never see a moment without a complete output; elsewhere the old
folder is renamed aside just before the new one takes its place.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import functools
import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

STAGING_SUFFIX = ".new"
OLD_MARK = ".old-"


def _umask() -> int:
    """The process umask now (it may change between builds of one process, as in `handbook serve`).

    Linux reports it in /proc without changing it; elsewhere it is set and restored.
    """
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError, IndexError):
        pass
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def file_mode() -> int:
    return 0o666 & ~_umask()


def dir_mode() -> int:
    return 0o777 & ~_umask()


def write_text(path: Path, text: str) -> Path:
    return write_bytes(path, text.encode("utf-8"))


def write_bytes(path: Path, data: bytes) -> Path:
    """Write through a temporary file in the same folder, then rename over the target."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            os.fchmod(handle.fileno(), file_mode())
            handle.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


def staging_dir(target: Path) -> Path:
    """A fresh empty folder beside `target` to build into before `replace_dir`."""
    target.parent.mkdir(parents=True, exist_ok=True)
    staged = Path(tempfile.mkdtemp(dir=target.parent, prefix=f".{target.name}.", suffix=STAGING_SUFFIX))
    staged.chmod(dir_mode())
    return staged


@contextmanager
def staged_folder(target: Path) -> Iterator[Path]:
    """A staging folder to fill; swapped in as `target` when the block ends, removed if it fails."""
    staged = staging_dir(target)
    try:
        yield staged
        replace_dir(staged, target)
    except BaseException:
        shutil.rmtree(staged, ignore_errors=True)
        raise


def remove_stale_staging(folder: Path) -> list[Path]:
    """Delete staging and swapped-out folders a killed build left in `folder` (call while holding the lock)."""
    removed = []
    if folder.is_dir():
        for path in folder.iterdir():
            if path.name.startswith(".") and (path.name.endswith(STAGING_SUFFIX) or OLD_MARK in path.name) \
                    and path.is_dir() and not path.is_symlink():
                shutil.rmtree(path, ignore_errors=True)
                removed.append(path)
    return removed


_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


@functools.cache
def _renameat2() -> Any:  # the libc function, or None where it has none
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        function = libc.renameat2
    except (OSError, AttributeError):
        return None
    function.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    return function


def exchange(a: Path, b: Path) -> bool:
    """Swap two existing paths atomically; False when the system cannot (then nothing changed)."""
    function = _renameat2()
    if function is None:
        return False
    if function(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE) == 0:
        return True
    error = ctypes.get_errno()
    if error in (22, 38, 95):  # EINVAL, ENOSYS, EOPNOTSUPP: the file system or kernel cannot exchange
        return False
    raise OSError(error, os.strerror(error), str(b))


def replace_dir(staged: Path, target: Path) -> Path:
    """Swap a completely built folder into place; the old one is removed only afterwards."""
    if target.exists() and exchange(staged, target):
        shutil.rmtree(staged, ignore_errors=True)  # `staged` now holds the previous output
        return target
    old = None
    if target.exists():
        old = target.with_name(f".{target.name}{OLD_MARK}{os.getpid()}")
        if old.exists():
            shutil.rmtree(old)
        os.replace(target, old)
    os.replace(staged, target)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)
    return target
