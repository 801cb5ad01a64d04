"""Untrusted text made inert: the one sanitiser of every output.

Anything read from a file may carry terminal escapes, bidi overrides or invisible
characters. :func:`inert` turns every such character into a visible ``\\u202e``-style
escape, so no byte from the data can move the cursor, set a title, write the clipboard
or reorder a line, in any output.
"""

from __future__ import annotations

import functools
import io
import re
import unicodedata
from typing import Any

# C0 and C1 controls (tab and newline too: a cell is one line), DEL, bidi controls,
# zero-width and other invisible format characters, line/paragraph separators.
_UNSAFE = re.compile(
    "[\x00-\x1f\x7f-\x9f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff\ufff9-\ufffb]"
)


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


QUOTED = 60  # characters of a cell a message quotes: a 120 KB cell is not echoed whole


def quoted(text: str, limit: int = QUOTED) -> str:
    """A cell as a message quotes it: repr-quoted, at most ``limit`` characters, cut with …."""
    cut = text if len(text) <= limit else text[:limit] + "…"
    return repr(cut)


def inert(text: str) -> str:
    """``text`` with every control or invisible character shown as an escape."""
    if text.isprintable():
        return text
    cleaned = _UNSAFE.sub(_escape, text)
    # Any remaining format (Cf) or unassigned characters are escaped too.
    return "".join(
        f"\\u{ord(ch):04x}" if unicodedata.category(ch) in ("Cf", "Cn", "Co", "Cs") else ch
        for ch in cleaned
    )


# What a JSON encoder leaves raw inside strings: DEL, C1 controls, bidi and invisible
# format characters (C0 controls, newline included, are always escaped by the encoder).
_JSON_UNSAFE = re.compile(
    "[\x7f-\x9f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff\ufff9-\ufffb]"
)


def json_safe(text: str) -> str:
    """JSON text with every control or invisible character written as a \\uXXXX escape:
    the same JSON value, but no byte of it can act on a terminal."""
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


# What the stream guard escapes: every C0 control but tab and newline, DEL, C1 controls
# (NEL among them), bidi and zero-width controls, line and paragraph separators, the
# interlinear and tag characters, private use and lone surrogates. An ESC is kept only as
# the start of a colour (SGR) sequence, the one kind rich writes to a terminal.
@functools.cache
def _stream_unsafe() -> re.Pattern[str]:
    """Compiled on first need (a text the byte prefilter cannot clear): 1 ms of start-up."""
    return re.compile(
        "(\x1b\\[[0-9;]{0,32}m)|["
        "\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u206f"
        "\ufeff\ufff9-\ufffb\ue000-\uf8ff\ud800-\udfff"
        "\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0000-\U000e007f"
        "\U000f0000-\U0010ffff]"
    )


def _head_end(line: str) -> int:
    """Where a line's blanks and colour sequences end (what GitHub's runner trims)."""
    at, size = 0, len(line)
    while at < size:
        if line[at] in " \t":
            at += 1
        elif line.startswith("\x1b[", at):  # a colour: ESC [ then up to 32 digits and ;
            end = at + 2
            while end < size and end - at < 34 and (line[end].isdigit() or line[end] == ";"):
                end += 1
            if end >= size or line[end] != "m":
                break
            at = end + 1
        else:
            break
    return at


_LEAD_BYTES = (0xC2, 0xD8, 0xE1, 0xE2, 0xED, 0xEE, 0xEF, 0xF0, 0xF3, 0xF4)


# The UTF-8 bytes that can begin an unsafe character: C0 controls but tab and newline, DEL,
# and the lead bytes of the unsafe ranges above. A text whose UTF-8 holds none of them (most
# output: ASCII and Chinese) needs no search; the rest is searched character by character.
_SAFE_BYTES = bytes(
    b
    for b in range(256)
    if not ((b < 0x20 and b not in (0x09, 0x0A)) or b == 0x7F or b in _LEAD_BYTES)
)


def _guard_line(line: str) -> str:
    """A whole line with a backslash before '::' when it starts the line's visible text."""
    at = _head_end(line)
    return line[:at] + "\\" + line[at:] if line.startswith("::", at) else line


def _stream_escape(match: re.Match[str]) -> str:
    return match.group(1) or _escape(match)


class GuardedStream:
    """A text stream that passes everything zjplan prints through one sanitiser on its way
    out: control and invisible characters become visible escapes (a colour sequence is
    kept), and no line can start with ``::`` (after blanks and colours, as GitHub's runner
    reads a line), which a CI log would run as a workflow command (``::error``,
    ``::add-mask::``, ``::stop-commands::``): such a line starts with a backslash instead.
    ``commands`` lets workflow commands through, for ``--format github`` alone."""

    def __init__(self, raw: Any) -> None:
        self.raw = raw
        self.commands = False
        # Written to the binary layer, every byte or an error: with PYTHONUNBUFFERED=1 the
        # text layer sits on an unbuffered file, and a short write (a nearly full disk)
        # was dropped without a word.
        binary = getattr(raw, "buffer", None)
        direct = type(raw) is io.TextIOWrapper and isinstance(binary, io.FileIO | io.BufferedWriter)
        self._binary = binary if direct else None
        encoding = str(getattr(raw, "encoding", "") or "")
        self._utf8 = encoding.lower().replace("-", "") == "utf8"
        self._fresh = True  # at a line's start, or only blanks and colours written since
        self._colon = False  # the line's first visible character so far is one ':'

    def write(self, text: str) -> int:
        size = len(text)
        data = text.encode("utf-8", "surrogatepass")
        if data.translate(None, _SAFE_BYTES) and _stream_unsafe().search(text) is not None:
            text = _stream_unsafe().sub(_stream_escape, text)
            data = b""
        if not self.commands:
            guarded = self._guard_lines(text)
            if guarded is not text:
                text, data = guarded, b""
        try:
            if self._binary is None:
                self.raw.write(text)
            else:
                if not (self._utf8 and data):
                    data = text.encode(self.raw.encoding, self.raw.errors or "strict")
                self._write_all(data)
        except BrokenPipeError:
            raise
        except OSError as exc:
            raise LostOutput(self.raw, exc) from exc
        return size

    def _write_all(self, data: bytes) -> None:
        self.raw.flush()  # whatever reached the text layer by another way goes first
        view = memoryview(data)
        while view:
            written = self._binary.write(view)  # type: ignore[union-attr]
            if not written:  # None (would block) or 0: the bytes did not go out
                raise OSError(f"only {len(data) - len(view):,} of {len(data):,} bytes written")
            view = view[written:]

    def flush(self) -> None:
        try:
            self.raw.flush()
        except BrokenPipeError:
            raise
        except OSError as exc:
            raise LostOutput(self.raw, exc) from exc

    def _guard_lines(self, text: str) -> str:
        """``text`` with a backslash before each '::' that starts a line; the same object
        when nothing changes (a large output is not copied)."""
        first = text.find("\n")
        if first < 0:  # the line goes on: only its head can matter
            return self._head(text) if self._fresh else text
        head = self._head(text[:first]) if self._fresh else text[:first]
        last = text.rfind("\n")
        has_command = text.find("::", first, last + 1) >= 0
        self._fresh, self._colon = True, False
        tail = self._head(text[last + 1 :])
        if not has_command and len(head) == first and len(tail) == len(text) - last - 1:
            return text
        middle = text[first : last + 1]  # whole lines, each after a "\n"
        if has_command:
            middle = "\n".join(map(_guard_line, middle.split("\n")))
        return head + middle + tail

    def _head(self, piece: str) -> str:
        at = _head_end(piece)
        rest = piece[at:]
        if self._colon:  # ':' then ':' in a later write
            if not rest:  # nothing visible yet: the line's head is still open
                return piece
            self._fresh = self._colon = False
            return piece[:at] + "\\" + rest if rest.startswith(":") else piece
        if rest.startswith("::"):
            self._fresh = False
            return piece[:at] + "\\" + rest
        if rest == ":":
            self._colon = True
        elif rest:
            self._fresh = False
        return piece

    def writelines(self, lines: Any) -> None:
        for line in lines:
            self.write(line)

    def __getattr__(self, name: str) -> Any:  # flush, fileno, isatty, encoding, buffer…
        return getattr(self.raw, name)


class LostOutput(Exception):
    """A write to stdout or stderr failed (a full disk, /dev/full, an I/O error): what
    zjplan printed did not all arrive, which is never a success."""

    def __init__(self, stream: Any, error: OSError) -> None:
        name = {1: "standard output", 2: "standard error"}.get(_fileno(stream), "the output")
        super().__init__(f"cannot write to {name}: {error.strerror or error}")


def _fileno(stream: Any) -> int:
    try:
        return int(stream.fileno())
    except (AttributeError, OSError, ValueError):
        return -1
