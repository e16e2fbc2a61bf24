"""CSV and Markdown: the JSON records of a listing, one row each, in the columns `json.COLUMNS` chooses.

Both formats take the same columns from the same records (`json.records`),
so a value is computed once whichever way it is printed. Lists become text
joined with ';'. In CSV, text that a spreadsheet would run as a formula
(starting with =, +, -, @, a tab or a carriage return) gets a leading
apostrophe, the usual defence; in Markdown, everything Markdown would
render is escaped (`text.markdown`) and line breaks become spaces, so a
cell shows as typed and cannot break the table.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from tracker.render import json
from tracker.render.text import markdown

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_BATCH = 512


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return ";".join(_text(v) for v in value)
    return str(value)


def _inert_csv(value: str) -> str:
    return "'" + value if value.startswith(_FORMULA_START) else value


# CSV rows end with the log's review date, as JSON records do; a Markdown table is for
# reading, and a repeated date in every row would be noise there.
_REVIEWED: list[json.Column] = json.fields("reviewed")


def _rows(
    result: object, records: Iterable[dict[str, Any]], extra: Sequence[json.Column] = ()
) -> Iterator[list[str]]:
    columns = [*json.COLUMNS[type(result).__name__], *extra]
    yield [name for name, _ in columns]
    if isinstance(records, dict):  # an answer that is one object (info) is one row
        records = [records]
    for record in records:
        yield [_text(get(record)) for _, get in columns]


def csv_rows(result: object, records: Iterable[dict[str, Any]]) -> Iterator[bytes]:
    """RFC 4180 CSV with one header row, written in batches."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    for number, row in enumerate(_rows(result, records, _REVIEWED)):
        writer.writerow([_inert_csv(cell) for cell in row])
        if number % _BATCH == _BATCH - 1:
            yield buffer.getvalue().encode("utf-8")
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue().encode("utf-8")


def markdown_rows(result: object, records: Iterable[dict[str, Any]]) -> Iterator[bytes]:
    """A GitHub-flavoured pipe table: header, separator, one line per record."""
    rows = _rows(result, records)
    header = next(rows)
    out = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    for row in rows:
        out.append("| " + " | ".join(markdown(c) for c in row) + " |")
        if len(out) >= _BATCH:
            yield ("\n".join(out) + "\n").encode("utf-8")
            out = []
    if out:
        yield ("\n".join(out) + "\n").encode("utf-8")
