"""A folder's files as one tar archive encrypted with age to its readers' public keys.

The format is age's own (pyrage), so `age -d -i KEY FILE | tar x` opens an archive; age
x25519 keys (`age1...`) and SSH keys (`ssh-ed25519 ...`, `ssh-rsa ...`) are recipients.
"""

from __future__ import annotations

import io
import os
import stat
import tarfile
from collections.abc import Iterable
from pathlib import Path

import pyrage

from generator.read.sealing import recipient
from generator.write.atomic import write_bytes


def _mtime() -> int:
    """SOURCE_DATE_EPOCH when set, so two builds of the same inputs make the same archive contents."""
    try:
        return int(os.environ["SOURCE_DATE_EPOCH"])
    except (KeyError, ValueError):
        return 0


def archive(members: Iterable[tuple[Path, str]]) -> bytes:
    """A tar of each (path, name in the archive): regular files and folders only, owned by nobody.

    Links are left out rather than followed, so nothing outside the output can enter an archive;
    dotfiles (reuse stamps) are left out too.
    """
    buffer = io.BytesIO()
    mtime = _mtime()
    with tarfile.open(fileobj=buffer, mode="w", format=tarfile.PAX_FORMAT) as tar:
        for path, name in members:
            _add(tar, path, name, mtime)
    return buffer.getvalue()


def _add(tar: tarfile.TarFile, path: Path, name: str, mtime: int) -> None:
    mode = path.lstat().st_mode
    info = tarfile.TarInfo(name)
    info.mtime = mtime
    if stat.S_ISDIR(mode):
        info.type, info.mode = tarfile.DIRTYPE, 0o755
        tar.addfile(info)
        for child in sorted(path.iterdir()):
            if not child.name.startswith("."):
                _add(tar, child, f"{name}/{child.name}", mtime)
    elif stat.S_ISREG(mode):
        info.size, info.mode = path.stat().st_size, 0o644
        with path.open("rb") as handle:
            tar.addfile(info, handle)


def seal(data: bytes, keys: Iterable[str]) -> bytes:
    """`data` encrypted so that any one of `keys` opens it."""
    recipients = [recipient(k) for k in keys]
    if not recipients:
        raise ValueError("an archive needs at least one reader's key")
    return pyrage.encrypt(data, recipients)


def write_sealed(target: Path, members: Iterable[tuple[Path, str]], keys: Iterable[str]) -> Path:
    """Archive `members`, encrypt the archive to `keys` and write it atomically as `target`."""
    return write_bytes(target, seal(archive(members), keys))
