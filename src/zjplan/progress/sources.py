"""Turn input files into rows of text cells: decoding, CSV, xlsx, and finding the files.

Every source yields ``(line, cells)`` with cells as text, so one parser (numbers.py)
reads every value whatever the file format. Problems with the file itself raise
:class:`SourceError` with the line where reading stopped.
"""

from __future__ import annotations

import codecs
import csv
import io
import os
import stat
from collections.abc import Iterable, Iterator, Sequence
from datetime import date, datetime
from pathlib import Path
from typing import Any, NamedTuple, Protocol

from zjplan.files import FileProblem, read_regular_dated
from zjplan.wording import Words, words

MAX_FILE_BYTES = 200 * 1024 * 1024
LINES_PIECE = 1 << 20  # characters of text handed to StringIO at once
MAX_CELL = 16 * 1024  # characters of one cell: a note needs less, a 120 KB id is an attack
LONG_RUN = 4 * MAX_CELL  # bytes without a separator no cell can hold past (4 a character)
MAX_LINE = 1 << 20  # characters of one line past a piece's end: a 99 MB line is refused
MAX_XLSX_UNZIPPED = 100 * 1024 * 1024
MAX_XLSX_RATIO = 100
MAX_XLSX_COLUMNS = 1000
TEMPLATE_SHEET = "进度填报"


class Rows(Protocol):
    """Rows of text cells; ``line_num`` is the line the last row returned ended on."""

    @property
    def line_num(self) -> int: ...

    def __iter__(self) -> Iterator[list[str]]: ...


class SourceError(Exception):
    """The file cannot be read as a table: a code, the sentence that says why (named, see
    wording.Words), where it stopped, and how to fix it."""

    def __init__(self, code: str, message: Words, line: int = 0, hint: Words | None = None) -> None:
        super().__init__(code)
        self.code = code
        self.message = message
        self.line = line
        self.hint = hint


def cell_ref(line: int, column: int) -> str:
    """Spreadsheet reference of a 1-based cell: (14, 2) -> B14."""
    letters = ""
    while column > 0:
        column, rest = divmod(column - 1, 26)
        letters = chr(65 + rest) + letters
    return f"{letters}{line}"


class Decoded(NamedTuple):
    """Text decoded once, how it was decoded, and the first line in a second encoding."""

    text: str
    encoding: str
    mixed_line: int = 0


def decode(raw: bytes, runs_checked: bool = False) -> Decoded:
    """Decode once, recording how: UTF-8 (with or without BOM), UTF-16 with BOM, GB18030,
    or line by line when a file mixes UTF-8 and GB18030 lines (pasted from two sources).
    ``runs_checked``: the bytes were read by read_bytes(text=True), which has looked for a
    run too long for a cell."""
    if raw.startswith(codecs.BOM_UTF8):
        raw, bom = raw[3:], True
    else:
        bom = False
        if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            try:
                return Decoded(raw.decode("utf-16"), "utf-16")
            except UnicodeDecodeError as exc:
                raise SourceError("bad-encoding", words("broken-utf16"), 1) from exc
    # A run of bytes with no separator that no cell could hold is refused before decoding
    # (decoding a 180 MB file of 120 KB ids took 550 MB before csv's limit said no);
    # read_bytes(text=True) has refused it while reading.
    if not runs_checked:
        LongRuns()(raw)
    nul = raw.find(b"\x00")
    if nul >= 0:
        raise SourceError(
            "binary-file",
            words("nul-bytes"),
            raw.count(b"\n", 0, nul) + 1,
            words("hint-export-csv"),
        )
    try:
        return Decoded(raw.decode("utf-8"), "utf-8-sig" if bom else "utf-8")
    except UnicodeDecodeError:
        pass
    if not bom:
        try:
            return Decoded(raw.decode("gb18030"), "gb18030")
        except UnicodeDecodeError:
            pass
    return _decode_lines(raw)


_SEPARATORS = (b"\n", b",", b";", b"\t", b"\r")
_STRETCH = (4 * MAX_CELL + 1) // 2


class LongRuns:
    """Refuses a CSV text's bytes holding a run without a separator longer than a cell may
    be (cell-too-long, at its line). Called with the bytes read so far, again and again as
    a file is read (files.read_regular_dated's ``inspect``), it looks only at what it has
    not looked at: a 180 MB file of 120 KB ids is refused after its first piece, never
    held whole. The runs are looked for past a UTF-8 byte-order mark, as decode reads the
    text; a UTF-16 text (with its mark) is decoded whole and csv bounds its cells.

    A run that long covers a whole stretch of half its length, so the text is looked at a
    stretch at a time (a find for each separator, which stops at the first); a stretch
    with none is measured: how far its run reaches back and on (rfind and find, linear).
    A regular expression of the long run took ~10 s on one 40 KB cell (it tried each of
    the cell's bytes as a start). The first long run found is the text's first: a run
    that long before it would have filled an earlier stretch."""

    def __init__(self) -> None:
        self.begin = -1  # where the text starts (past a UTF-8 mark); -1: not yet known
        self.next = 0  # where the stretches not looked into begin

    def __call__(self, raw: bytes | bytearray) -> None:
        if self.begin < 0:
            if len(raw) < len(codecs.BOM_UTF8):  # too little to tell (and to look into)
                return
            if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
                self.begin = self.next = len(raw) + MAX_FILE_BYTES  # never looked into
                return
            self.begin = self.next = 3 if raw.startswith(codecs.BOM_UTF8) else 0
        size = len(raw)
        while self.next + _STRETCH <= size:
            start, end = self.next, self.next + _STRETCH
            if any(raw.find(sep, start, end) >= 0 for sep in _SEPARATORS):
                self.next = end
                continue
            # Each way only as far as a run may reach and still fit: a separator this text
            # never has would otherwise be looked for to its ends at every such stretch.
            low = max(self.begin, start - LONG_RUN - 1)
            first = max(low, max(raw.rfind(sep, low, start) for sep in _SEPARATORS) + 1)
            high = min(size, first + LONG_RUN + 1)
            after = [raw.find(sep, end, high) for sep in _SEPARATORS]
            last = min((at for at in after if at >= 0), default=high)
            if last - first > LONG_RUN:
                raise SourceError(
                    "cell-too-long",
                    words("cell-too-long", kib=MAX_CELL // 1024),
                    raw.count(b"\n", 0, first) + 1,
                    words("hint-right-file"),
                )
            if last == size:  # the run may go on in the next piece: looked into again then
                return
            self.next = last


def _decode_lines(raw: bytes) -> Decoded:
    lines: list[str] = []
    utf8 = 0
    first_gb = 0
    for number, line in enumerate(raw.split(b"\n"), 1):
        try:
            lines.append(line.decode("utf-8"))
            utf8 += not line.isascii()
        except UnicodeDecodeError:
            try:
                lines.append(line.decode("gb18030"))
            except UnicodeDecodeError as exc:
                raise SourceError(
                    "bad-encoding",
                    words("not-utf8-or-gb"),
                    number,
                    words("hint-save-utf8"),
                ) from exc
            first_gb = first_gb or number
    encoding = "utf-8+gb18030" if utf8 else "gb18030"
    return Decoded("\n".join(lines), encoding, first_gb if utf8 else 0)


def read_bytes(path: str | Path, text: bool = False) -> tuple[bytes, float]:
    """A regular file's bytes, under MAX_FILE_BYTES (files.read_regular), and its
    modification time; or a SourceError. ``text``: a CSV text, refused while it is read
    when it holds a run too long for a cell (:class:`LongRuns`)."""
    try:
        return read_regular_dated(path, MAX_FILE_BYTES, inspect=LongRuns() if text else None)
    except FileProblem as exc:
        raise SourceError(exc.code, exc.message) from exc


def display_name(path: str | Path) -> tuple[str, Words | None]:
    """A file's name as text every output can carry, and a note when it had to be decoded.

    A name that is not UTF-8 (a zip made on Chinese Windows holds GBK names) reaches Python
    as surrogate escapes, which no JSON or terminal can print: it is decoded as GB18030,
    else with its bytes shown as escapes."""
    name = os.fspath(path)
    try:
        name.encode("utf-8")
        return name, None
    except UnicodeEncodeError:
        raw = os.fsencode(name)
    try:
        return raw.decode("gb18030"), words("file-name-gbk")
    except UnicodeDecodeError:
        return raw.decode("utf-8", "backslashreplace"), words("file-name-escaped")


def sniff_delimiter(text: str) -> str:
    """',' unless the header line has none but has ';' or a tab (European Excel, TSV)."""
    header = text[: text.find("\n")] if "\n" in text else text
    if "," not in header:
        for delimiter in (";", "\t"):
            if delimiter in header:
                return delimiter
    return ","


def csv_rows(text: str, delimiter: str = ",") -> Rows:
    """Rows of a CSV text with strict quoting. Iterate it directly; after each row,
    ``line_num`` is the row's last line, so a row starts one line after the previous ended.
    A csv.Error while iterating is turned into a SourceError by :func:`csv_error`. A cell
    over MAX_CELL characters stops the read, checked here: csv's own field limit is the
    process's, and a library does not change it under the program that embeds it (csv's
    default, 128 KiB, still bounds what one quoted cell may gather before that)."""
    lone_cr = "\r" in text and text.count("\r") != text.count("\r\n")  # most files: no \r
    if '"' not in text and "\0" not in text and not lone_cr:
        return SplitRows(text, delimiter)
    return LimitedRows(csv.reader(_lines(text), delimiter=delimiter, strict=True))


class LimitedRows:
    """csv.reader's rows, a cell over MAX_CELL characters raising what csv raises past its
    field limit, at the row that holds it."""

    def __init__(self, reader: Any) -> None:
        self.reader = reader

    def __iter__(self) -> Iterator[list[str]]:
        for row in self.reader:
            if sum(map(len, row)) > MAX_CELL and any(len(cell) > MAX_CELL for cell in row):
                raise csv.Error(f"field larger than field limit ({MAX_CELL})")
            yield row

    @property
    def line_num(self) -> int:
        return int(self.reader.line_num)


class SplitRows:
    """The rows of a CSV text without quotes, NULs or lone carriage returns: each line split
    at the delimiter, a blank line an empty row, as csv.reader gives them, in about half its
    time (most city files are of this kind). Read a piece at a time (_pieces), with the
    errors csv would raise where it would raise them: a line too long to read, a cell over
    MAX_CELL characters. A row is one line, so ``line_num`` is the number of rows given.

    Iterated, it gives rows; :meth:`take` gives the next lines unsplit, for the fast path
    to cut into columns (fastpath.columns_of) without making a list for each row."""

    def __init__(self, text: str, delimiter: str) -> None:
        self.delimiter = delimiter
        self.pieces = _pieces(text)
        self.lines: list[str] = []  # the current piece's
        self.pos = 0  # lines of the current piece given
        self.limit = 0  # lines of it that may be given: a cell too long stops it
        self.before = 0  # lines in the pieces before the current one

    def __iter__(self) -> Iterator[list[str]]:
        while lines := self.take(1):  # a row at a time: take() may be called between two
            yield from self.rows(lines)

    def rows(self, lines: list[str]) -> list[list[str]]:
        """Lines split at the delimiter, as csv reads them: a blank line is []."""
        delimiter = self.delimiter
        return [line.split(delimiter) if line else [] for line in lines]

    @property
    def line_num(self) -> int:
        return self.before + self.pos

    def take(self, most: int) -> list[str]:
        """The next lines, at most ``most`` and all of one piece, as given; [] at the end."""
        if not self.ready():
            return []
        start = self.pos
        self.pos = min(start + most, self.limit)
        return self.lines[start : self.pos]

    def ready(self) -> bool:
        """Whether a line is left to give, the next piece read when this one is done; at a
        cell too long, what csv raises past its field limit."""
        while self.pos == len(self.lines):
            piece = next(self.pieces, None)
            if piece is None:
                return False
            lines = piece.replace("\r\n", "\n").split("\n") if "\r" in piece else piece.split("\n")
            if lines[-1] == "":
                lines.pop()  # the break that ends the piece's last line
            self.before += len(self.lines)
            self.lines, self.pos, self.limit = lines, 0, len(lines)
            if len(piece) > MAX_CELL and max(map(len, lines)) > MAX_CELL:
                split, limit = self.delimiter, len(lines)
                self.limit = next(
                    (i for i, line in enumerate(lines) if _cell_too_long(line.split(split))), limit
                )
        if self.pos == self.limit:  # as csv says it, at the row that holds the cell
            raise csv.Error(f"field larger than field limit ({MAX_CELL})")
        return True


def _cell_too_long(row: list[str]) -> bool:
    return any(len(cell) > MAX_CELL for cell in row)


def _pieces(text: str) -> Iterator[str]:
    """The text ~LINES_PIECE characters at a time, each piece cut just after a \\n (in a file
    with none after that point, a \\r, which no \\n then follows), so a \\r\\n is never split;
    a line too long to read stops it."""
    start, size = 0, len(text)
    while start < size:
        cut = text.find("\n", start + LINES_PIECE, start + LINES_PIECE + MAX_LINE)
        if cut < 0:  # a file with \r line breaks only, or a line too long to read
            cut = text.find("\r", start + LINES_PIECE, start + LINES_PIECE + MAX_LINE)
        if cut < 0 and size > start + LINES_PIECE + MAX_LINE:
            line = text.count("\n", 0, start + LINES_PIECE) + 1
            raise SourceError(
                "line-too-long",
                words("line-too-long", mib=MAX_LINE >> 20),
                line,
                words("hint-short-lines"),
            )
        end = size if cut < 0 else cut + 1
        yield text[start:end]
        start = end


def _lines(text: str) -> Iterator[str]:
    """The text's lines with their line breaks, as one StringIO(newline="") gives them.

    StringIO keeps its text as 4 bytes a character: for a whole 200 MiB file that is 800 MB
    on top of the text. So it is given a piece at a time (_pieces): the same lines and line
    numbers, and a cell whose quotes span a cut is still read whole by csv."""
    for piece in _pieces(text):
        yield from io.StringIO(piece, newline="")


def csv_error(exc: csv.Error, line: int) -> SourceError:
    """The located problem for a CSV row that cannot be read (``line``: where it starts)."""
    if "field limit" in str(exc):
        return SourceError(
            "cell-too-long",
            words("cell-too-long", kib=MAX_CELL // 1024),
            line,
            words("hint-closing-quote"),
        )
    if "end of data" in str(exc):
        return SourceError("bad-csv", words("csv-runs-to-end"), line, words("hint-quote-open"))
    return SourceError(
        "bad-csv", words("malformed-csv", why=str(exc)), line, words("hint-check-quotes")
    )


# A merged range of cells, 1-based and inclusive: (top, left, bottom, right).
Merged = tuple[int, int, int, int]


class SheetRows:
    """A sheet's rows as text cells, read like a csv.reader (with ``line_num``).

    A merged range over several rows (地区 merged down a city's rows) gives its value to
    every cell it covers, as a person reading the sheet sees it."""

    def __init__(
        self,
        rows: Iterator[Sequence[object]],
        top: int,
        left: int,
        merged: Sequence[Merged] = (),
    ) -> None:
        self.rows = rows
        self.line_num = top
        self.left = [""] * left
        self.merged = sorted(merged)
        self.values: dict[Merged, str] = {}

    def __iter__(self) -> SheetRows:
        return self

    def __next__(self) -> list[str]:
        row = next(self.rows)
        self.line_num += 1
        cells = self.left + [cell_text(v) for v in row]
        if self.merged:
            self.fill(cells)
        return cells

    def fill(self, cells: list[str]) -> None:
        line = self.line_num
        for span in self.merged:
            top, left, bottom, right = span
            if top > line:
                break
            if line > bottom:
                continue
            if line == top:
                self.values[span] = cells[left - 1] if left <= len(cells) else ""
            value = self.values.get(span, "")
            if len(cells) < right:
                cells.extend([""] * (right - len(cells)))
            for column in range(left, right + 1):
                if not cells[column - 1]:
                    cells[column - 1] = value


def cell_text(value: object) -> str:
    """An xlsx cell as the text a person would have typed."""
    if value is None or value == "":
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() and abs(value) < 1e15 else repr(value)
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


# Files a submissions folder may hold, by how zjplan reads them.
SPREADSHEETS = (".xlsx", ".xlsm", ".xls", ".xlsb", ".ods")
SUFFIXES = (".csv", *SPREADSHEETS)
SYSTEM_FILES = frozenset({"thumbs.db", "desktop.ini", ".ds_store"})


class Found(NamedTuple):
    """What a walk found: the files to read (any file a person put there), those passed
    over on purpose with why (lock files, hidden and system files, links), and the folders
    that could not be listed with why (permissions, a path too long): never left out in
    silence, each is an error of the run."""

    files: list[str | Path]  # a folder's files as text: a Path costs ~300 bytes more each
    skipped: list[tuple[str, str]]
    unlisted: list[tuple[str, str]]
    # Paths named that do not exist (not even as a link): among ``files`` too, where reading
    # each says file-not-found; the command line refuses the run on them first (exit 2).
    missing: list[str | Path]


Inputs = Iterable[Path] | Found  # paths named, or what find_files found under them


def find_files(paths: Iterable[Path]) -> Found:
    """The files named, and every file under the folders named, in a stable order.

    Every regular file in a folder is a file to read: one zjplan cannot read is listed as
    not read, never left out. Excel and WPS lock files (~$name.xlsx), hidden files (.name)
    and system files are passed over, and so are links: a submissions folder cannot point
    a reader at files outside it. Folders are walked without recursion, so any depth is
    walked (or named as unlisted when its path grows too long)."""
    found = Found([], [], [], [])
    for path in paths:
        try:  # one status a path named (2,000 files named: 2,000 calls)
            folder = stat.S_ISDIR(os.stat(path).st_mode)
        except (OSError, ValueError):
            folder = False
            if not os.path.lexists(path):  # a link to nothing exists: reading it says why
                found.missing.append(path)
        if folder:
            _walk(str(path), found)
        else:
            found.files.append(path)
    return found


def _skip_reason(name: str) -> str:
    if name.startswith("~$"):
        return "an Excel or WPS lock file (the workbook was open when it was copied)"
    if name.lower() in SYSTEM_FILES:
        return "a system file"
    if name.startswith("."):
        return "a hidden file"
    return ""


def _walk(top: str, found: Found) -> None:
    """Each folder's files in name order, then its folders in name order, depth first."""
    stack = [top]
    while stack:
        folder = stack.pop()
        files: list[str] = []
        folders: list[str] = []
        try:
            with os.scandir(folder) as entries:
                for entry in entries:
                    if entry.is_symlink():
                        found.skipped.append((entry.path, "a link (links are not followed)"))
                        continue
                    if entry.is_dir(follow_symlinks=False):
                        if entry.name.startswith("."):
                            found.skipped.append((entry.path, "a hidden folder"))
                        else:
                            folders.append(entry.path)
                        continue
                    why = _skip_reason(entry.name)
                    if why:
                        found.skipped.append((entry.path, why))
                    else:
                        files.append(entry.path)
        except OSError as exc:
            found.unlisted.append((folder, exc.strerror or str(exc)))
            continue
        files.sort()
        found.files.extend(files)
        stack.extend(sorted(folders, reverse=True))
