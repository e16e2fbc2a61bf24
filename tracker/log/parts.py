"""What the checks need to know of a run of events in sum, so that an unchanged run is checked at once.

Most of `check`'s rules look at each event on its own against something the
whole log fixes (the sources, their articles, the known country codes, the
day): a citation of a source that exists with a stored text and a quote
verified in it; an event that did not begin before the sources it cites
were published; codes that are known; nothing occurred after today. For a
chunk of events (`tracker.log.incremental`), `summarise` keeps what those
questions turn on: which sources it cites with which quotes, the latest day
an event citing each source began, its codes, its latest day. When the
answer is "no problem" for the whole chunk, the rule skips its events; when
it may not be, the rule looks at each of them as it always does, so the
problems, and their order, are exactly those of a check without summaries.
The rules across events (ids, sequences of signings, resolutions, duplicate
sources) always look at every event.

A summary is plain values, kept with the chunk's records in the store.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from tracker.log.verified import quote_digest
from tracker.model import Event, EventLog, EventStatus

if TYPE_CHECKING:
    from tracker.log.memo import Memo

# (quote digests by cited source id, latest start by cited source id, codes, subjects, latest start):
# days as ordinals, 0 for none; the digests of a source's quotes sorted, without repeats.
Summary = tuple[dict[str, tuple[bytes, ...]], dict[str, int], tuple[str, ...], tuple[str, ...], int]


@dataclass(frozen=True, slots=True)
class Part:
    """The log's events[start:end], and their summary if it is known."""

    start: int
    end: int
    summary: Summary | None = None


@dataclass(frozen=True)
class Context:
    """What a rule of `check` may use besides the log: the day, this run's memo, and the events in
    parts (with the summaries the reader recorded, a rule can pass over a part at once). Here,
    not in `check`, so that the modules of rules need not import the module that runs them."""

    today: date
    memo: Memo | None
    parts: list[Part]


def summarise(events: list[Any]) -> Summary:
    """What the rules need of these events (see the module's docstring)."""
    quotes: dict[str, set[bytes]] = {}
    latest: dict[str, int] = {}
    codes: set[str] = set()
    subjects: set[str] = set()
    last = 0
    for event in events:
        occurred = event.status is EventStatus.OCCURRED and event.date is not None
        start = event.date.start.toordinal() if occurred else 0
        last = max(last, start)
        codes.update(event.countries, event.subjects)
        subjects.update(event.subjects)
        for citation in event.citations:
            cited = quotes.setdefault(citation.source, set())
            if citation.quote is not None:
                cited.add(quote_digest(citation.quote))
            if occurred and latest.get(citation.source, 0) < start:
                latest[citation.source] = start
    return (
        {source: tuple(sorted(found)) for source, found in quotes.items()},
        latest,
        tuple(sorted(codes)),
        tuple(sorted(subjects)),
        last,
    )


def usable(summary: Any) -> bool:
    """Whether a stored value has a summary's shape (anything else is not believed)."""
    if type(summary) is not tuple or len(summary) != 5:
        return False
    quotes, latest, codes, subjects, last = summary
    return bool(
        type(quotes) is dict
        and type(latest) is dict
        and type(codes) is tuple
        and type(subjects) is tuple
        and type(last) is int
        and set(map(type, quotes)) | set(map(type, latest)) | set(map(type, codes)) | set(map(type, subjects))
        <= {str}
        and set(map(type, quotes.values())) <= {tuple}
        and all(
            set(map(len, found)) <= {16} and set(map(type, found)) <= {bytes} for found in quotes.values()
        )
        and set(map(type, latest.values())) <= {int}
    )


def parts(log: EventLog, known: tuple[tuple[Event, ...], list[Part]] | None) -> list[Part]:
    """The log's events in parts: those the reader recorded for these very events, or one part of
    all of them with no summary."""
    if known is not None and known[0] is log.events:
        return known[1]
    return [Part(0, len(log.events))]
