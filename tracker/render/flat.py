"""CSV and Markdown: the JSON records of a listing, one row each, in chosen columns.

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
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any

from tracker.queries import (
    CandidateList,
    ChangeList,
    CitationSheet,
    DueList,
    LogInfo,
    Roster,
    SourceList,
    TimelineResult,
)
from tracker.render.text import markdown

Column = tuple[str, Callable[[dict[str, Any]], Any]]


def _field(name: str) -> Callable[[dict[str, Any]], Any]:
    return lambda record: record[name]


def _fields(*names: str) -> list[Column]:
    return [(name, _field(name)) for name in names]


def _given(*names: str) -> list[Column]:
    """Columns that only some records of a listing have: empty in the others."""
    return [(name, _optional(name)) for name in names]


def _optional(name: str) -> Callable[[dict[str, Any]], Any]:
    return lambda record: record.get(name)


COLUMNS: dict[type, list[Column]] = {
    TimelineResult: _fields(
        "id",
        "date",
        "approximate",
        "date_basis",
        "kind",
        "status",
        "countries",
        "subjects",
        "title",
        "sources",
        "origins",
        "known_since",
        "expectation",
    ),
    DueList: [
        *_fields(
            "id",
            "date",
            "approximate",
            "kind",
            "countries",
            "title",
            "expectation",
            "days_overdue",
            "overdue_since",
            "age_days",
            "known_since",
            "sources",
            "as_of",
            "known_through",
            "criterion",
            "deadline",
        ),
        ("history", lambda r: [_step(s) for s in r["history"]]),
    ],
    Roster: _fields(
        "ordinal",
        "code",
        "country",
        "role",
        "status",
        "ratification",
        "announced",
        "signed",
        "ratified",
        "in_force",
        "sources",
        "origins",
        "confidence",
        "confidence_reason",
        "as_of",
    ),
    CandidateList: [
        *_fields(
            "code", "country", "mentions", "implied_by", "first_mentioned", "last_mentioned", "conditions"
        ),
        ("latest_evidence", lambda r: r["latest_evidence"]["id"]),
        ("expected", lambda r: [f"{e['id']} ({e['expectation']})" for e in r["expected"]]),
        *_fields("sources", "origins", "confidence", "confidence_reason", "as_of"),
    ],
    SourceList: _fields("id", "outlet", "published", "published_basis", "file", "url", "cited_by"),
    ChangeList: [
        *_fields("date", "change", "code", "country", "from", "to", "event", "title", "by", "sources"),
        *_given("correction", "field", "reason"),  # a correction's record has them; the news' do not
    ],
    CitationSheet: _fields("event", "source", "outlet", "title", "published", "url", "quote", "note"),
    LogInfo: _fields("path", "events", "sources", "expected", "first_date", "last_date", "reviewed_days_ago"),
}


def _step(step: dict[str, Any]) -> str:
    """A step of an expectation's history in one cell: 'stalled 2026-01-20 by visit-delayed'."""
    who = f" by {step['event']}" if step["event"] else f" ({step['basis']})"
    return f"{step['state']} {step['since'] or 'undated'}{who}"


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
_REVIEWED: list[Column] = _fields("reviewed")


def _rows(
    result: object, records: Iterable[dict[str, Any]], extra: Sequence[Column] = ()
) -> Iterator[list[str]]:
    columns = [*COLUMNS[type(result)], *extra]
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
