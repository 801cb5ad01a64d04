"""A wide table where the terminal holds it, a narrow layout where it does not."""

from __future__ import annotations

from rich.console import Console, ConsoleOptions, RenderableType, RenderResult


class Fitted:
    """The wide renderable where it fits; else the narrow one (a block per row), so that
    an 80-column terminal never gets a table whose columns are squeezed until ids and
    names break into pieces of four letters."""

    def __init__(self, wide: RenderableType, narrow: RenderableType) -> None:
        self.wide, self.narrow = wide, narrow

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        needed = console.measure(self.wide, options=options.update(width=10_000)).maximum
        yield self.wide if needed <= options.max_width else self.narrow
