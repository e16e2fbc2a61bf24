"""The rules that keep the log's record of corrections honest: appended in the order made, none dated
after today, every id it names in the log or retired, retired ids never used again, the log as each
correction says it now is, and (`unchanged`) every correction of the last commit still there as it was.

`check.RULES` runs `rules` and `future`; `tracker check` runs `unchanged`
against the last commit (`tracker.app.check`). Apart from `corrections`
(reading one, and what a retired id leads to) because the queries need that
half and never these rules.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date
from enum import Enum

from tracker.dates import DateError, parse_iso
from tracker.log import schema
from tracker.log.corrections import resolve, retirements
from tracker.model import (
    RETIRING,
    Correction,
    CorrectionKind,
    Event,
    EventLog,
    Location,
    PartialDate,
    Problem,
    Source,
)


def future(log: EventLog, today: date) -> Iterator[Problem]:
    """No correction is dated after the day the check runs."""
    for correction in log.corrections:
        if correction.date.start > today:
            yield Problem(
                correction.at("date"),
                f"correction #{correction.order + 1} is dated {correction.date}, after today "
                f"({today.isoformat()}): date it the day it is made",
            )


def rules(log: EventLog) -> Iterable[Problem]:
    """The whole-log rules of corrections (`check.RULES` runs this one)."""
    if not log.corrections:
        return []
    return [*_in_order(log), *_names(log), *_retired(log), *_as_said(log)]


def _label(correction: Correction) -> str:
    return f"correction #{correction.order + 1}"


def _in_order(log: EventLog) -> Iterator[Problem]:
    """Appended in the order made: a correction dated before the one above it was inserted or back-dated."""
    above: Correction | None = None
    for correction in log.corrections:
        if above is not None and correction.date.start < above.date.start:
            yield Problem(
                correction.at("date"),
                f"{_label(correction)} is dated {correction.date}, before the one above it "
                f"({above.date}, line {above.location.line}): corrections are appended as they are made, "
                "never inserted or back-dated",
            )
        above = correction


def _items(log: EventLog) -> dict[str, dict[str, Event | Source]]:
    return {"event": {e.id: e for e in log.events}, "source": {s.id: s for s in log.sources}}


def _names(log: EventLog) -> Iterator[Problem]:
    """Every id a correction names is in the log now, or retired by a correction."""
    items, retired = _items(log), retirements(log)
    for correction in log.corrections:
        named = [("event", "event", correction.event), ("source", "source", correction.source)]
        if correction.kind is CorrectionKind.REATTRIBUTED:
            named.append(("source", "replaced_by", correction.replaced_by))
        for what, field, item_id in named:
            if item_id is None or item_id in items[what] or (what, item_id) in retired:
                continue
            yield Problem(
                correction.at(field),
                f"{_label(correction)} names {what} '{item_id}', which is neither in the log "
                "nor retired by a correction",
            )


def _retired(log: EventLog) -> Iterator[Problem]:
    """A retired id is gone for good: not in the log, retired once, replaced by an id of its kind that
    leads, replacement by replacement, to one in the log (or to a retraction), never back to itself."""
    items, first = _items(log), retirements(log)
    for correction in log.corrections:
        if correction.kind not in RETIRING:
            continue
        what, item_id = correction.subject
        field = what
        earlier = first[(what, item_id)]
        if earlier is not correction:
            yield Problem(
                correction.at(field),
                f"{what} '{item_id}' is already {earlier.kind.value} (line {earlier.location.line})",
            )
            continue
        still = items[what].get(item_id)
        if still is not None:
            yield Problem(
                still.at("id"),
                f"{what} id '{item_id}' was {correction.kind.value} on {correction.date} "
                f"(line {correction.location.line}): a retired id is never used again; choose another",
            )
        target = correction.replaced_by
        if correction.kind is not CorrectionKind.RETIRED or target is None:
            continue
        now, chain = resolve(log, what, item_id)
        if target not in items[what] and (what, target) not in first:
            yield Problem(
                correction.at("replaced_by"),
                f"{_label(correction)} replaces {what} '{item_id}' by {what} '{target}', which is "
                "neither in the log nor retired by a correction",
            )
        elif now is None and chain and chain[-1].kind is CorrectionKind.RETIRED and chain[-1].replaced_by:
            yield Problem(
                correction.at("replaced_by"),
                f"{_label(correction)} replaces {what} '{item_id}' by '{target}', and the replacements "
                f"lead back to '{item_id}'",
            )


def _as_said(log: EventLog) -> Iterator[Problem]:
    """Where the log can show it, it is as the corrections say: a dropped citation is gone, a moved
    one is there, an amended field's value is no longer the one replaced, and an amended date was a date."""
    events = {e.id: e for e in log.events}
    items = _items(log)
    latest: dict[tuple[str, str, str], Correction] = {}
    for correction in log.corrections:
        event = events.get(correction.event or "")
        if correction.kind is CorrectionKind.UNCITED and event is not None:
            yield from _uncited(correction, event)
        elif correction.kind is CorrectionKind.REATTRIBUTED and event is not None:
            later = _dropped_later(log, correction)
            if correction.replaced_by not in event.source_ids and not later:
                yield Problem(
                    correction.at("replaced_by"),
                    f"{_label(correction)} moves a citation of event '{event.id}' to source "
                    f"'{correction.replaced_by}', which the event does not cite",
                )
        elif correction.kind is CorrectionKind.AMENDED and correction.field is not None:
            what, item_id = correction.subject
            yield from _amendable(correction, what)
            latest[(what, item_id, correction.field)] = correction
    for (what, item_id, name), correction in latest.items():
        item = items[what].get(item_id)
        current = _current(item, name) if item is not None else _UNKNOWN
        if current is _UNKNOWN or _flat(correction.was) != _flat(current):  # type: ignore[arg-type]
            continue
        shown = f"'{current}'" if current is not None else "not given"
        yield Problem(
            correction.at("was" if correction.was is not None else "field"),
            f"{_label(correction)} records a change of the {name} of {what} '{item_id}', but it "
            f"is still {shown}: 'was' gives the value it had before",
        )


def _uncited(correction: Correction, event: Event) -> Iterator[Problem]:
    source = correction.source
    if correction.quote is not None:
        wanted = _flat(correction.quote)
        if any(c.source == source and _flat(c.quote) == wanted for c in event.citations):
            yield Problem(
                correction.at("quote"),
                f"{_label(correction)} drops a quote of source '{source}' from event '{event.id}', "
                "but the event still cites it with that quote",
            )
    elif source in event.source_ids:
        yield Problem(
            correction.at("source"),
            f"{_label(correction)} drops source '{source}' from event '{event.id}', but the event "
            "still cites it; give the dropped 'quote' when only one of its quotes was dropped",
        )


def _dropped_later(log: EventLog, moved: Correction) -> bool:
    """Whether a later correction dropped or moved the event's citation of the source `moved` moved to."""
    return any(
        c.order > moved.order
        and c.event == moved.event
        and c.source == moved.replaced_by
        and c.kind in (CorrectionKind.UNCITED, CorrectionKind.REATTRIBUTED)
        for c in log.corrections
    )


_NOT_AMENDABLE = frozenset({"id", "cite"})


def _amendable(correction: Correction, what: str) -> Iterator[Problem]:
    """`field` names a field of an event (or a source) that can be amended; a date's `was` is a date."""
    shape = schema.EVENT if what == "event" else schema.SOURCE
    name = correction.field or ""
    if name not in shape.allowed or name in _NOT_AMENDABLE:
        names = ", ".join(f.name for f in shape.fields if f.name not in _NOT_AMENDABLE)
        yield Problem(
            correction.at("field"),
            f"{_label(correction)} amends '{name}', which is not a field of a {what}; one of: {names}",
        )
        return
    if shape.field(name).value_type is schema.ValueType.DATE and correction.was is not None:
        try:
            parse_iso(correction.was)
        except DateError as err:
            yield Problem(correction.at("was"), f"{_label(correction)} was: {err}")


_UNKNOWN = object()  # a field whose value is not one text (a list), so not compared


def _current(item: Event | Source, name: str) -> str | object | None:
    """The item's value of the field `name` as the log writes it, for comparison with a `was`."""
    if name == "approximate":
        when = getattr(item, "date", None)
        return "true" if isinstance(when, PartialDate) and when.approximate else None
    value = getattr(item, name, _UNKNOWN)
    if value is None or value is _UNKNOWN:
        return value
    if isinstance(value, PartialDate):
        return value.iso()
    if isinstance(value, Enum):
        return str(value.value)
    return value if isinstance(value, str) else _UNKNOWN


def _flat(text: str | None) -> str | None:
    return " ".join(text.split()) if text is not None else None


def unchanged(committed: EventLog, now: EventLog, commit: str) -> Iterator[Problem]:
    """Append-only against the last commit: every correction it holds is still here, as it was, in
    its place. `commit` names it in messages."""
    for old in committed.corrections:
        new = now.corrections[old.order] if old.order < len(now.corrections) else None
        if new is None:
            at = now.locs.get("corrections", Location(now.path, 1, 1))
            yield Problem(
                at,
                f"correction #{old.order + 1} of commit {commit} (dated {old.date}) is gone: corrections "
                "are never removed; record a new one instead",
            )
            continue
        if _plain(new) != _plain(old):
            yield Problem(
                new.location,
                f"{_label(new)} differs from the one committed in {commit}: corrections are never edited; "
                "record a new one instead",
            )


def _plain(correction: Correction) -> Correction:
    """What a correction says, without where it is written or how its text is wrapped."""
    from dataclasses import replace

    return replace(
        correction,
        location=Location("", 0, 0),
        reason=_flat(correction.reason) or "",
        was=_flat(correction.was),
        quote=_flat(correction.quote),
    )
