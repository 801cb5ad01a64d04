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
import zipfile
from collections.abc import Iterable, Iterator
from datetime import date, datetime
from pathlib import Path

SUFFIXES = (".csv", ".xlsx")
MAX_FILE_BYTES = 200 * 1024 * 1024
MAX_XLSX_UNZIPPED = 100 * 1024 * 1024
MAX_XLSX_RATIO = 100
MAX_XLSX_COLUMNS = 1000
TEMPLATE_SHEET = "进度填报"

Rows = Iterator[tuple[int, list[str]]]


class SourceError(Exception):
    """The file cannot be read as a table: a code, a message, and where it stopped."""

    def __init__(self, code: str, message: str, line: int = 0, hint: str = "") -> None:
        super().__init__(message)
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


def decode(raw: bytes) -> tuple[str, str]:
    """Decode once, recording how: UTF-8 (with or without BOM), UTF-16 with BOM, GB18030."""
    if raw.startswith(codecs.BOM_UTF8):
        return raw[3:].decode("utf-8"), "utf-8-sig"
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return raw.decode("utf-16"), "utf-16"
        except UnicodeDecodeError as exc:
            raise SourceError("bad-encoding", "broken UTF-16 text", 1) from exc
    try:
        return raw.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as utf8:
        try:
            return raw.decode("gb18030"), "gb18030"
        except UnicodeDecodeError:
            line = raw.count(b"\n", 0, utf8.start) + 1
            raise SourceError(
                "bad-encoding",
                "the text is neither UTF-8 nor GB18030",
                line,
                "save the file as UTF-8 (CSV UTF-8 in Excel)",
            ) from utf8


def read_bytes(path: Path) -> bytes:
    """A regular file's bytes, refusing FIFOs, devices and oversized files before reading."""
    try:
        info = os.stat(path)
        if not stat.S_ISREG(info.st_mode):
            raise SourceError("not-a-file", "not a regular file (a FIFO, device or folder?)")
        if info.st_size > MAX_FILE_BYTES:
            raise SourceError("file-too-large", f"larger than {MAX_FILE_BYTES >> 20} MiB")
        with open(path, "rb") as fh:
            return fh.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        raise SourceError("file-not-found", f"cannot read: {exc.strerror or exc}") from exc


def csv_rows(text: str) -> Rows:
    """Rows of a CSV text; strict quoting; the line is where the row starts."""
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    start = 1
    try:
        for row in reader:
            yield start, row
            start = reader.line_num + 1
    except csv.Error as exc:
        raise SourceError("bad-csv", f"malformed CSV: {exc}", start, "check the quotes") from exc


def _text(value: object) -> str:
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


def _check_zip(path: Path) -> None:
    """Bound an xlsx before parsing it: its unzipped size and compression ratio."""
    try:
        with zipfile.ZipFile(path) as archive:
            total = 0
            for info in archive.infolist():
                total += info.file_size
                ratio = info.file_size / max(info.compress_size, 1)
                if total > MAX_XLSX_UNZIPPED or (
                    info.file_size > 1 << 20 and ratio > MAX_XLSX_RATIO
                ):
                    raise SourceError(
                        "xlsx-too-large",
                        "the workbook unpacks to more than zjplan reads (a zip bomb?)",
                        hint="save it again from Excel, or as CSV",
                    )
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise SourceError("bad-xlsx", f"not a readable .xlsx file: {exc}") from exc


def xlsx_rows(path: Path) -> tuple[str, Rows]:
    """The template's sheet (进度填报) or else the first sheet, as rows of text cells."""
    from python_calamine import CalamineWorkbook

    _check_zip(path)
    try:
        book = CalamineWorkbook.from_path(str(path))
        name = TEMPLATE_SHEET if TEMPLATE_SHEET in book.sheet_names else book.sheet_names[0]
        sheet = book.get_sheet_by_name(name)
        top, left = sheet.start or (0, 0)
        if sheet.width > MAX_XLSX_COLUMNS:
            raise SourceError(
                "xlsx-too-large",
                f"the sheet is {sheet.width} columns wide; a progress sheet needs a few",
                hint="delete the stray cells far to the right",
            )
        rows = sheet.iter_rows()
    except SourceError:
        raise
    except Exception as exc:  # calamine raises its own error types for broken workbooks
        raise SourceError("bad-xlsx", f"not a readable .xlsx file: {exc}") from exc

    def generate() -> Rows:
        # calamine starts at the first used cell; keep the sheet's real row and column.
        for index, row in enumerate(rows):
            yield top + index + 1, [""] * left + [_text(v) for v in row]

    return name, generate()


def find_files(paths: Iterable[Path], suffixes: tuple[str, ...] = SUFFIXES) -> list[Path]:
    """The files named, and those under the directories named, in a stable order.

    Links inside a directory are not followed: a submissions folder cannot point a
    reader at files outside it.
    """
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            for root, dirs, files in os.walk(path, followlinks=False):
                dirs.sort()
                for name in sorted(files):
                    full = Path(root) / name
                    if name.lower().endswith(suffixes) and not full.is_symlink():
                        found.append(full)
        else:
            found.append(path)
    return found
