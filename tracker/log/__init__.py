"""The event log on disk: read it into the model, check it, and say where it is.

`open_log` is the one way in: the CLI, `check` and the tests all call it, so
a log is read, parsed, checked and ordered the same way everywhere.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from tracker.files import LOG_LIMIT, read_bounded
from tracker.model import Collector, EventLog, Location, Problem, Problems


def read_raw(path: Path, name: str) -> bytes | Problem:
    """The log's bytes, or why they cannot be read, at the file's start; needs no YAML."""
    try:
        return read_bounded(path, LOG_LIMIT)
    except OSError as err:
        return Problem(Location(name, 1, 1), f"cannot read the log: {err.strerror or err}")


def open_log(
    path: Path,
    shown: str | None = None,
    raw: bytes | None = None,
    *,
    today: date,
    prepare: Callable[[EventLog], None] | None = None,
) -> tuple[EventLog | None, Problems]:
    """The log at `path` and its problems in file order; no log if it cannot be read at all.

        `shown` names the log in messages (default: the path as given); `raw` is
        its bytes when the caller has read them already, as the cache does; `today`
    is the day the request began (nothing may have happened after it), passed in
    so that no check reads a clock of its own.
        Problems are bounded (model.PROBLEM_LIMIT kept, the rest counted in `more`).
    `prepare` is called with the log once it is read and before it is checked: `--recorded-by`
    writes the articles the log cites, as committed, where its corpus is then.
    """
    from tracker.log.check import check
    from tracker.log.reader import load

    log, problems = load(path, shown, raw)
    if log is None:
        return None, problems
    if prepare is not None:
        prepare(log)
    found = Collector()
    found.extend(problems)
    found.extend(check(log, today))
    return log, found.report()
