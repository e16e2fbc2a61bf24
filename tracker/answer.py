"""From a question to the bytes of its answer: the cache, the log, the query, the renderer.

No CLI framework here: a query, a format and a log path come in, bytes go
out on stdout. The cache key is the request's (`Request`, made by the CLI
when a command begins), computed by `tracker.cachekey` as the front door
computes it, so an answer stored here is the front door's next hit; the
log's bytes and the cited articles' hashes are checked by the cache itself.
Failures are domain errors for the caller to turn into exit codes:
`InvalidLog` (1) and `UsageError` (2).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tracker import cache, cachekey
from tracker.errors import UsageError
from tracker.files import os_path
from tracker.model import EventLog, Problem, Problems
from tracker.paging import Pager, PagerClosed, batched, pager, pager_command, write
from tracker.queries import Query
from tracker.render import Format, Target, renderer, target

if TYPE_CHECKING:
    from tracker.export import Destination


class InvalidLog(Exception):
    """The log cannot be read or is not valid: every problem, in file order."""

    def __init__(self, shown: str, problems: Problems) -> None:
        super().__init__(f"{shown} is invalid")
        self.shown, self.problems = shown, problems


__all__ = [
    "CheckReport",
    "InvalidLog",
    "LogFile",
    "Pager",
    "PagerClosed",
    "Request",
    "UsageError",
    "answer",
    "check",
    "export",
    "pager",
    "pager_command",
    "print_check",
    "tell",
    "write",
]


@dataclass(frozen=True)
class LogFile:
    path: Path
    shown: str  # as the user gave it, for messages


@dataclass(frozen=True)
class Request:
    """A request as the process received it: the arguments as decoded, and the day it began.

    With what `tracker.cachekey` reads from the process (the working folder,
    the environment, the terminal, the program) it makes the cache key, the
    same one the front door makes from the same request. The log's place is
    checked on every hit: answers name article paths, so an identical copy
    of a log in another folder is another question.
    """

    argv: tuple[str, ...]
    day: str

    def key(self) -> str:
        return cachekey.key(self.argv, self.day)


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
        _answer(query, fmt, log_file, request if use_cache else None, out, page)
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
) -> None:
    render = renderer(query.result, fmt)
    if render is None:
        from tracker.render import formats

        shown = ", ".join(formats(query.result))
        raise UsageError(f"'{query.command}' prints no {fmt.value}; choose one of: {shown}", "--format")
    raw = _read(log_file)
    out = target(fmt)
    writer = None
    quiet = out.console is not None and out.console.is_terminal  # notices are in the table's caption
    key = _key(request) if request is not None and cache.usable() else None  # else as --no-cache
    if key is not None:
        read = (log_file.path, cache.digest(raw))
        stored = cache.lookup(key, read)
        if stored is not None:
            output, told, _, _ = stored
            tell(told, out)
            write(bytes(output))
            return
    log = _checked(log_file, raw)
    result = query.run(log)  # an unknown id or country is a UsageError from the query itself
    notices: tuple[str, ...] = getattr(result, "notices", ())
    tell(notices, out)
    if key is not None:
        local = [s.file for s in log.sources if s.file is not None]
        writer = cache.Writer(key, read, log.corpus, local, notices, page=page, quiet=quiet)
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


def _checked(log_file: LogFile, raw: bytes) -> EventLog:
    from tracker.log import open_log
    from tracker.progress import waiting

    with waiting(f"reading and checking {log_file.shown}"):
        log, problems = open_log(log_file.path, log_file.shown, raw)
    if problems or log is None:
        raise InvalidLog(log_file.shown, problems)
    return log


def export(log_file: LogFile, make: Callable[[EventLog], str], destination: Destination) -> str:
    """Write an export of the checked log: the destination is judged first, so a refusal costs nothing.

    `make` writes the file (through `tracker.export`'s writer) and says what it holds; a refusal
    (an existing file without --force, a missing folder, a database to a terminal) is a UsageError.
    """
    from tracker.export import check_destination
    from tracker.progress import waiting

    check_destination(destination)
    log = _checked(log_file, _read(log_file))
    if destination.path is not None:
        inputs = {os.path.realpath(os_path(log_file.path))}
        inputs |= {os.path.realpath(os_path(log.corpus_root / s.file)) for s in log.sources if s.file}
        if os.path.realpath(os_path(destination.path)) in inputs:  # --force must not overwrite the log
            raise UsageError(
                f"{destination.path} is the log or one of its articles; write the export elsewhere", "FILE"
            )
    with waiting(f"writing {destination.path or 'standard output'}"):
        return make(log)


@dataclass(frozen=True)
class CheckReport:
    """What `check` found: errors, warnings (advice; failures only when `strict`) and the log's size."""

    shown: str
    problems: Problems
    events: int = 0
    sources: int = 0
    quotes: int = 0
    local: int = 0
    warnings: Problems = field(default_factory=Problems)
    strict: bool = False

    @property
    def failed(self) -> bool:
        return bool(self.problems) or (self.strict and bool(self.warnings))

    @property
    def listed(self) -> Problems:
        """Errors and warnings together, in file order; the counts of those left out add up."""
        merged = sorted([*self.problems, *self.warnings], key=lambda p: p.location)
        return Problems(merged, self.problems.more + self.warnings.more)

    @property
    def summary(self) -> str:
        from tracker.render.text import count

        warned = f", {count(self.warnings.total, 'warning')}" if self.warnings else ""
        if self.problems:
            listed = f" (the first {len(self.problems):,} are listed)" if self.problems.more else ""
            return f"{self.shown}: {count(self.problems.total, 'problem')}{listed}{warned}"
        if self.failed:
            return f"{self.shown}: {count(self.warnings.total, 'warning')}, which --strict makes failures"
        return (
            f"{self.shown}: OK, {self.events} events, {self.sources} sources, "
            f"{self.quotes} quotes verified in {self.local} stored texts{warned}"
        )


def check(
    log_file: LogFile, *, strict: bool = False, links: bool = False, raw: bytes | None = None
) -> CheckReport:
    """Validate the log, verify every quote and gather warnings; never from the cache.

    `links` also fetches every web source (the network: opt-in) and warns where
    a page moved, is gone, or no longer says what is quoted from its snapshot.
    """
    from tracker.log import open_log
    from tracker.log.check import warnings

    log, problems = open_log(log_file.path, log_file.shown, raw)  # raw: the bytes from standard input
    if log is None:
        return CheckReport(log_file.shown, problems, strict=strict)
    if problems:  # errors first: warnings come once the log is valid
        return CheckReport(log_file.shown, problems, strict=strict)
    advice = warnings(log)
    if links:
        from tracker.links import links as live

        advice = Problems(sorted([*advice, *live(log)], key=lambda p: p.location), advice.more)
    quotes = sum(1 for e in log.events for c in e.citations if c.quote is not None)
    local = sum(1 for s in log.sources if s.is_local)
    return CheckReport(
        log_file.shown, Problems(), len(log.events), len(log.sources), quotes, local, advice, strict
    )


def print_check(report: CheckReport, fmt: Format) -> None:
    """Problems and warnings on stdout (text or a JSON array), the summary on stderr when stdout is
    JSON or the check failed."""
    from tracker.render import json, text

    if fmt is Format.JSON:
        for piece in json.chunks(json.problems(report.listed)):
            write(piece)
    else:
        text.problems(report.listed, sys.stdout)
    quiet = fmt is Format.JSON or report.failed
    print(text.inert(report.summary), file=sys.stderr if quiet else sys.stdout)


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
