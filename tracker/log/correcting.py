"""Recording a correction: appended to the log's `corrections` list through the same writer as `add`.

The correction goes after the last one (the list is made at the end of the log
when there is none yet), so every byte that was there stays; the whole new log
is read and checked, every item that was there must read back as it was, the
corrections before it included, and the new one must read back as given.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

from tracker import locking
from tracker.errors import Refused
from tracker.log import additions, insertion, readback
from tracker.log.memo import Memo, Store
from tracker.log.schema import CORRECTION
from tracker.model import Correction, EventLog, Location, Problem

LIST = "corrections"


def item(values: dict[str, Any]) -> dict[str, Any]:
    """The correction as a mapping in the shape's field order, empty values left out."""
    return {f.name: values[f.name] for f in CORRECTION.fields if values.get(f.name) not in (None, "")}


def plan(
    log_path: Path, shown: str, entry: dict[str, Any], *, today: date, store: Store | Memo | None = None
) -> additions.Plan:
    """The checked result of appending `entry` to the corrections; `Refused` with the problems if the
    log or the result is invalid. `store` remembers work, as for `additions.plan`."""
    from tracker.log import open_log

    memo = store if isinstance(store, Memo) else Memo(store)
    memo.again = True  # the log is opened twice: before and after
    lock = locking.LogLock(log_path)
    try:
        raw, before = additions._valid(log_path, shown, today, memo)
        new, line = _appended(raw, before, entry, shown)
        after, problems = open_log(log_path, shown, new, today=today, store=memo)
        if after is None or problems:
            raise Refused(problems)
        readback.kept(before, after, shown)
        _kept(before, after, entry, shown, line)
    except BaseException:
        lock.release()
        raise
    number = len(before.corrections) + 1
    return additions.Plan(log_path, shown, raw, new, f"correction #{number}", line, lock=lock)


def _appended(raw: bytes, log: EventLog, entry: dict[str, Any], shown: str) -> tuple[bytes, int]:
    """The log with `entry` after the last correction, or in a new `corrections` list at its end
    (`insertion.insert` makes the list when the log has none)."""
    return insertion.insert(raw, LIST, entry, shown)


_NOWHERE = Location("", 0, 0)


def _kept(before: EventLog, after: EventLog, entry: dict[str, Any], shown: str, line: int) -> None:
    """The corrections that were there read back as they were, and the new one as given, last."""
    old = [replace(c, location=_NOWHERE) for c in before.corrections]
    new = [replace(c, location=_NOWHERE) for c in after.corrections]
    if new[: len(old)] != old or len(new) != len(old) + 1:
        raise Refused([Problem(Location(shown, line, 1), "the corrections that were there would change")])
    added: Correction = after.corrections[-1]
    given = {name: str(value) for name, value in entry.items()}
    found = {
        "date": added.date.iso(),
        "kind": added.kind.value,
        **{name: getattr(added, name) for name in given if name not in ("date", "kind")},
    }
    if any(found.get(name) != value for name, value in given.items()):
        raise Refused([Problem(Location(shown, line, 1), "the new correction does not read back as written")])
