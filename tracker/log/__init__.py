"""The event log on disk: read it into the model, check it, and say where it is.

`open_log` is the one way in: the CLI, `check` and the tests all call it, so
a log is read, parsed, checked and ordered the same way everywhere.
"""

from __future__ import annotations

import gc
from collections.abc import Callable
from datetime import date
from pathlib import Path

from tracker.log.memo import Memo, Store
from tracker.log.raw import read_raw
from tracker.model import Collector, EventLog, Problem, Problems

__all__ = ["Memo", "Store", "open_log", "read_raw"]


def open_log(
    path: Path,
    shown: str | None = None,
    raw: bytes | None = None,
    *,
    today: date,
    prepare: Callable[[EventLog], None] | None = None,
    store: Store | Memo | None = None,
) -> tuple[EventLog | None, Problems]:
    """The log at `path` and its problems in file order; no log if it cannot be read at all.

    `shown` names the log in messages (default: the path as given); `raw` is
    its bytes when the caller has read them already, as the cache does; `today`
    is the day the request began (nothing may have happened after it), passed in
    so that no check reads a clock of its own. `store` remembers work between
    runs (`memo`: entries read, quotes verified); the answer is the same
    without it, only slower. A `Memo` also keeps this run's work, for a command
    that opens the log more than once.
    Problems are bounded (model.PROBLEM_LIMIT kept, the rest counted in `more`).
    `prepare` is called with the log once it is read and before it is checked: `--recorded-by`
    writes the articles the log cites, as committed, where its corpus is then.
    """
    collecting = gc.isenabled()
    gc.disable()  # reading and checking make a million objects and no cycle: nothing to collect
    try:
        return _open(path, shown, raw, today, prepare, store)
    finally:
        if collecting:
            gc.enable()


def _open(
    path: Path,
    shown: str | None,
    raw: bytes | None,
    today: date,
    prepare: Callable[[EventLog], None] | None,
    store: Store | Memo | None,
) -> tuple[EventLog | None, Problems]:
    from tracker.log.check import check
    from tracker.log.reader import load

    memo = store if isinstance(store, Memo) or store is None else Memo(store)
    if memo is None:
        log, problems = load(path, shown, raw)
    else:
        name = shown if shown is not None else str(path)
        if raw is None:
            got = read_raw(path, name)
            if isinstance(got, Problem):
                return None, Problems([got])
            raw = got
        again = memo.remembered(raw, path, name, today) if prepare is None else None
        if again is not None:
            return again
        from tracker.log.incremental import load as load_incremental

        log, problems = load_incremental(path, shown, raw, memo)
    if log is not None:
        if prepare is not None:
            prepare(log)
        found = Collector()
        found.extend(problems)
        found.extend(check(log, today, memo))
        problems = found.report()
    if memo is not None and raw is not None and prepare is None:
        memo.remember(raw, path, shown if shown is not None else str(path), today, log, problems)
    return log, problems
