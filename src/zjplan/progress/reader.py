"""Read progress reports (CSV or xlsx, one row per figure) into observations and problems.

Files are read one at a time and every row is checked on its own, so a city officer sees
every mistake of a file in one run while the good rows are still used.
"""

from __future__ import annotations

import csv
import os
import stat
import time
from array import array
from collections.abc import Iterable
from datetime import date, datetime

from zjplan.errors import Severity
from zjplan.gcpause import paused_gc
from zjplan.model import Plan
from zjplan.progress import passes
from zjplan.progress.budget import Budget, unlisted_problem
from zjplan.progress.checked import RowChecker
from zjplan.progress.crosscheck import cross_check, file_owners
from zjplan.progress.fastpath import FastPath, KnownDates, Sheet, UnreadableRow
from zjplan.progress.header import (
    HEADER_ROWS,
    OPTIONAL,
    REQUIRED,
    Header,
    complete,
    near_misses,
    read_header,
)
from zjplan.progress.result import FileSummary, Progress
from zjplan.progress.sources import (
    SUFFIXES,
    Found,
    Inputs,
    Rows,
    SourceError,
    cell_ref,
    csv_error,
    csv_rows,
    decode,
    display_name,
    find_files,
    read_bytes,
    sniff_delimiter,
)
from zjplan.progress.store import Observation, Store
from zjplan.wording import Cell, Param, cell, words

HINT_REMOVE_ONE = words("hint-remove-one")

FUTURE_SLACK = 300.0  # seconds a file's time may run ahead of this clock (a share's skew)


class _Reader:
    """Reads the files of one run; knows the plan and every figure seen so far."""

    def __init__(self, plan: Plan, today: date, fast: bool = True, prefer: str = "") -> None:
        self.plan = plan
        self.prefer = prefer
        self.store = Store(plan)
        self.progress = Progress(store=self.store)
        self.budget = Budget(self.progress.problems)
        self.problem = self.budget.problem
        self.dates = KnownDates()  # both paths' good date spellings
        self.fast = FastPath(plan, self.store, today, self.dates, enabled=fast)
        self.checker = RowChecker(plan, today, self.dates, self.budget)
        self.headers: dict[tuple[str, ...], Header] = {}
        self.unpacked = 0  # bytes of workbooks handed to a parser in this run

    def new_file(self, name: str, kind: str = "csv", encoding: str = "") -> FileSummary:
        """The summary of a file about to be read, registered with the store."""
        summary = FileSummary(name, kind, encoding, index=self.store.add_file(name))
        self.progress.files.append(summary)
        return summary

    def read_file(self, path: str) -> None:
        name, renamed = display_name(path)
        suffix = os.path.splitext(name)[1].lower()
        kind = suffix.lstrip(".") if suffix in SUFFIXES else "other"
        summary = self.new_file(name, kind)
        # Read first (its time comes with it), its problems said in their order below.
        data, failed = b"", None
        unread = kind == "other" and _regular(path)  # not a table: named, not read
        if unread:
            summary.mtime = _mtime(path)
        else:  # a table, or what is refused as not a file
            try:
                # a regular file under the limit; a text refused early if no cell could hold it
                data, summary.mtime = read_bytes(path, text=kind == "csv")
            except SourceError as exc:  # never a FIFO
                failed, summary.mtime = exc, _mtime(path)
        if summary.mtime > time.time() + FUTURE_SLACK:
            when = datetime.fromtimestamp(summary.mtime).strftime("%Y-%m-%d %H:%M")
            self.problem(
                summary,
                "file-time-in-future",
                words("file-time-in-future", when=when),
                hint=words("hint-clock"),
                severity=Severity.WARNING,
            )
            summary.mtime = 0.0  # an unknown time: it can tie with another, never beat it
        if renamed is not None:
            self.problem(summary, "file-name-encoding", renamed, severity=Severity.WARNING)
        if unread:
            self.problem(
                summary,
                "file-not-read",
                words("file-not-read", suffix=suffix) if suffix else words("file-not-read-bare"),
                hint=words("hint-save-xlsx"),
            )
            return
        try:
            if failed is not None:
                raise failed
            if kind in ("xlsx", "xlsm", "xls", "xlsb", "ods"):
                from zjplan.progress.workbook import guarded_rows, xlsx_rows  # spreadsheets only

                reader = xlsx_rows if kind in ("xlsx", "xlsm") else guarded_rows
                self.spend(data)
                chosen, rows = reader(data)
                summary.sheet, summary.special = chosen.name, chosen.special
                summary.sheets_looked_at = list(chosen.looked_at)
                if chosen.hidden:
                    names = ", ".join(repr(n[:40]) for n in chosen.hidden[:5])
                    self.problem(
                        summary,
                        "hidden-sheet",
                        words("hidden-sheets", names=names, sheet=cell(chosen.name)),
                        severity=Severity.WARNING,
                    )
                for top, left, bottom, right in chosen.merged[:20]:
                    span = f"{cell_ref(top, left)}:{cell_ref(bottom, right)}"
                    self.problem(
                        summary,
                        "merged-cell",
                        words("merged-cell", span=span, rows=bottom - top + 1),
                        top,
                        left,
                        words("hint-unmerge"),
                        Severity.WARNING,
                    )
            else:
                decoded = decode(data, runs_checked=True)
                summary.encoding = decoded.encoding
                if decoded.mixed_line:
                    self.problem(
                        summary,
                        "mixed-encoding",
                        words("mixed-encoding"),
                        decoded.mixed_line,
                        1,
                        words("hint-save-whole"),
                        Severity.WARNING,
                    )
                delimiter = sniff_delimiter(decoded.text)
                summary.delimiter = delimiter
                if delimiter != ",":
                    summary.encoding += f", {'tab' if delimiter == chr(9) else delimiter}-separated"
                rows = csv_rows(decoded.text, delimiter)
            self.read_rows(rows, summary)
        except SourceError as exc:
            self.problem(summary, exc.code, exc.message, exc.line, 1 if exc.line else 0, exc.hint)

    def spend(self, data: bytes) -> None:
        """Count a workbook against the run's budget (its unzipped size as the zip declares
        it, else its size), or refuse it unparsed once the run has spent RUN_UNPACKED: each
        workbook is bounded on its own, and this bounds a folder of them."""
        from zjplan.progress.workbook import RUN_UNPACKED, unpacked_size

        cost = unpacked_size(data)
        if self.unpacked + cost > RUN_UNPACKED:
            raise SourceError(
                "run-budget-spent",
                words("run-budget-spent", spent=self.unpacked >> 20, limit=RUN_UNPACKED >> 20),
                hint=words("hint-separate-run"),
            )
        self.unpacked += cost

    def read_rows(self, rows: Rows, summary: FileSummary) -> None:
        it = iter(rows)
        prev = 0  # the line the previous row ended on
        try:
            for first in it:
                line, prev = prev + 1, rows.line_num
                if any(c.strip() for c in first):
                    break  # blank lines above the header are skipped
            else:
                self.problem(
                    summary, "empty-file", words("empty-file"), 1, 1, words("hint-header-row")
                )
                return
            if not complete(self.known(first)[0]):
                # A title or a note above the form: its header is looked for below.
                for _ in range(HEADER_ROWS - 1):
                    row = next(it, None)
                    if row is None:
                        break
                    if complete(self.known(row)[0]):
                        line, first, prev = prev + 1, row, rows.line_num
                        break
                    prev = rows.line_num
            columns = self.header(line, first, summary)
            if columns is None:
                return
            summary.columns = columns
            summary.width = len(first)

            if summary.special:  # a sheet with cells to speak of: every row is checked
                leftovers: Iterable[tuple[list[str], int]] = ((row, rows.line_num) for row in it)
            else:
                leftovers = self.fast.read(
                    it, rows, prev, Sheet(columns, summary.width, summary.index)
                )
            try:
                for row, at in leftovers:
                    obs = self.checker.row(row, at, columns, summary)
                    if obs is not None:
                        self.add(obs, summary)
            finally:  # the rows taken fast count even when a later row cannot be read
                summary.rows += self.fast.taken
                summary.used += self.fast.taken
                self.fast.taken = 0
        except UnreadableRow as exc:
            raise csv_error(exc.error, exc.line) from exc
        except csv.Error as exc:  # in the header, or the blank lines above it
            raise csv_error(exc, prev + 1) from exc

    def known(self, header: list[str]) -> Header:
        """A row read as a header; files of one template share it, so it is read once."""
        key = tuple(header)
        found = self.headers.get(key)
        if found is None:
            found = read_header(header)
            if len(self.headers) < 1000:
                self.headers[key] = found
        return found

    def header(self, line: int, header: list[str], summary: FileSummary) -> dict[str, int] | None:
        """The header's columns, each problem of it reported; None when it has no form."""
        columns, unknown = self.known(header)
        if isinstance(columns, tuple):
            index, name = columns
            self.problem(
                summary,
                "duplicate-column",
                words("duplicate-column", cell=Cell(name)),
                line,
                index + 1,
                words("hint-delete-one"),
            )
            return None
        if unknown:
            names = ", ".join(repr(k[:40]) for _, k in unknown[:5])
            self.problem(
                summary,
                "unknown-column",
                words("unknown-columns-more", names=names, more=len(unknown) - 5)
                if len(unknown) > 5
                else words("unknown-columns", names=names),
                line,
                unknown[0][0] + 1,
                words("hint-columns", names=", ".join(REQUIRED + OPTIONAL)),
                Severity.WARNING,
            )
        missing = [c for c in REQUIRED if c not in columns]
        if missing:
            close = near_misses(unknown, missing)
            looked = summary.sheets_looked_at
            hint = (
                words("hint-header-did-you-mean", guess="; ".join(close))
                if close
                else words("hint-header-needs")
            )
            names = ", ".join(missing)
            self.problem(
                summary,
                "missing-column",
                words("missing-columns-sheets", names=names, sheets=", ".join(looked))
                if len(looked) > 1
                else words("missing-columns", names=names),
                line,
                1,
                hint,
            )
            return None
        return dict(columns)

    def add(self, obs: Observation, summary: FileSummary) -> None:
        self.store.add(obs, summary.index)
        summary.used += 1

    def remove_duplicates(self) -> None:
        """The same target, region and date given twice. The same value: the first (in
        reading order) is kept and the later reported. Different values (a conflict): the
        region's own file beats a foreign file's row; between two files of one region the
        newer wins under ``--prefer newest``; else neither is used, and an error names both."""
        store, files = self.store, self.progress.files
        kept, repeats = passes.sorted_unique(store)
        groups: dict[int, list[int]] = {}
        for first, later in repeats:
            files[store.file[later]].used -= 1
            groups.setdefault(first, [first]).append(later)
        value = store.value
        winners: list[int] = []
        owners: list[str | None] | None = None
        for rows in groups.values():
            first = rows[0]
            if all(value[i] == value[first] for i in rows):
                for later in rows[1:]:
                    self.report_repeat(first, later, files[store.file[later]])
                continue
            files[store.file[first]].used -= 1
            if owners is None:  # who owns which file: only asked when figures conflict
                every = range(len(store))
                owners = [o.city for o in file_owners(self.plan, store, every, files)]
            winner, why = self.winner(rows, owners)
            if winner is None:
                o = store.observation(first)
                self.checker.fail(o.target_id, o.region, "conflict")
                for later in rows[1:]:
                    self.report_repeat(first, later, files[store.file[later]], conflict=True)
                continue
            winners.append(winner)
            files[store.file[winner]].used += 1
            for row in rows:
                if row != winner:
                    self.report_repeat(winner, row, files[store.file[row]], why=why)
        if winners:
            kept = array("I", sorted([*kept, *winners], key=store.sort_key))
        self.progress.rows = kept

    def winner(self, rows: list[int], owners: list[str | None]) -> tuple[int | None, str]:
        """The row whose figure stands among conflicting ones, and why; (None, "") when none
        can be chosen (the rows are of one file, or of two files of one region)."""
        store, files = self.store, self.progress.files
        value, names = store.value, store.region_names
        own = [i for i in rows if owners[store.file[i]] == names[store.region[i]]]
        pool = own or rows  # another region's file gives way to the region's own
        if len(pool) < len(rows) and len({value[i] for i in pool}) == 1:
            return pool[0], "own"
        if self.prefer == "newest" and len({store.file[i] for i in pool}) > 1:
            newest = max(files[store.file[i]].mtime for i in pool)
            top = [i for i in pool if files[store.file[i]].mtime == newest]
            if len({store.file[i] for i in top}) == 1 and len({value[i] for i in top}) == 1:
                return top[0], "newest"
        return None, ""

    def report_repeat(
        self,
        first_row: int,
        later_row: int,
        summary: FileSummary,
        *,
        conflict: bool = False,
        why: str = "",
    ) -> None:
        """A repeated figure at ``later_row``: the same as ``first_row`` (a warning); a
        conflict neither side of which is used (an error); or, with ``why``, a figure that
        gave way to ``first_row``'s (the region's own file, or the newer file: a warning)."""
        store = self.store
        same = store.value[first_row] == store.value[later_row]
        severity = Severity.ERROR if conflict and not same else Severity.WARNING
        if not self.budget.listed(summary, severity):
            return  # counted only: its message is not made (a file may repeat every row)
        first, later = store.observation(first_row), store.observation(later_row)
        where = f"{first.file}:{first.line}"
        column = summary.columns["value"] + 1
        if same:
            self.budget.list_problem(
                summary, "duplicate-row", words("duplicate-row", where=where), later.line,
                column, HINT_REMOVE_ONE, severity,
            )  # fmt: skip
            return
        figures: dict[str, Param] = {
            "id": later.target_id,
            "region": later.region,
            "day": later.as_of,
            "value": later.value,
            "other": first.value,
            "where": where,
        }
        if why == "own":
            code = "conflict-resolved"
            message = words("conflict-own", owner=first.region, **figures)
            hint = words("hint-remove-row")
        elif why:
            code = "conflict-resolved"
            message = words("conflict-newer", **figures)
            hint = words("hint-remove-older")
        else:
            code = "conflicting-value"
            message = words("conflicting-value", **figures)
            hint = words("hint-two-files" if first.file != later.file else "hint-keep-right")
        self.budget.list_problem(summary, code, message, later.line, column, hint, severity)

    def finish(self) -> Progress:
        progress = self.progress
        self.dates.forget()
        self.remove_duplicates()
        progress.failed = self.checker.failed
        files = progress.files
        owners = file_owners(self.plan, self.store, progress.rows, files)
        for summary, owner in zip(files, owners, strict=True):
            summary.regions, summary.owner = owner.regions, owner.city
        for index, problem in cross_check(self.plan, self.store, progress.rows, files, owners):
            self.budget.add(problem, files[index])
        del owners  # one a file: 15 MB of 200,000 files, not to be held while problems sort
        progress.problems += filter(None, map(unlisted_problem, files))
        progress.sort_problems()
        return progress


def _mtime(path: str) -> float:
    try:
        return os.stat(path).st_mtime
    except OSError:
        return 0.0


def _regular(path: str) -> bool:
    """A regular file (stat opens nothing, so a FIFO cannot hang it); the rest is refused
    as not-a-file when read."""
    try:
        return stat.S_ISREG(os.stat(path).st_mode)
    except OSError:
        return False


def read_progress(
    paths: Inputs,
    plan: Plan,
    today: date | None = None,
    *,
    fast: bool = True,
    prefer: str = "",
) -> Progress:
    """Read every CSV and spreadsheet file named, or found under the directories named.

    ``fast=False`` sends every row through the checked path: the same result, slower (the
    differential test holds the two paths to that). ``prefer="newest"``: between two files
    of one region giving one figure differently, the newer file's stands."""
    reader = _Reader(plan, today or date.today(), fast, prefer)
    with paused_gc():
        found = paths if isinstance(paths, Found) else find_files(paths)
        reader.progress.skipped_files = found.skipped
        for folder, why in found.unlisted:
            summary = reader.new_file(folder, "folder")
            reader.problem(
                summary,
                "folder-not-read",
                words("folder-not-read", why=why),
                hint=words("hint-readable"),
            )
        for path in found.files:
            reader.read_file(os.fspath(path))
        return reader.finish()


def read_progress_text(
    text: str, plan: Plan, file: str = "<text>", today: date | None = None, *, fast: bool = True
) -> Progress:
    """Read one CSV document given as text (for tests and scripts)."""
    reader = _Reader(plan, today or date.today(), fast)
    summary = reader.new_file(file, "csv", "text")
    try:
        summary.delimiter = sniff_delimiter(text)
        reader.read_rows(csv_rows(text, summary.delimiter), summary)
    except SourceError as exc:
        reader.problem(summary, exc.code, exc.message, exc.line, 1, exc.hint)
    return reader.finish()
