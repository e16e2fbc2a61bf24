"""An addition reads back as written and changes nothing else: the checks `add` and `add correction`
run on the log after the insertion, whatever `check` says of it.

Apart from `additions` because they compare two logs as values (the model's
fields, less where each item is written), never bytes.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from tracker.errors import Refused
from tracker.model import Assertion, Citation, Event, EventLog, Location, Problem, Source


def same(log: EventLog, name: str, item: dict[str, Any], shown: str, line: int) -> None:
    """The new item reads back as given: the writer's quoting kept every character."""
    items: Sequence[Source | Event | Assertion] = (
        log.sources if name == "sources" else log.assertions if name == "assertions" else log.events
    )
    found = next((i for i in items if i.location.line == line), None)
    wrong = found is None or found.id != item["id"]
    if found is not None and not wrong:
        for key in ("title", "note", "outlet", "published_clue", "url", "file"):
            if key in item and getattr(found, key, None) != item[key]:
                wrong = True
        quotes = [c.get("quote") for c in item.get("cite", [])]
        if name == "events" and [c.quote for c in getattr(found, "citations", ())] != quotes:
            wrong = True
    if wrong:
        raise Refused([Problem(Location(shown, line, 1), "the new entry does not read back as written")])


def _same_values(old: Source | Event | Assertion, new: Source | Event | Assertion, cited: str | None) -> bool:
    """Whether an item reads back with the values it had, wherever it is now written (the event
    `cited` with its old citations first)."""
    if old is new:
        return True
    if type(old) is not type(new) or old.id != new.id:
        return False
    if isinstance(old, Source):
        return all(getattr(old, f) == getattr(new, f) for f in _SOURCE_VALUES)
    if not isinstance(old, Event):
        return _unplaced(old) == _unplaced(new)  # type: ignore[arg-type]
    assert isinstance(new, Event)
    citations = new.citations[: len(old.citations)] if old.id == cited else new.citations
    return (
        all(getattr(old, f) == getattr(new, f) for f in _EVENT_VALUES)
        and len(old.citations) == len(citations)
        and all(
            all(getattr(a, f) == getattr(b, f) for f in _CITATION_VALUES)
            for a, b in zip(old.citations, citations, strict=True)
        )
    )


def _unplaced(item: Assertion) -> Assertion:
    """An item's values without where they were written, which an addition may move."""
    return replace(item, location=_NOWHERE)


def _values(kind: type, *placed: str) -> tuple[str, ...]:
    """The fields of `kind` that its equality compares, but where it is written."""
    import dataclasses

    return tuple(f.name for f in dataclasses.fields(kind) if f.compare and f.name not in placed)


_NOWHERE = Location("", 0, 0)
_SOURCE_VALUES = _values(Source, "location")
_EVENT_VALUES = _values(Event, "location", "citations")
_CITATION_VALUES = _values(Citation, "location")


def kept(before: EventLog, after: EventLog, shown: str, cited: str | None = None) -> None:
    """Every item that was there reads back with the values it had (the event `cited` with its old
    citations first): an addition changes nothing but what it adds, whatever `check` says."""
    pairs: list[tuple[Source | Event | Assertion, Source | Event | Assertion]] = [
        *zip(before.sources, after.sources, strict=False)
    ]
    pairs += zip(before.events, after.events, strict=False)
    pairs += zip(before.assertions, after.assertions, strict=False)
    for old, new in pairs:
        if not _same_values(old, new, cited):
            message = (
                f"the addition would change '{old.id}' (first at line {old.location.line}); add it by hand"
            )
            raise Refused([Problem(new.location, message)])
    if (before.corpus, before.roles, before.reviewed) != (after.corpus, after.roles, after.reviewed):
        raise Refused(
            [Problem(Location(shown, 1, 1), "the addition would change the log's header; add it by hand")]
        )
