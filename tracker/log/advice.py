"""Advice on a valid log (`warnings`): what `tracker check` suggests beside its problems, such as an
unpinned article, a change of status on a single source, an undated or untitled source, or a source
newer than the review date.

Apart from `check` because nothing here makes a log invalid, and nothing but
`tracker check` reads it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator

from tracker.log.sourcerules import file_identity, log_corpus
from tracker.model import (
    STATUS_KINDS,
    Collector,
    EventLog,
    EventStatus,
    Location,
    Problem,
    Problems,
    Severity,
)


def warnings(log: EventLog) -> Problems:
    """Advice on a valid log, in file order: `tracker check` prints it, nothing else reads it."""
    found = Collector()
    for rule in WARNINGS:
        found.extend(rule(log))
    return found.report()


def _warning(where: Location, message: str) -> Problem:
    return Problem(where, message, Severity.WARNING)


def _unpinned(log: EventLog) -> Iterator[Problem]:
    """A local article without its hash could change unnoticed where no quote covers the change."""
    corpus = log_corpus(log)
    if corpus is None:
        return
    for source in log.sources:
        if source.file is None or source.sha256 is not None:
            continue
        identity = file_identity(corpus, source.file)
        if identity is not None:
            yield _warning(
                source.at("file"),
                f"source '{source.id}' does not pin its article; add 'sha256: {identity[1]}' "
                "so that a changed article is caught",
            )


def _single_source(log: EventLog) -> Iterator[Problem]:
    """A change of status that only one source reports is a claim still waiting for a second."""
    for event in log.events:
        if event.status is EventStatus.OCCURRED and event.kind in STATUS_KINDS and len(event.source_ids) == 1:
            yield _warning(
                event.at("id"),
                f"event '{event.id}' changes the status of {', '.join(event.subjects)} on a single source "
                f"('{event.source_ids[0]}'); cite a second source if one reports it",
            )


def _undated(log: EventLog) -> Iterator[Problem]:
    """A source without a publication date is left out of every --known-by answer: say why it has none."""
    for source in log.sources:
        if source.published is None and source.undated is None:
            yield _warning(
                source.at("id"),
                f"source '{source.id}' has no publication date, so --known-by leaves it out; add "
                "'published' where the page gives one, or 'undated' saying why none can be established",
            )


def _untitled(log: EventLog) -> Iterator[Problem]:
    """A reference without a title cannot be cited; a source with no headline gets a supplied one."""
    for source in log.sources:
        if source.title is None:
            yield _warning(
                source.at("id"),
                f"source '{source.id}' has no title; add its headline, or a description with "
                "'title_basis: supplied' where it has none",
            )


def _behind_review(log: EventLog) -> Iterator[Problem]:
    """The review date says how far the news was read: no source may be newer than it."""
    if log.reviewed is None:
        return
    for source in log.sources:
        if source.published is not None and source.published.start > log.reviewed.end:
            yield _warning(
                log.locs.get("reviewed", source.at("published")),
                f"source '{source.id}' is published {source.published}, after the review date "
                f"{log.reviewed}; move 'reviewed' to the day through which the news has been read",
            )


WARNINGS: list[Callable[[EventLog], Iterable[Problem]]] = [
    _unpinned,
    _single_source,
    _undated,
    _untitled,
    _behind_review,
]
