"""The rules on the order of events: signings in an order that can have happened, treaty acts on an
agreement that was signed, and an expected event resolved once, by an event that occurred.

Rules of `check.RULES`, apart from it because each reads the events as a
history (in the order the roster replays them), across the whole log.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import TYPE_CHECKING

from tracker.log.corrections import retired_hint
from tracker.model import TREATY_KINDS, Event, EventLog, EventStatus, Kind, Problem

if TYPE_CHECKING:
    from tracker.log.parts import Context


def resolutions(log: EventLog, context: Context) -> list[Problem]:
    """`fulfils` and `calls_off` name an expected event, resolved once, by an event that occurred."""
    problems = []
    events: dict[str, Event] = {}
    for event in log.events:
        events.setdefault(event.id, event)
    resolved: dict[str, Event] = {}
    for event in log.events:
        target = event.resolves
        if target is None:
            continue
        field = "fulfils" if event.fulfils else "calls_off"
        where = event.at(field)
        expected = events.get(target)
        if event.status is not EventStatus.OCCURRED:
            problems.append(
                Problem(
                    where, f"event '{event.id}' is expected: only an event that occurred can resolve another"
                )
            )
        if expected is None:
            hint = retired_hint(log, "event", target)
            problems.append(Problem(where, f"event '{event.id}' {field} unknown event '{target}'{hint}"))
        elif expected.status is not EventStatus.EXPECTED:
            problems.append(
                Problem(where, f"event '{event.id}' {field} '{target}', which is not an expected event")
            )
        elif target in resolved:
            first = resolved[target]
            problems.append(
                Problem(
                    where,
                    f"expected event '{target}' is already resolved by '{first.id}' "
                    f"(line {first.at('fulfils' if first.fulfils else 'calls_off').line})",
                )
            )
        else:
            resolved[target] = event
    return problems


_SEQUENCE = (Kind.ANNOUNCEMENT, Kind.CONFIRMATION, Kind.SIGNING, Kind.WITHDRAWAL)


def signings(log: EventLog, context: Context) -> Iterator[Problem]:
    """Signings in an order that can have happened; expected events are predictions and exempt.

    A signing needs an announcement or confirmation of the country that could
    have come before it (its period starts no later than the signing's ends);
    a second signing needs a withdrawal between the two, in the order the
    roster replays events; a withdrawal and a signing on the same day cannot
    be ordered at all.
    """
    by_country: dict[str, list[Event]] = {}
    for event in log.events:
        if event.status is EventStatus.OCCURRED and event.date is not None and event.kind in _SEQUENCE:
            for code in event.subjects:
                by_country.setdefault(code, []).append(event)
    for code, events in by_country.items():
        events.sort(key=_replay_order)
        declared = min(
            (e.date.start for e in events if e.kind in (Kind.ANNOUNCEMENT, Kind.CONFIRMATION) and e.date),
            default=date.max,
        )
        signed: Event | None = None
        days: dict[tuple[Kind, str], Event] = {}
        for event in events:
            assert event.date is not None
            if event.kind in (Kind.SIGNING, Kind.WITHDRAWAL) and event.date.day is not None:
                other = Kind.WITHDRAWAL if event.kind is Kind.SIGNING else Kind.SIGNING
                clash = days.get((other, event.date.iso()))
                days.setdefault((event.kind, event.date.iso()), event)
                if clash is not None:
                    later, first = (event, clash) if event.order > clash.order else (clash, event)
                    yield Problem(
                        later.at(f"subjects.{code}"),
                        f"'{code}' signs and withdraws on the same day, {event.date.iso()} (events "
                        f"'{first.id}' at line {first.location.line} and '{later.id}'): "
                        "which came first cannot be told",
                    )
            if event.kind is Kind.WITHDRAWAL:
                signed = None
            elif event.kind is Kind.SIGNING:
                if event.date.end < declared:
                    yield Problem(
                        event.at(f"subjects.{code}"),
                        f"event '{event.id}' signs for '{code}', but no announcement or confirmation "
                        f"of '{code}' comes before it",
                    )
                if signed is not None:
                    yield Problem(
                        event.at(f"subjects.{code}"),
                        f"event '{event.id}' signs for '{code}' again, with no withdrawal since "
                        f"event '{signed.id}' (line {signed.location.line})",
                    )
                signed = event


def _replay_order(event: Event) -> tuple[date, date, int]:
    """As the roster replays events (queries.base.sort_key): last day, first day, file order."""
    assert event.date is not None
    return (event.date.end, event.date.start, event.order)


def treaty_acts(log: EventLog, context: Context) -> Iterator[Problem]:
    """A ratification or an entry into force acts on an agreement that was signed: an occurred act on a
    member needs an occurred signing of it whose period starts no later than the act's ends."""
    signed: dict[str, date] = {}
    for event in log.events:
        if event.status is EventStatus.OCCURRED and event.kind is Kind.SIGNING and event.date is not None:
            for code in event.subjects:
                signed[code] = min(signed.get(code, date.max), event.date.start)
    for event in log.events:
        if event.kind not in TREATY_KINDS or event.status is not EventStatus.OCCURRED or event.date is None:
            continue
        for code in event.subjects:
            if signed.get(code, date.max) > event.date.end:
                what = "ratifies" if event.kind is Kind.RATIFICATION else "brings into force"
                yield Problem(
                    event.at(f"subjects.{code}"),
                    f"event '{event.id}' {what} the agreement of '{code}', but no signing of '{code}' "
                    "comes before it",
                )
