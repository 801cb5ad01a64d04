"""Reading progress reports: every file a city or the province sends, into rows and problems.

The package's modules, from the bottom up (imports point down this list only):

- ``store``: the rows as typed columns, and the Observation tuple;
- ``vector``: numpy passes over the columns, for large stores;
- ``result``: what a read gives (FileSummary per file, Progress);
- ``sources``: bytes to rows (decoding, csv, xlsx), with the bounds on untrusted files;
- ``budget``: the run's problem budget (every problem counted, the first 10,000 a file listed);
- ``header``: which column is which;
- ``fastpath``: whether a row has the common shape, and then taking it in bulk;
- ``checked``: any other row, cell by cell, every mistake reported;
- ``crosscheck``: checks across rows and files, after reading;
- ``reader``: the files of one run, through all of the above.
"""

from __future__ import annotations

from zjplan.progress.reader import read_progress, read_progress_text
from zjplan.progress.result import FileSummary, Progress
from zjplan.progress.store import Observation

__all__ = ["FileSummary", "Observation", "Progress", "read_progress", "read_progress_text"]
