"""Table rows printed without rich's per-cell machinery are rich's own bytes, in colour or not.

`rows.rows` prints the rows of a `Laid` table itself (a 100,000-row table
took a minute through rich's `Table`); these tests hold it to what rich's
table prints for the same columns and widths: hypothesis draws cells with
styles and spans, wide and combining characters, odd spaces, long words and
several lines, and the two renderings must be the same bytes.
"""

from __future__ import annotations

from collections.abc import Iterator

from hypothesis import given, settings
from hypothesis import strategies as st
from rich.console import Console, ConsoleOptions, RenderResult
from rich.segment import Segment
from rich.style import Style
from rich.text import Text

from tracker.render import layout, rows
from tracker.render.layout import Column, Laid, Layout

STYLES = [
    "",
    "dim",
    "italic",
    "bold",
    "green",
    "italic magenta",
    "red on white",
    Style(bold=True, underline=True),
]
CHARACTERS = "abc xyz-0123 ·é中\u0301\xa0\u2009\t."  # one-cell, wide, combining, odd spaces, a tab


class Reference:
    """A `Laid` table as rich's own `Table` prints it: the way `Laid` printed it before `rows`."""

    def __init__(self, laid: Laid) -> None:
        self.laid = laid

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        laid = self.laid
        columns = laid.layout.shown(options.max_width)
        headers, widths = laid.layout.widths(options.max_width)
        needed = sum(widths) + layout.GAP * (len(widths) - 1)
        if needed > options.max_width:
            options = options.update_width(needed)
        table = layout._table(laid.title, laid.caption, header=laid.top)
        for column, header, width in zip(columns, headers, widths, strict=True):
            table.add_column(header, width=width, justify=column.justify)  # type: ignore[arg-type]
        for row in zip(*(c.cells[laid.rows] for c in columns), strict=True):
            table.add_row(*row)
        for line in console.render_lines(table, options, pad=False):
            yield from line
            yield Segment.line()


@st.composite
def cells(draw: st.DrawFn) -> Text:
    text = Text(draw(st.text(CHARACTERS, max_size=30)), style=draw(st.sampled_from(STYLES)))
    for _ in range(draw(st.integers(0, 3))):
        piece = draw(st.text(CHARACTERS, max_size=12))
        joiner = draw(st.sampled_from(["", " ", "\n"]))
        text.append(joiner + piece, style=draw(st.sampled_from(STYLES)) or None)
    if text.plain and draw(st.booleans()):  # a span over part of what is there
        start = draw(st.integers(0, len(text.plain) - 1))
        end = draw(st.integers(start + 1, len(text.plain)))
        text.stylize(draw(st.sampled_from(STYLES[1:])), start, end)
    return text


@st.composite
def tables(draw: st.DrawFn) -> list[Column]:
    count = draw(st.integers(1, 4))
    height = draw(st.integers(0, 6))
    ratios = [draw(st.sampled_from([0, 0, 1, 3])) for _ in range(count)]
    return [
        Column(
            draw(st.sampled_from(["Date", "Kind", "Who", "Event", "#"])),
            [draw(cells()) for _ in range(height)],
            ratio=ratios[i],
            justify=draw(st.sampled_from(["left", "left", "right"])),
            least=draw(st.integers(0, 6)),
            fold=draw(st.booleans()) and ratios[i] == 0 and any(ratios),  # folds into a description
        )
        for i in range(count)
    ]


def printed(console: Console, renderable: object) -> bytes:
    return b"".join(layout.printed(console, [renderable]))  # type: ignore[list-item]


def consoles(width: int) -> Iterator[Console]:
    yield Console(width=width, highlight=False, color_system=None)
    yield Console(width=width, highlight=False, force_terminal=True, color_system="truecolor")
    yield Console(width=width, highlight=False, force_terminal=True, color_system="standard")


@settings(max_examples=120, deadline=None)
@given(columns=tables(), width=st.integers(20, 120), title=st.sampled_from([None, "A title"]))
def test_rows_are_rich_tables_own_bytes(columns, width, title):
    caption = "A caption that runs on for a while, so that it wraps at the narrower widths."
    for console in consoles(width):
        laid = Laid(title, caption, columns)
        assert printed(console, laid) == printed(console, Reference(laid))


@settings(max_examples=40, deadline=None)
@given(columns=tables(), width=st.integers(20, 120), batch=st.integers(1, 3))
def test_pieces_of_a_long_table_are_rich_tables_pieces(columns, width, batch):
    shared = Layout(columns)
    height = len(columns[0].cells)
    for console in consoles(width):
        for start in range(0, max(height, 1), batch):
            piece = dict(
                title=None, caption=None, columns=shared, rows=slice(start, start + batch), top=False
            )
            if start == 0:
                piece.update(title="Title", top=True)
            if start + batch >= height:
                piece["caption"] = "Caption."
            laid = Laid(**piece)  # type: ignore[arg-type]
            assert printed(console, laid) == printed(console, Reference(laid))


@settings(max_examples=500, deadline=None)
@given(cell=cells(), width=st.integers(1, 40), justify=st.sampled_from(["left", "right"]))
def test_the_word_wrap_is_riches_where_it_applies(cell, width, justify):
    """Where `_wrapped` takes a cell, its lines are the ones rich's `Text.wrap` makes."""
    console = Console(width=200)
    ranges = rows._wrapped(cell, width, justify)
    if ranges is None:
        return
    ours = [" " * left + cell.plain[start:end] + " " * right for start, end, left, right in ranges]
    theirs = cell.wrap(console, width, justify=justify, overflow="ellipsis")  # type: ignore[arg-type]
    assert ours == [line.plain for line in theirs]


def test_the_fast_path_takes_plain_and_styled_one_cell_text_and_leaves_the_rest_to_rich():
    assert rows._wrapped(Text("2025-11-06"), 10, "left") == [(0, 10, 0, 0)]
    assert rows._wrapped(Text("a b\nc", style="dim"), 3, "right") == [(0, 3, 0, 0), (4, 5, 2, 0)]
    assert rows._wrapped(Text("Kazakhstan · 2 sources"), 12, "left") is not None  # · is one cell
    assert rows._wrapped(Text("中国"), 10, "left") is None  # two cells a character: rich's to measure
    assert rows._wrapped(Text("e\u0301"), 10, "left") is None  # a combining accent: no cell of its own
    assert rows._wrapped(Text("abcdefgh"), 4, "left") is None  # wider than the column: rich crops it
