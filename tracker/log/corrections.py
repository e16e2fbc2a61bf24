"""The log's record of its own corrections: reading each one, and the rules that keep the list honest.

A correction says what the log used to assert (an event's date, a citation, a
source's outlet, an id) and why it changed, dated the day it was made. The
list is append-only: each correction is dated no earlier than the one above it,
none is dated after today, every id it names is in the log or retired by a
correction, and where the log can be compared with what a correction says it
is (the event no longer cites the source it dropped, cites the one it moved
to, no longer has the value an amendment replaced) it is. A retired id is never
used again, and the log never refers to one: the message names its replacement.
Those rules are `correctionrules`; here are reading a correction, and what a
retired id leads to (`resolve`), which answers need too.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from tracker.log import schema
from tracker.model import (
    RETIRING,
    Correction,
    CorrectionKind,
    EventLog,
)

if TYPE_CHECKING:  # the reader's: answers resolve retired ids without loading yaml
    from tracker.log.values import Values
    from tracker.log.yamlstream import Node

# What each kind needs and refuses, beside `date`, `kind` and `reason` (which every correction has).
_NEEDS: dict[CorrectionKind, tuple[str, ...]] = {
    CorrectionKind.AMENDED: ("field",),
    CorrectionKind.UNCITED: ("event", "source"),
    CorrectionKind.REATTRIBUTED: ("event", "source", "replaced_by"),
    CorrectionKind.RETRACTED: (),
    CorrectionKind.RETIRED: (),
}
_TAKES: dict[CorrectionKind, frozenset[str]] = {
    CorrectionKind.AMENDED: frozenset({"event", "source", "field", "was"}),
    CorrectionKind.UNCITED: frozenset({"event", "source", "quote"}),
    CorrectionKind.REATTRIBUTED: frozenset({"event", "source", "replaced_by"}),
    CorrectionKind.RETRACTED: frozenset({"event", "source"}),
    CorrectionKind.RETIRED: frozenset({"event", "source", "replaced_by"}),
}
_OPTIONAL = ("event", "source", "field", "was", "quote", "replaced_by")
# Kinds that correct one item, named by exactly one of `event` and `source`.
_ONE_ITEM = frozenset({CorrectionKind.AMENDED, CorrectionKind.RETRACTED, CorrectionKind.RETIRED})


def read(reader: Values, node: Node, what: str, order: int = 0) -> Correction | None:
    """One correction from its mapping; each bad value a problem at its place."""
    from tracker.log.yamlstream import pos

    fields = reader.mapping(node, what, schema.CORRECTION)
    if fields is None:
        return None
    when = reader.date(fields["date"][1], f"{what} date", False) if "date" in fields else None
    if when is not None and when.day is None:
        reader.fail(fields["date"][1], f"{what} date must be a day (YYYY-MM-DD), not '{when.iso()}'")
        when = None
    kind = reader.choice(fields["kind"][1], f"{what} kind", CorrectionKind) if "kind" in fields else None
    reason = reader.text(fields["reason"][1], f"{what} reason") if "reason" in fields else None
    values: dict[str, str] = {}
    for name in _OPTIONAL:
        if name not in fields:
            continue
        value_node = fields[name][1]
        if name in ("event", "source", "replaced_by"):
            value = reader.ident(value_node, f"{what} {name}")
        else:
            value = reader.text(value_node, f"{what} {name}", one_line=name == "field")
        if value is not None:
            values[name] = value
    if kind is not None:
        label = f"{what} ('{kind}')"
        for name in _NEEDS[kind]:
            if name not in fields:
                reader.fail(node, f"{label} needs '{name}'")
        for name in _OPTIONAL:
            if name in fields and name not in _TAKES[kind]:
                reader.fail(fields[name][0], f"{label} takes no '{name}'")
        if kind in _ONE_ITEM and ("event" in fields) == ("source" in fields):
            reader.fail(node, f"{label} names exactly one of 'event' and 'source'")
    if when is None or kind is None or reason is None:
        return None
    return Correction(
        date=when,
        kind=kind,
        reason=reason,
        location=reader.loc(node),
        order=order,
        event=values.get("event"),
        source=values.get("source"),
        field=values.get("field"),
        was=values.get("was"),
        quote=values.get("quote"),
        replaced_by=values.get("replaced_by"),
        locs={name: pos(value_node) for name, (_, value_node) in fields.items()},
    )


# -- retired ids ------------------------------------------------------------------------------------


def retirements(log: EventLog) -> dict[tuple[str, str], Correction]:
    """Each retired id, ("event", id) or ("source", id), and the first correction that retired it."""
    out: dict[tuple[str, str], Correction] = {}
    for correction in log.corrections:
        if correction.kind in RETIRING:
            out.setdefault(correction.subject, correction)
    return out


def resolve(log: EventLog, what: str, item_id: str) -> tuple[str | None, tuple[Correction, ...]]:
    """What a retired id stands for now: the id at the end of its chain of replacements (None when it
    was retracted, or retired with nothing in its place), and the retiring corrections on the way.
    An id that is not retired is itself, with no corrections."""
    retired = retirements(log)
    chain: list[Correction] = []
    current: str | None = item_id
    while current is not None and (what, current) in retired:
        correction = retired[(what, current)]
        if correction in chain:  # a cycle: `check` refuses it; a query must still end
            return None, tuple(chain)
        chain.append(correction)
        current = correction.replaced_by if correction.kind is CorrectionKind.RETIRED else None
    return current, tuple(chain)


def retired_hint(log: EventLog, what: str, item_id: str) -> str:
    """For a message about a reference to `item_id`: that it was retired, and what to write instead."""
    now, chain = resolve(log, what, item_id)
    if not chain:
        return ""
    first = chain[0]
    said = f"; {what} '{item_id}' was {first.kind.value} on {first.date} (line {first.location.line})"
    return said + (f": write '{now}'" if now is not None else ", and nothing replaces it")


def naming(log: EventLog, event_id: str) -> tuple[Correction, ...]:
    """Every correction about the event `event_id` or an id it replaced, in the order made."""
    ids = {event_id}
    grew = True
    while grew:  # the ids retired in favour of one already found
        grew = False
        for c in log.corrections:
            retired = c.kind is CorrectionKind.RETIRED and c.event is not None and c.event not in ids
            if retired and c.replaced_by in ids:
                ids.add(c.event)  # type: ignore[arg-type]  # not None: just tested
                grew = True
    return tuple(c for c in log.corrections if c.event in ids)
