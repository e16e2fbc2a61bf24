"""Results as JSON records for scripts: the contract documented in docs/contract.md, "JSON output".

Each result type has one records function; the json and jsonl formats print
those records, and csv and markdown flatten them (`flat`), so a field is
named and computed in one place. Nothing here imports rich.

The functions and their rows live by family of results in `tracker.render.records`
(`FAMILIES`); `RECORDS`, `COLUMNS` and `WHOLE` are assembled from them the first
time one is asked for, so what only writes JSON (`check --json`'s problems,
`cite`'s CSL-JSON) imports no records at all. No family imports a question's
module but for its types, so a JSON answer imports only its own question.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from datetime import date
from importlib import import_module
from typing import Any

from tracker.model import PartialDate, Problem


def iso(value: PartialDate | None) -> str | None:
    return value.iso() if value is not None else None


def day(value: date | None) -> str | None:
    return value.isoformat() if value is not None else None


def problems(items: Iterable[Problem]) -> list[dict[str, Any]]:
    """Problems as records; a non-UTF-8 byte in a log path shows as `\\xff`, so the JSON stays valid."""
    from tracker.render.text import encodable

    return [
        {
            "file": encodable(p.location.file),
            "line": p.location.line,
            "col": p.location.col,
            "message": encodable(p.message),
            "severity": p.severity.value,
        }
        for p in items
    ]


_ENCODER = json.JSONEncoder(ensure_ascii=False)  # one encoder, reused: the C one, as there is no indent
_BATCH = 512


def chunks(value: object) -> Iterator[bytes]:
    """UTF-8 JSON in pieces, to be printed as they come.

    An array puts one compact element on each line: the C encoder writes it
    several times faster than an indented one, and each line greps and diffs
    as one record (`jq .` indents it). A single object (`show`) is indented.
    """
    if isinstance(value, dict):
        yield (json.dumps(value, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
        return
    assert isinstance(value, Iterable)
    encode = _ENCODER.encode
    pending: list[str] = []
    started = False
    for item in value:
        pending.append(encode(item))
        if len(pending) == _BATCH:
            yield ((",\n" if started else "[\n") + ",\n".join(pending)).encode("utf-8")
            started, pending = True, []
    if pending:
        yield ((",\n" if started else "[\n") + ",\n".join(pending)).encode("utf-8")
        started = True
    yield b"\n]\n" if started else b"[]\n"


def lines(value: object) -> Iterator[bytes]:
    """JSON Lines: one compact object per line, each valid JSON on its own, in batches."""
    items = [value] if isinstance(value, dict) else value
    assert isinstance(items, Iterable)
    encode = _ENCODER.encode
    pending: list[str] = []
    for item in items:
        pending.append(encode(item))
        if len(pending) == _BATCH:
            yield ("\n".join(pending) + "\n").encode("utf-8")
            pending = []
    if pending:
        yield ("\n".join(pending) + "\n").encode("utf-8")


# Each result type's records: a list (or stream) of objects, or one object for `show`.
def records(result: Any) -> Any:
    """A result's JSON records, each carrying the log's review date as `reviewed`: a script
    that reads any one record knows how far the log speaks (docs/contract.md)."""
    made = _assembled()["RECORDS"][type(result).__name__](result)
    reviewed = day(result.reviewed)
    if isinstance(made, dict):
        made["reviewed"] = reviewed
        return made
    return (_stamped(record, reviewed) for record in made)


def _stamped(record: dict[str, Any], reviewed: str | None) -> dict[str, Any]:
    record["reviewed"] = reviewed
    return record


Column = tuple[str, Callable[[dict[str, Any]], Any]]


def _field(name: str) -> Callable[[dict[str, Any]], Any]:
    return lambda record: record[name]


def fields(*names: str) -> list[Column]:
    """Columns that are the records' fields of these names, as they are."""
    return [(name, _field(name)) for name in names]


def given(*names: str) -> list[Column]:
    """Columns that only some records of a listing have: empty in the others."""
    return [(name, _optional(name)) for name in names]


def _optional(name: str) -> Callable[[dict[str, Any]], Any]:
    return lambda record: record.get(name)


# The modules of `tracker.render.records` whose rows make the tables below, one family of results each.
FAMILIES = ("events", "countries")

# Each result type's records function, by the type's name: json and jsonl print a result whose name is
# here (`tracker.render.renderer`), without importing any question's module but the one answered.
RECORDS: dict[str, Callable[[Any], Any]]
# Results printed whole (json), never as JSON lines: one drawing, not records.
WHOLE: frozenset[str]
# A listing's columns in csv and markdown (`flat`), by its result type's name: the formats print a result
# whose name is here, each record a row of these columns, named as here and read from the record.
COLUMNS: dict[str, list[Column]]

_TABLES = ("RECORDS", "WHOLE", "COLUMNS")


def _assembled() -> dict[str, Any]:
    """This module's names, with the tables made from the families' rows if they are not yet."""
    names = globals()
    if "RECORDS" not in names:
        made: dict[str, Any] = {"RECORDS": {}, "WHOLE": frozenset(), "COLUMNS": {}}
        for family in FAMILIES:
            module = import_module(f"tracker.render.records.{family}")
            made["RECORDS"].update(module.RECORDS)
            made["WHOLE"] |= module.WHOLE
            made["COLUMNS"].update(module.COLUMNS)
        names.update(made)
    return names


def __getattr__(name: str) -> Any:
    """`RECORDS`, `WHOLE` and `COLUMNS`, assembled on first use (PEP 562)."""
    if name in _TABLES:
        return _assembled()[name]
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
