"""Bulk work on many small objects without the cyclic garbage collector re-scanning them.

Reading a million rows makes a million tuples; each collection of the oldest generation
walks all of them, which made reading 1M rows about 50% slower. The rows hold no reference
cycles, so pausing the collector while they are made loses nothing; it is restored after.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def paused_gc() -> Iterator[None]:
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
