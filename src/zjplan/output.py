"""Write output files atomically: a killed run never leaves half a file or loses the old one.

Only regular files are written: an output path that is a link, a device, a FIFO or a folder
is refused (as root, `-o /dev/null` would otherwise replace the system's node). A new file
gets the usual mode (0666 less the umask); a replaced file keeps its own, and a read-only
one is replaced only when asked (``force``). Two runs writing into one folder take turns:
each holds a lock on the folder while it writes, and a run that cannot get it in
LOCK_WAIT seconds stops with a message instead of racing the other.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

LOCK_WAIT = 30.0  # seconds a writer waits for another run writing in the same folder


class OutputError(OSError):
    """An output path zjplan will not write."""


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


@contextlib.contextmanager
def folder_lock(folder: Path, wait: float = LOCK_WAIT) -> Iterator[bool]:
    """Hold an exclusive lock on ``folder`` (flock on the folder itself: no lock file is
    left behind, and the lock goes with the process); yields whether it is held. A folder
    that cannot be locked (a file system without locks) is written without one."""
    import fcntl

    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        yield False
        return
    try:
        deadline = time.monotonic() + wait
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                held = True
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise OutputError(
                        f"another zjplan run is writing in {folder} (waited {wait:g} s); "
                        "try again when it has finished"
                    ) from None
                time.sleep(0.05)
            except OSError:
                held = False  # no locks here: write as before
                break
        yield held
    finally:
        os.close(fd)


def write_atomic(
    path: Path,
    data: str | bytes,
    encoding: str = "utf-8",
    *,
    force: bool = False,
    wait: float = LOCK_WAIT,
) -> None:
    """Write ``data`` to a temporary file beside ``path``, flush it to disk, then rename."""
    path = Path(path)
    folder = path.parent if str(path.parent) else Path(".")
    with folder_lock(folder, wait) as held:
        _write_atomic(path, data, encoding, folder, force, held)


def _write_atomic(
    path: Path, data: str | bytes, encoding: str, folder: Path, force: bool, held: bool
) -> None:
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        mode = 0o666 & ~_umask()
    else:
        if not stat.S_ISREG(info.st_mode):
            what = "a folder" if stat.S_ISDIR(info.st_mode) else "not a regular file"
            if stat.S_ISLNK(info.st_mode):
                what = "a link"
            raise OutputError(f"{path} is {what}: zjplan writes only regular files")
        mode = stat.S_IMODE(info.st_mode)
        if not mode & 0o222 and not force:
            raise OutputError(
                f"{path} is read-only: zjplan does not replace it (pass --force to replace it)"
            )
    raw = data.encode(encoding) if isinstance(data, str) else data
    _remove_leftovers(folder, path.name, held)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(raw)
            fh.flush()
            os.fchmod(fh.fileno(), mode)
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


STALE_SECONDS = 3600  # a temporary file or folder this old is a killed run's leftover


def _remove_leftovers(folder: Path, name: str, held: bool) -> None:
    """Temporary files and folders a killed run left beside ``name``: every one while this
    run holds the folder's lock (a live run writes only under it), else those over an
    hour old."""
    import shutil

    try:
        entries = list(os.scandir(folder))
    except OSError:
        return
    now = time.time()
    for entry in entries:
        if not (entry.name.startswith(f".{name}.") and entry.name.endswith(".tmp")):
            continue
        try:
            age = now - entry.stat(follow_symlinks=False).st_mtime
            if not held and age < STALE_SECONDS:
                continue
            if entry.is_dir(follow_symlinks=False):
                shutil.rmtree(entry.path)
            else:
                os.unlink(entry.path)
        except OSError:
            continue


def write_set(folder: Path, files: dict[str, str | bytes], ours: frozenset[str]) -> None:
    """Write a set of files as one: into a new folder beside ``folder``, then swapped in, so
    a reader sees the old set or the new one, never a mix. ``folder`` may hold only files
    zjplan writes there (``ours``); anything else is refused, never deleted. Two runs take
    turns (the parent folder's lock), and the old set stays in place until the new one is
    whole: the two are exchanged in one step where the system can (Linux's renameat2), so
    a run killed at any point leaves one whole set under the folder's name."""
    folder = Path(folder)
    parent = folder.parent if str(folder.parent) else Path(".")
    with folder_lock(parent) as held:
        _remove_leftovers(parent, folder.name, held)
        _write_set(folder, parent, files, ours)


def _write_set(
    folder: Path, parent: Path, files: dict[str, str | bytes], ours: frozenset[str]
) -> None:
    import shutil

    exists = os.path.lexists(folder)
    if exists:
        info = os.lstat(folder)
        if not stat.S_ISDIR(info.st_mode):
            raise OutputError(f"{folder} is not a folder")
        foreign = sorted(set(os.listdir(folder)) - ours)
        if foreign:
            names = ", ".join(foreign[:3]) + (" …" if len(foreign) > 3 else "")
            raise OutputError(
                f"{folder} holds files zjplan does not write there ({names}); "
                "give a new or empty folder"
            )
    new = Path(tempfile.mkdtemp(prefix=f".{folder.name}.", suffix=".tmp", dir=parent))
    try:
        os.chmod(new, 0o777 & ~_umask())
        for name, data in files.items():
            raw = data.encode("utf-8") if isinstance(data, str) else data
            with open(new / name, "wb") as fh:
                fh.write(raw)
                os.fchmod(fh.fileno(), 0o666 & ~_umask())
                os.fsync(fh.fileno())
        if not exists:
            os.rename(new, folder)
        elif _exchange(new, folder):
            shutil.rmtree(new, ignore_errors=True)  # the old set, now under the new name
        else:  # no atomic exchange here: two renames, the old set kept until the second
            old = Path(tempfile.mkdtemp(prefix=f".{folder.name}.", suffix=".tmp", dir=parent))
            os.rename(folder, old / "set")
            try:
                os.rename(new, folder)
            except OSError:
                os.rename(old / "set", folder)
                raise
            shutil.rmtree(old, ignore_errors=True)
    except BaseException:
        if os.path.lexists(new):
            shutil.rmtree(new, ignore_errors=True)
        raise


def _exchange(a: Path, b: Path) -> bool:
    """Swap two paths in one step (Linux's renameat2 with RENAME_EXCHANGE); False where
    the system or the file system cannot."""
    import ctypes
    import sys

    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    at_fdcwd, rename_exchange = -100, 2
    done = renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange)
    return bool(done == 0)
