"""From a question to the bytes of its answer: the cache, the log, the query, the renderer.

No CLI framework here: a query, a format and a log path come in, bytes go
out on stdout. The cache key is made in one place (`key`) from the query's
own fields, the output target and the program version, so no option can be
left out of it; the log's bytes and the cited articles' hashes are the
cache's own part of the key. Failures are domain errors for the caller to
turn into exit codes: `InvalidLog` (1) and `UsageError` (2).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tracker import __version__, cache
from tracker.files import os_path
from tracker.model import EventLog, Problem, Problems
from tracker.paging import Pager, PagerClosed, batched, pager, pager_command, write
from tracker.queries import Query, QueryError
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
    "UsageError",
    "answer",
    "check",
    "export",
    "key",
    "pager",
    "pager_command",
    "print_check",
    "tell",
    "write",
]


class UsageError(Exception):
    """The question does not fit: a format the answer has no form for, an unknown id."""

    def __init__(self, message: str, option: str) -> None:
        super().__init__(message)
        self.option = option


@dataclass(frozen=True)
class LogFile:
    path: Path
    shown: str  # as the user gave it, for messages


def key(query: Query[Any], out: Target, log_path: Path | None = None) -> list[Any]:
    """Every input of an answer besides the log's and its articles' bytes.

    The log's place is one: answers name article paths, so an identical copy
    of a log in another folder is another question.
    """
    where = None if log_path is None else os.path.realpath(os_path(log_path))
    return [__version__, sys.version, cache.libraries(), query.key(), out.signature(), where]


def answer(
    query: Query[Any], fmt: Format, log_file: LogFile, *, use_cache: bool = True, page: bool = False
) -> None:
    """Print the answer to `query` about the log, from the cache when nothing it depends on changed.

    With `page`, an answer taller than the terminal goes through a pager
    (`pager`); it is the same bytes, written somewhere else, so the cache
    neither knows nor cares.
    """
    sink = pager() if page else None
    batch = batched() if sink is None else None  # into a pipe: written as a stored answer is
    try:
        out = sink.write if sink is not None else batch.write if batch is not None else write
        _answer(query, fmt, log_file, use_cache, out, page)
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
    use_cache: bool,
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
    request = key(query, out, log_file.path)
    writer = None
    quiet = out.console is not None and out.console.is_terminal  # notices are in the table's caption
    use_cache = use_cache and cache.usable()  # a folder that cannot be trusted: as --no-cache
    if use_cache:
        log_digest = cache.digest(raw)
        stored = cache.lookup(log_file.path, log_digest, request)
        if stored is not None:
            output, told = stored
            tell(told, out)
            write(bytes(output))
            cache.remember(log_file.path, request, page, quiet)  # for the front door's next run
            return
    log = _checked(log_file, raw)
    try:
        result = query.run(log)
    except QueryError as err:
        raise UsageError(str(err), err.option) from None
    notices: tuple[str, ...] = getattr(result, "notices", ())
    tell(notices, out)
    if use_cache:
        local = [s.file for s in log.sources if s.file is not None]
        writer = cache.Writer(log_file.path, log_digest, request, log.corpus, local, notices)
    try:
        for piece in render(result, out):  # printed as they come, and kept for next time
            write(piece)
            if writer is not None:
                writer.add(piece)
    except BaseException:
        if writer is not None:
            writer.abandon()
        raise
    if writer is not None:
        writer.finish()
        if writer.stored:
            cache.remember(log_file.path, request, page, quiet)


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
    from tracker.export import Refused, check_destination
    from tracker.progress import waiting

    try:
        check_destination(destination)
        log = _checked(log_file, _read(log_file))
        if destination.path is not None:
            inputs = {os.path.realpath(os_path(log_file.path))}
            inputs |= {os.path.realpath(os_path(log.corpus_root / s.file)) for s in log.sources if s.file}
            if os.path.realpath(os_path(destination.path)) in inputs:  # --force must not overwrite the log
                raise Refused(
                    f"{destination.path} is the log or one of its articles; write the export elsewhere"
                )
        with waiting(f"writing {destination.path or 'standard output'}"):
            return make(log)
    except Refused as err:
        raise UsageError(str(err), "FILE") from None


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


def check(log_file: LogFile, *, strict: bool = False, links: bool = False) -> CheckReport:
    """Validate the log, verify every quote and gather warnings; never from the cache.

    `links` also fetches every web source (the network: opt-in) and warns where
    a page moved, is gone, or no longer says what is quoted from its snapshot.
    """
    from tracker.log import open_log
    from tracker.log.check import warnings

    log, problems = open_log(log_file.path, log_file.shown)
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
