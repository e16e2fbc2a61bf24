"""Independent origins: sources that repeat one original count once (docs/format.md, "Origins").

Ten reprints of one wire story are one report, however many outlets carry it.
A citation's origin is its own `origin` where the log gives one (only that
passage repeats another's report: "Axios reported"; its own source's id marks
the passage as that source's own), else its source's `origin`, followed from
source to source (a reprint of a reprint) to its end;
a source with no `origin` is an origin of its own. An origin is therefore a
source id (the original is in the log) or a label the log gives an original
it does not hold. `check` makes sure every chain ends.
"""

from __future__ import annotations

from collections.abc import Iterable

from tracker.model import Citation, Event, EventLog
from tracker.queries.base import distinct


class Origins:
    """The origin of each source and citation of one log, each chain followed once."""

    def __init__(self, log: EventLog) -> None:
        self._declared = {s.id: s.origin for s in log.sources if s.origin is not None}
        self._roots: dict[str, str] = {}

    def root(self, key: str) -> str:
        """Where `key` (a source id or a label) leads: the original it repeats, or itself."""
        found = self._roots.get(key)
        if found is not None:
            return found
        seen = [key]
        current = key
        while current in self._declared and len(seen) <= len(
            self._declared
        ):  # bounded: check refuses circles
            current = self._declared[current]
            seen.append(current)
        for step in seen:
            self._roots[step] = current
        return current

    def of(self, citation: Citation) -> str:
        """The citation's origin; one that names its own source marks the passage as the source's own,
        where the rest of the source repeats another's text."""
        if citation.origin == citation.source:
            return citation.source
        return self.root(citation.origin or citation.source)

    def of_source(self, source_id: str) -> str:
        return self.root(source_id)

    def cited(self, events: Iterable[Event], code: str | None = None) -> tuple[str, ...]:
        """The distinct origins of the events' citations (of those naming `code`, if given), in order."""
        return distinct(
            self.of(c) for e in events for c in e.citations if code is None or c.names_country(code)
        )

    def groups(self, citations: Iterable[Citation]) -> dict[str, tuple[str, ...]]:
        """Each origin of `citations` and the sources that repeat it, in citation order."""
        out: dict[str, list[str]] = {}
        for citation in citations:
            sources = out.setdefault(self.of(citation), [])
            if citation.source not in sources:
                sources.append(citation.source)
        return {origin: tuple(sources) for origin, sources in out.items()}


def event_origins(log: EventLog, event: Event) -> tuple[str, ...]:
    """One event's distinct origins, for answers that show it alone."""
    return Origins(log).cited([event])
