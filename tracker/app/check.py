"""`tracker check`: the log validated, every quote verified, warnings gathered; never from the cache."""

from __future__ import annotations

import sys
from dataclasses import dataclass, field, replace
from pathlib import Path

from tracker.app.answer import LogFile
from tracker.app.paging import write
from tracker.model import EventLog, Problems
from tracker.render import Format


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
    assertions: int = 0  # the log's assertions, every one of which held
    notices: tuple[str, ...] = ()  # what was checked, when not the working log (`--recorded-by`)

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
        held = f", {count(self.assertions, 'assertion')} replayed" if self.assertions else ""
        return (
            f"{self.shown}: OK, {self.events} events, {self.sources} sources, "
            f"{self.quotes} quotes verified in {self.local} stored texts{held}{warned}"
        )


def check(
    log_file: LogFile, *, strict: bool = False, links: bool = False, raw: bytes | None = None
) -> CheckReport:
    """Validate the log, verify every quote and gather warnings; never from the cache.

    `links` also fetches every web source (the network: opt-in) and warns where
    a page moved, is gone, or no longer says what is quoted from its snapshot.
    With `log_file.recorded_by`, the log as committed by that day is checked instead (`recorded`).
    """
    from tracker.app.answer import opened

    if log_file.recorded_by is not None:
        return recorded(log_file, strict=strict, links=links)
    log, problems = opened(log_file, raw)  # raw: from stdin
    if log is None:
        return CheckReport(log_file.shown, problems, strict=strict)
    if problems:  # errors first: warnings come once the log is valid
        return CheckReport(log_file.shown, problems, strict=strict)
    edited = _corrections_edited(log_file, log, raw)
    if edited:
        return CheckReport(log_file.shown, edited, strict=strict)
    return _valid(log_file.shown, log, strict, links)


def recorded(log_file: LogFile, *, strict: bool = False, links: bool = False) -> CheckReport:
    """The log as committed by `log_file.recorded_by`, checked with today's rules as the working log
    is (`app.recorded`), its problems located in the commit (`COMMIT:PATH:LINE:COL`); the articles
    are the commit's. Corrections are held to the last commit only in the working log."""
    from tracker.app import recorded as history

    assert log_file.recorded_by is not None
    day = log_file.recorded_by
    with history.snapshot(log_file.path, log_file.shown, day, log_file.today) as found:
        commit = found.commit
        notices = (
            f"Checked {log_file.shown} as committed on {commit.day} ({commit.short}), the last commit by "
            f"{day.isoformat()}.",
            *found.said,
        )
        if found.log is None or found.problems:
            report = CheckReport(found.named, found.problems, strict=strict)
        else:  # inside: the warnings read the commit's articles
            report = _valid(found.named, found.log, strict, links)
    return replace(report, notices=notices)


def _valid(shown: str, log: EventLog, strict: bool, links: bool) -> CheckReport:
    """A log with no problem: its assertions replayed, then the warnings and the counts."""
    from tracker.log.advice import warnings
    from tracker.queries.assertions import replay

    failed = replay(log)  # the log's assertions, replayed on the valid log: a changed answer fails here
    if failed:
        return CheckReport(shown, Problems(sorted(failed, key=lambda p: p.location)), strict=strict)
    advice = warnings(log)
    if links:
        from tracker.app.links import links as live

        advice = Problems(sorted([*advice, *live(log)], key=lambda p: p.location), advice.more)
    quotes = sum(1 for e in log.events for c in e.citations if c.quote is not None)
    local = sum(1 for s in log.sources if s.is_local)
    return CheckReport(
        shown,
        Problems(),
        len(log.events),
        len(log.sources),
        quotes,
        local,
        advice,
        strict,
        len(log.assertions),
    )


def _corrections_edited(log_file: LogFile, log: EventLog, raw: bytes | None) -> Problems:
    """Corrections are append-only: where the log is in git, those of its last commit must all still be
    there, unchanged (`log.correctionrules.unchanged`). Without git, or with the log not committed,
    nothing."""
    from tracker.app import recorded
    from tracker.log import read_raw
    from tracker.log.correctionrules import unchanged

    if raw is None:  # read again: cheap beside the check, and the bytes to compare with the commit's
        got = read_raw(log_file.path, log_file.shown)
        raw = got if isinstance(got, bytes) else None
    if raw is None or log_file.path == Path("-"):
        return Problems()
    found = recorded.committed(log_file.path, raw)
    if found is None:
        return Problems()
    head, commit = found
    problems = [
        replace(p, location=replace(p.location, file=log_file.shown)) for p in unchanged(head, log, commit)
    ]
    return Problems(problems)


def print_check(report: CheckReport, fmt: Format) -> None:
    """Problems and warnings on stdout (text or a JSON array), the summary on stderr when stdout is
    JSON or the check failed."""
    from tracker.render import json, text

    for notice in report.notices:
        print(text.inert(f"tracker: {notice}"), file=sys.stderr)
    if fmt is Format.JSON:
        for piece in json.chunks(json.problems(report.listed)):
            write(piece)
    else:
        text.problems(report.listed, sys.stdout)
    quiet = fmt is Format.JSON or report.failed
    print(text.inert(report.summary), file=sys.stderr if quiet else sys.stdout)
