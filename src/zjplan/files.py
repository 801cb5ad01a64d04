"""Reading a file zjplan was told to read, defensively: regular files only, size-bounded.

Opened non-blocking and checked with fstat before reading, so a FIFO or a device (whatever
its name: ningbo.xlsx, plan.yaml) is refused without hanging, and an oversized file is
refused unread. Both the plan and every progress file come through here.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable
from pathlib import Path

from zjplan.wording import Words, said, words


class FileProblem(Exception):
    """Why a file cannot be read: a problem code of the catalogue and the sentence that
    says why (named: wording.Words)."""

    def __init__(self, code: str, message: Words) -> None:
        super().__init__(said(message))
        self.code = code
        self.message = message


def _too_large(limit: int) -> FileProblem:
    return FileProblem("file-too-large", words("larger-than", mib=limit >> 20))


def read_regular(
    path: str | Path,
    limit: int,
    *,
    dir_fd: int | None = None,
    follow: bool = True,
    accept: Callable[[os.stat_result], bool] | None = None,
) -> bytes:
    """A regular file's bytes, at most ``limit`` of them; FileProblem otherwise. ``dir_fd``
    and ``follow=False`` open it relative to a folder, never through a link; ``accept``
    refuses a file by its status (the plan cache's owner and mode)."""
    return read_regular_dated(path, limit, dir_fd=dir_fd, follow=follow, accept=accept)[0]


def read_regular_dated(
    path: str | Path,
    limit: int,
    *,
    dir_fd: int | None = None,
    follow: bool = True,
    accept: Callable[[os.stat_result], bool] | None = None,
    inspect: Callable[[bytes | bytearray], None] | None = None,
) -> tuple[bytes, float]:
    """read_regular, and the file's modification time from the status it was read with (a
    batch of 10,000 files would otherwise stat each a second time). ``inspect``, when
    given, sees the bytes read so far after each READ_PIECE and may refuse the file by
    raising: a file that is hostile early is then never held whole."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0)
    if not follow:
        flags |= getattr(os, "O_NOFOLLOW", 0)
    try:
        fd = os.open(path, flags, dir_fd=dir_fd)
    except OSError as exc:
        raise FileProblem(
            "file-not-found", words("cannot-read", why=exc.strerror or str(exc))
        ) from exc
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise FileProblem("not-a-file", words("not-regular"))
        if accept is not None and not accept(info):
            raise FileProblem("not-a-file", words("not-expected-kind"))
        if info.st_size > limit:
            raise _too_large(limit)
        # Ask for the size fstat gave (and one byte more, to notice a growing file);
        # a larger request would make Python allocate that much up front.
        data = _read(fd, info.st_size + 1, inspect)
        if len(data) > limit:
            raise _too_large(limit)
        return data, info.st_mtime
    except OSError as exc:
        raise FileProblem(
            "file-not-found", words("cannot-read", why=exc.strerror or str(exc))
        ) from exc
    finally:
        os.close(fd)


READ_PIECE = 8 << 20  # bytes read at once when each piece is inspected


def _read(fd: int, left: int, inspect: Callable[[bytes | bytearray], None] | None) -> bytes:
    """Up to ``left`` bytes: at once, or a READ_PIECE at a time with ``inspect`` called
    after each. What one read gives stays the bytes read; more grow in one bytearray
    (never a list of pieces joined at the end, which would hold the file twice)."""
    piece = READ_PIECE if inspect is not None else left
    data: bytes | bytearray = b""
    while left > 0:
        chunk = os.read(fd, min(left, piece))
        if not chunk:
            break
        if not data:
            data = chunk
        else:
            if isinstance(data, bytes):
                data = bytearray(data)
            data += chunk
        left -= len(chunk)
        if inspect is not None:
            inspect(data)
    return data  # type: ignore[return-value]  # a bytearray reads as bytes do
