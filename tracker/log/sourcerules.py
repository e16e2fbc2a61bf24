"""The rules on sources as a whole: a source written before an event supports only the expectation,
one article under two ids, and origins that name another source and end.

Rules of `check.RULES`; `log_corpus` and `file_identity` read the log's local
articles (through the corpus's bound) for them and for `advice`.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from tracker import urls
from tracker.files import Corpus, OutsideCorpus
from tracker.model import EventLog, EventStatus, Problem, Source

if TYPE_CHECKING:
    from tracker.log.parts import Context


def anticipating_sources(log: EventLog, context: Context) -> list[Problem]:
    """A source written before an event began supports the expectation, not the event."""
    problems = []
    sources = log.source_map()
    for part in context.parts:
        if part.summary is not None and not any(
            source.published.end.toordinal() < start
            for source_id, start in part.summary[1].items()
            if (source := sources.get(source_id)) is not None and source.published is not None
        ):
            continue
        for event in log.events[part.start : part.end]:
            if event.status is not EventStatus.OCCURRED or event.date is None:
                continue
            for citation in event.citations:
                source = sources.get(citation.source)
                if source is None or source.published is None or source.published.end >= event.date.start:
                    continue
                problems.append(
                    Problem(
                        citation.at("source"),
                        f"source '{source.id}' was published {source.published}, before event '{event.id}' "
                        f"({event.date}) began: it supports an expectation, not the event",
                    )
                )
    return problems


def log_corpus(log: EventLog) -> Corpus | None:
    """The log's corpus, through the bound on what is read; None when the bound refuses it
    (`citations` reports why)."""
    try:
        return Corpus(Path(log.path), log.corpus)
    except OutsideCorpus:
        return None


def duplicate_sources(log: EventLog, context: Context) -> Iterator[Problem]:
    """One article under two ids would count twice among an event's distinct sources.

    Stored texts are the same article when they are the same file (another
    spelling of the path, a link, a hard link) or byte-identical copies; URLs
    when `urls.page` gives them one spelling (the one comparison of URLs). A web page
    with a snapshot is compared both ways.
    """
    seen: dict[object, Source] = {}
    corpus = log_corpus(log)  # None: reported by `citations`
    for source in log.sources:
        keys: list[tuple[object, str, str]] = []
        if source.url is not None:
            keys.append((("url", urls.page(source.url)), "url", "the same URL"))
        if source.file is not None and corpus is not None:
            identity = file_identity(corpus, source.file)
            if identity is not None:
                keys += [
                    (("file", identity[0]), "file", "the same file by another path"),
                    (("sha256", identity[1]), "file", "a byte-identical copy of its file"),
                ]
        for key, field, how in keys:
            first = seen.setdefault(key, source)
            if first is not source and first.id != source.id:  # a repeated id is reported as such
                yield Problem(
                    source.at(field),
                    f"source '{source.id}' is the same article as source '{first.id}' "
                    f"(line {first.location.line}): {how}",
                )
                break


def file_identity(corpus: Corpus, file: str) -> tuple[str, str] | None:
    """Where a local article really is and the hash of its bytes; None if it cannot be read."""
    try:
        raw = corpus.read(file)
    except (OSError, OutsideCorpus):
        return None  # reported by `citations`
    return os.path.realpath(corpus.path(file)), hashlib.sha256(raw).hexdigest()


def origins(log: EventLog, context: Context) -> Iterator[Problem]:
    """A source's `origin` names another source or a label, never itself, and following origins from
    source to source ends: a circle would leave the sources with no original."""
    repeats = {s.id: s.origin for s in log.sources if s.origin is not None}
    sources = log.source_map()
    reported: set[str] = set()
    for source in log.sources:
        if source.origin is None:
            continue
        if source.origin == source.id:
            yield Problem(
                source.at("origin"), f"source '{source.id}' gives itself as its origin; omit 'origin'"
            )
            continue
        seen = [source.id]
        current = source.origin
        while current in repeats and current not in seen:
            seen.append(current)
            current = repeats[current]
        circle = seen[seen.index(current) :] if current in seen else []
        if (
            len(circle) > 1 and circle[0] not in reported
        ):  # a source naming itself is reported above  # each circle once, at the source where it was met
            reported.update(circle)
            path = " → ".join(f"'{i}'" for i in [*circle, current])
            yield Problem(
                sources[circle[0]].at("origin"),
                f"origins go round in a circle: {path}; one must be the original",
            )
