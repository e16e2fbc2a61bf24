"""Corrections in tables: beneath `show`'s citations, and after `changes`'s news (imported only for tables).

A correction is about the record, not the world: it is listed apart from the
news, dated the day it was made, with what the log said before and why.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import RenderableType
from rich.padding import Padding
from rich.text import Text

from tracker.queries.changes import ChangeList
from tracker.queries.corrections import CorrectionRow, described
from tracker.render.layout import Column, Laid, literal
from tracker.render.text import count


def listed(rows: Sequence[CorrectionRow]) -> list[RenderableType]:
    """`show`: each correction of the event, numbered, with its reason beneath."""
    if not rows:
        return []
    out: list[RenderableType] = [Text(f"\nCorrections ({len(rows)})", style="bold")]
    for number, row in enumerate(rows, start=1):
        c = row.correction
        out.append(literal(f"{number}. {c.date} {c.kind.value}: {described(row)}"))
        out.append(Padding(literal(" ".join(c.reason.split()), "dim"), (0, 0, 0, 3)))
    return out


def table(result: ChangeList) -> list[RenderableType]:
    """`changes`: the corrections made in the window, after the news, in the order made."""
    if not result.corrections:
        return []
    window = f"{result.since.isoformat()} to {result.until.isoformat()}"
    columns = [Column("Made"), Column("Correction", ratio=1, least=12), Column("Of", ratio=3)]
    for row in result.corrections:
        c = row.correction
        what, item_id = c.subject
        subject = literal(row.title or f"{what} {item_id}")
        subject.append("\n")
        subject.append_text(literal(row.now or item_id, "dim"))
        subject.append("\n")
        subject.append_text(literal(described(row)))
        subject.append("\n")
        subject.append_text(literal(" ".join(c.reason.split()), "dim"))
        cells = (Text(c.date.iso()), Text(f"{what}\n{c.kind.value}"), subject)
        for column, cell in zip(columns, cells, strict=True):
            column.cells.append(cell)
    caption = (
        f"{count(len(result.corrections), 'correction')} of the log made in the window: what it asserted "
        "before, and why it changed."
    )
    return [Laid(f"Corrections from {window}", caption, columns)]


def summary(result: ChangeList) -> str:
    """The summary line's part about corrections ('' when there are none)."""
    if not result.corrections:
        return ""
    return f"; {count(len(result.corrections), 'correction')} of the log"
