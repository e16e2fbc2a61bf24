"""From a question to the bytes of its answer: the cache, the log, the query, the renderer.

No CLI framework here: a query, a format and a log path come in, bytes go
out on stdout. The cache key is the request's (`Request`, made by the CLI
when a command begins), computed by `tracker.app.cachekey` as the front door
computes it, so an answer stored here is the front door's next hit; the
log's bytes and the cited articles' hashes are checked by the cache itself.
Failures are `tracker.errors` for the CLI to report (`cli.failures`).
"""

from __future__ import annotations

import dataclasses
import gc
import os
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tracker.app import cache, cachekey, cachewrite
from tracker.app.cachekey import Request
from tracker.app.paging import Pager, PagerClosed, batched, pager, pager_command, write
from tracker.errors import InvalidLog, UsageError
from tracker.files import os_path
from tracker.model import EventLog, Problem, Problems
from tracker.queries.base import Query
from tracker.render import Format, Target, renderer, target

if TYPE_CHECKING:
    from tracker.app.export import Destination
    from tracker.log import Memo


__all__ = [
    "LogFile",
    "Pager",
    "PagerClosed",
    "Request",
    "answer",
    "export",
    "pager",
    "pager_command",
    "tell",
    "write",
]


@dataclass(frozen=True)
class LogFile:
    """The log a request reads, and the day the request began: the one "today" of a run, passed in
    as a value so that nothing below reads a clock (a log is checked against it: nothing may have
    happened after it)."""

    path: Path
    shown: str  # as the user gave it, for messages
    today: date
    recorded_by: date | None = None  # answer from the log as committed by this day (`app.recorded`)


def answer(
    query: Query[Any],
    fmt: Format,
    log_file: LogFile,
    *,
    use_cache: bool = True,
    page: bool = False,
    request: Request | None = None,
) -> None:
    """Print the answer to `query` about the log, from the cache when nothing it depends on changed.

    The cache is used only for a `request` (the one `query` was made from):
    its key says which answer is stored where. With `page`, an answer
    taller than the terminal goes through a pager (`pager`); it is the same
    bytes, written somewhere else, and a hit from the front door does the
    same (the entry keeps `page`).
    """
    sink = pager() if page else None
    batch = batched() if sink is None else None  # into a pipe: written as a stored answer is
    try:
        out = sink.write if sink is not None else batch.write if batch is not None else write
        _answer(query, fmt, log_file, request if use_cache else None, out, page, use_store=use_cache)
        if batch is not None:
            batch.flush()
    except PagerClosed:  # the reader quit the pager: the rest of the answer is not wanted
        pass
    finally:
        if sink is not None:
            sink.close()


def _answer(
    query: Query[Any],
    fmt: Format,
    log_file: LogFile,
    request: Request | None,
    write: Callable[[bytes], None],
    page: bool = False,
    *,
    use_store: bool = True,
) -> None:
    render = renderer(query.result, fmt)
    if render is None:
        from tracker.render import formats

        shown = ", ".join(formats(query.result))
        raise UsageError(f"'{query.command}' prints no {fmt.value}; choose one of: {shown}", "--format")
    recorded = log_file.recorded_by is not None  # from git's history: never cached (`app.recorded`)
    raw = b"" if recorded else _read(log_file)
    out = target(fmt)
    writer = None
    quiet = out.console is not None and out.console.is_terminal  # notices are in the table's caption
    key = _key(request) if request is not None and not recorded and cache.usable() else None
    if key is not None:  # else as --no-cache
        read = (log_file.path, cache.digest(raw))
        stored = cache.lookup(key, read)
        if stored is not None:
            output, told, _, _ = stored
            tell(told, out)
            write(bytes(output))
            return
    log, said = _recorded(log_file) if recorded else (_checked(log_file, raw, use_store=use_store), ())
    result = _told(query.run(log), said)  # an unknown id or country is a UsageError from the query itself
    notices: tuple[str, ...] = getattr(result, "notices", ())
    tell(notices, out)
    if key is not None:
        local = [s.file for s in log.sources if s.file is not None]
        writer = cachewrite.Writer(key, read, log.corpus, local, notices, page=page, quiet=quiet)
    try:
        for piece in render(result, out):  # printed as they come, and kept for next time
            write(piece)
            if writer is not None:
                writer.add(piece)
    except BaseException:
        if writer is not None:
            writer.abandon()
        raise
    if writer is not None and request is not None:
        if cachekey.today() == request.day:
            writer.finish()
        else:  # the day changed since the request began: the answer may be yesterday's, under today's key
            cache._debug("not stored: the day changed")
            writer.abandon()


def _key(request: Request) -> str | None:
    try:
        return request.key()
    except (OSError, ValueError) as err:  # the process could not be described: no cache
        cache._debug(f"not used: {err}")
        return None


def _read(log_file: LogFile) -> bytes:
    from tracker.log import read_raw

    got = read_raw(log_file.path, log_file.shown)
    if isinstance(got, Problem):
        raise InvalidLog(log_file.shown, Problems([got]))
    return got


def _checked(log_file: LogFile, raw: bytes, *, use_store: bool = True) -> EventLog:
    """The log read and checked, reusing the work the store remembers (`tracker.app.store`)."""
    from tracker.app.progress import waiting

    with waiting(f"reading and checking {log_file.shown}"):
        log, problems = opened(log_file, raw, use_store=use_store)
    if problems or log is None:
        raise InvalidLog(log_file.shown, problems)
    return log


def _recorded(log_file: LogFile) -> tuple[EventLog, tuple[str, ...]]:
    """The log as committed by `log_file.recorded_by`, and what to say of it: which commit it is, and
    whether it passes today's check (it is answered from all the same, `app.recorded`)."""
    from tracker.app import recorded
    from tracker.app.progress import waiting

    assert log_file.recorded_by is not None
    with waiting(f"reading {log_file.shown} from git"):
        found = recorded.read(log_file.path, log_file.shown, log_file.recorded_by, log_file.today)
    return found.log, found.notices


def _told(result: Any, said: tuple[str, ...]) -> Any:
    """The result with `said` before its own notices, where it carries notices (said as theirs are:
    the table's caption on a terminal, else stderr); said on stderr now where it carries none."""
    if not said:
        return result
    own = getattr(result, "notices", None)
    fields = (
        {f.name for f in dataclasses.fields(result)}
        if dataclasses.is_dataclass(result) and not isinstance(result, type)
        else set()
    )
    if "notices" in fields and isinstance(own, tuple):  # a field, not a property
        return dataclasses.replace(result, notices=(*said, *own))
    from tracker.render.text import inert

    for notice in said:
        print(f"tracker: {inert(notice)}", file=sys.stderr)
    return result


def opened(
    log_file: LogFile, raw: bytes | None = None, *, use_store: bool = True, memo: Memo | None = None
) -> tuple[EventLog | None, Problems]:
    """`open_log` with this run's store (unless `use_store` is False: --no-cache), pruned after.

    `memo` carries one command's work from one opening of the log to the next (`add`)."""
    from tracker.app import store
    from tracker.log import open_log

    if memo is None:
        memo = memo_for(use_store)
    try:
        log, problems = open_log(log_file.path, log_file.shown, raw, today=log_file.today, store=memo)
    finally:
        if memo is not None and isinstance(memo.store, store.FileStore):
            memo.store.finish()
    if log is not None and len(log.events) > FROZEN:
        # The log lives as long as the run and holds no cycle: kept out of the collector's sight, it
        # costs nothing to each collection the query and renderer set off (a second in 100,000 events).
        gc.freeze()
    return log, problems


FROZEN = 5000  # events in a log that `opened` hides from the garbage collector


def memo_for(use_store: bool = True) -> Memo | None:
    """A memo over this run's store, or None when the store is not to be used (or cannot be)."""
    from tracker.app import store
    from tracker.log import Memo

    files = store.opened(use_store)
    return Memo(files) if files is not None else None


def export(log_file: LogFile, make: Callable[[EventLog], str], destination: Destination) -> str:
    """Write an export of the checked log: the destination is judged first, so a refusal costs nothing.

    `make` writes the file (through `tracker.app.export`'s writer) and says what it holds; a refusal
    (an existing file without --force, a missing folder, a database to a terminal) is a UsageError.
    """
    from tracker.app.export import check_destination
    from tracker.app.progress import waiting

    check_destination(destination)
    log = _checked(log_file, _read(log_file))
    if destination.path is not None:
        inputs = {os.path.realpath(os_path(log_file.path))}
        inputs |= {os.path.realpath(os_path(log.corpus_root / s.file)) for s in log.sources if s.file}
        for written in (destination.path, *destination.beside):  # --force must not overwrite the log
            if os.path.realpath(os_path(written)) in inputs:
                raise UsageError(
                    f"{written} is the log or one of its articles; write the export elsewhere", "FILE"
                )
    with waiting(f"writing {destination.path or 'standard output'}"):
        return make(log)


def tell(notices: Iterable[str], out: Target | None = None) -> None:
    """What the answer could not know (the log's reach), on stderr, before the answer.

    A table on the terminal says it in its caption, so it is said once there:
    stderr carries it when the answer is JSON or goes to a file or a pipe.
    """
    from tracker.render.text import inert

    if out is not None and out.console is not None and out.console.is_terminal:
        return
    for notice in notices:
        print(f"tracker: {inert(notice)}", file=sys.stderr)
