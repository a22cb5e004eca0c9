"""Builds that never half-happen: modes from the umask, a lock that queues builds, kills that leave no workers."""

from __future__ import annotations

import fcntl
import os
import shutil
import signal
import subprocess
import threading
import time
from pathlib import Path

import pytest

from generator.write.atomic import exchange, replace_dir, staging_dir
from tests.gitrepo import HANDBOOK_BIN

MINIMAL = Path(__file__).parent.parent / "fixtures" / "minimal"


def repo(tmp_path: Path, people: int = 1) -> Path:
    """The minimal fixture with `people` copies of Ada."""
    root = tmp_path / "repo"
    shutil.copytree(MINIMAL, root)
    for n in range(1, people):
        shutil.copytree(root / "portfolios/ada", root / f"portfolios/ada{n}")
        profile = root / f"portfolios/ada{n}/profile.yml"  # one email per person
        profile.write_text(profile.read_text().replace("ada@example.com", f"ada{n}@example.com"))
    return root


def handbook(root: Path, *args: str, umask: int | None = None, stderr: Path | None = None) -> subprocess.Popen[bytes]:
    def setup() -> None:
        if umask is not None:
            os.umask(umask)
    err = open(stderr, "wb") if stderr else subprocess.DEVNULL  # noqa: SIM115 (closed by the caller's wait)
    return subprocess.Popen([str(HANDBOOK_BIN), "build", "--root", str(root), "--quiet", *args],
                            stdout=subprocess.DEVNULL, stderr=err, preexec_fn=setup)


def modes(folder: Path) -> set[tuple[str, int]]:
    return {("dir" if p.is_dir() else "file", p.stat().st_mode & 0o777) for p in folder.rglob("*")}


def test_outputs_take_the_umasks_modes(tmp_path: Path) -> None:
    root = repo(tmp_path / "a")
    assert handbook(root, "--no-pdf", umask=0o027).wait(timeout=300) == 0
    for folder in (root / "site", root / "build/portfolios"):
        assert modes(folder) == {("dir", 0o750), ("file", 0o640)}, folder
    other = repo(tmp_path / "b")
    assert handbook(other, "--no-pdf", "--no-site", umask=0o022).wait(timeout=300) == 0
    assert modes(other / "build/portfolios") == {("dir", 0o755), ("file", 0o644)}


def test_a_second_build_waits_for_the_lock(tmp_path: Path) -> None:
    root = repo(tmp_path)
    log = tmp_path / "stderr"
    lock = os.open(root, os.O_RDONLY | os.O_DIRECTORY)  # what a running build holds
    try:
        fcntl.flock(lock, fcntl.LOCK_EX)
        process = handbook(root, "--no-pdf", "--no-site", stderr=log)
        deadline = time.monotonic() + 60
        while b"waiting for another build" not in log.read_bytes():
            assert process.poll() is None and time.monotonic() < deadline, log.read_text()
            time.sleep(0.05)
        assert not (root / "build").exists()  # nothing written while the other build runs
    finally:
        os.close(lock)
    assert process.wait(timeout=300) == 0
    assert (root / "build/portfolios/ada/index.html").is_file()


def test_concurrent_builds_both_finish_complete(tmp_path: Path) -> None:
    root = repo(tmp_path, people=3)
    builds = [handbook(root, "--no-pdf", "--no-site") for _ in range(2)]
    assert [b.wait(timeout=300) for b in builds] == [0, 0]
    out = root / "build/portfolios"
    assert sorted(p.name for p in out.iterdir() if not p.name.startswith("_")) == ["ada", "ada1", "ada2",
                                                                                   "index.html"]
    assert [p.name for p in (root / "build").iterdir() if p.name.endswith(".new")] == []


def children(pid: int) -> set[int]:
    found = set()
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                found.add(int(entry.name))
    return found


def descendants(pid: int) -> set[int]:
    found, todo = set(), [pid]
    while todo:
        below = children(todo.pop()) - found
        found |= below
        todo += below
    return found


def alive(pid: int) -> bool:
    try:
        return (Path("/proc") / str(pid) / "stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs /proc to find the worker processes")
def test_killing_a_build_kills_its_workers_and_keeps_the_old_output(tmp_path: Path) -> None:
    root = repo(tmp_path, people=6)
    log = tmp_path / "build.log"
    assert handbook(root, "--no-site", "--no-pdf", stderr=log).wait(timeout=300) == 0, log.read_text()
    before = (root / "build/portfolios/index.html").read_bytes()
    build = handbook(root, "--no-site", "--jobs", "2")
    deadline = time.monotonic() + 120
    while len(children(build.pid)) < 2:
        assert build.poll() is None and time.monotonic() < deadline, "the build ended before its PDF workers started"
        time.sleep(0.02)
    workers = descendants(build.pid)  # the pool's workers are the forkserver's children: the build's grandchildren
    build.send_signal(signal.SIGKILL)
    build.wait(timeout=30)
    deadline = time.monotonic() + 20
    while any(alive(pid) for pid in workers) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not [pid for pid in workers if alive(pid)], "PDF workers outlived the build"
    assert (root / "build/portfolios/index.html").read_bytes() == before
    assert not list((root / "build/portfolios").rglob("*.pdf"))  # nothing half-built was swapped in
    assert [p for p in (root / "build").iterdir() if p.name.endswith(".new")]  # the killed build's staging
    assert handbook(root, "--no-site", "--no-pdf", stderr=log).wait(timeout=300) == 0, log.read_text()
    assert [p for p in (root / "build").iterdir() if p.name.endswith(".new")] == []  # removed by the next build


def test_the_swap_never_leaves_a_moment_without_output(tmp_path: Path) -> None:
    probe = [tmp_path / "a", tmp_path / "b"]
    for folder in probe:
        folder.mkdir()
    if not exchange(*probe):
        pytest.skip("this file system cannot exchange folders atomically")
    for folder in probe:
        folder.rmdir()
    target = tmp_path / "out"
    target.mkdir()
    (target / "index.html").write_text("0")
    missing = []
    done = threading.Event()

    def read() -> None:
        while not done.is_set():
            try:
                (target / "index.html").read_text()
            except FileNotFoundError:
                missing.append(1)

    reader = threading.Thread(target=read)
    reader.start()
    for n in range(200):
        staged = staging_dir(target)
        (staged / "index.html").write_text(str(n))
        replace_dir(staged, target)
    done.set()
    reader.join()
    assert missing == [] and (target / "index.html").read_text() == "199"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]
