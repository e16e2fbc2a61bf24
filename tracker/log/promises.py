"""Expectations judged like promises, on the log's side: reading the fields, and the whole-log rule.

An expected event may say what must happen for it to count as fulfilled
(`criterion`) and by when (`deadline`). An occurred event gives a verdict on
one by naming it, as `fulfils` and `calls_off` do: `stalls` (a cited report of
delay), `partly_fulfils` with the `part` that was met, or `makes_ambiguous`.
What state an expectation is in on a day is decided in one place,
`tracker.queries.expectations`; here each value is read at its place, and
`verdicts` holds the links to the rules a replay relies on.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from tracker.log.values import Values
from tracker.log.yamlstream import Node, pos
from tracker.model import SETTLING, Event, EventLog, EventStatus, PartialDate, Problem, Verdict

# The verdicts these fields give; `fulfils` and `calls_off` are read with the event's other links.
_NEW = (Verdict.STALLS, Verdict.PARTLY_FULFILS, Verdict.MAKES_AMBIGUOUS)
_FIELDS = frozenset({"criterion", "deadline", "part", *(v.value for v in _NEW)})


def read(
    values: Values,
    fields: dict[str, tuple[Node, Node]],
    what: str,
    expected: bool,
    when: PartialDate | None,
) -> dict[str, Any]:
    """The event's promise fields as the model's keyword arguments; each bad value a problem."""
    if _FIELDS.isdisjoint(fields):
        return {}  # most events: nothing to read (this runs for every event of the log)
    out: dict[str, Any] = {}
    for name in ("criterion", "deadline"):
        if name in fields and not expected:
            values.fail(fields[name][0], f"{what} gives '{name}', which only an expected event takes")
    if "criterion" in fields:
        out["criterion"] = values.text(fields["criterion"][1], f"{what} criterion")
    if "deadline" in fields:
        deadline = values.date(fields["deadline"][1], f"{what} deadline", False)
        if deadline is not None and when is not None and deadline.end < when.start:
            values.fail(
                fields["deadline"][1],
                f"{what} has the deadline {deadline}, before its expected date {when} begins",
            )
        out["deadline"] = deadline
    for verdict in _NEW:
        if verdict.value in fields:
            out[verdict.value] = values.ident(fields[verdict.value][1], f"{what} {verdict.value}")
    if "part" in fields:
        out["part"] = values.text(fields["part"][1], f"{what} part")
        if "partly_fulfils" not in fields:
            values.fail(fields["part"][0], f"{what} gives 'part' without 'partly_fulfils'")
    if "partly_fulfils" in fields and "part" not in fields:
        values.fail(fields["partly_fulfils"][0], f"{what} partly_fulfils: say which part was met in 'part'")
    given = [v.value for v in Verdict if v.value in fields]
    if len(given) > 1 and any(name in given for name in (v.value for v in _NEW)):
        later = max(given, key=lambda name: pos(fields[name][0]))
        values.fail(fields[later][0], f"{what} gives both {' and '.join(repr(g) for g in given)}; choose one")
    return out


def positions(values: Values, fields: dict[str, tuple[Node, Node]]) -> dict[str, int]:
    """Where the verdicts and the deadline were written, which `verdicts` and `check` report on (in the
    whole file: `values` knows where the text being read begins)."""
    return {name: values.pos(fields[name][1]) for name in _FIELDS if name in fields}


def verdicts(log: EventLog) -> Iterator[Problem]:
    """`stalls`, `partly_fulfils` and `makes_ambiguous` name an expected event and come from an event
    that occurred; an expectation is settled (fulfilled, called off or ambiguous) once, and no
    verdict comes after that in the order the log replays events (`fulfils` and `calls_off` against
    each other are `sequences.resolutions`' to report)."""
    events: dict[str, Event] = {}
    for event in log.events:
        events.setdefault(event.id, event)
    judged: dict[str, list[tuple[Verdict, Event]]] = {}
    for event in log.events:
        found = event.verdict
        if found is None:
            continue
        verdict, target = found
        if verdict in _NEW:
            where = event.at(verdict.value)
            expected = events.get(target)
            if event.status is not EventStatus.OCCURRED:
                yield Problem(
                    where, f"event '{event.id}' is expected: only an event that occurred can judge another"
                )
            if expected is None:
                yield Problem(where, f"event '{event.id}' {verdict.value} unknown event '{target}'")
                continue
            if expected.status is not EventStatus.EXPECTED:
                yield Problem(
                    where, f"event '{event.id}' {verdict.value} '{target}', which is not an expected event"
                )
                continue
        if event.status is EventStatus.OCCURRED and event.date is not None:
            judged.setdefault(target, []).append((verdict, event))
    for target, given in judged.items():
        given.sort(key=lambda pair: _order(pair[1]))
        settled: tuple[Verdict, Event] | None = None
        for verdict, event in given:
            if settled is None:
                if verdict in SETTLING:
                    settled = (verdict, event)
                continue
            if verdict not in _NEW and settled[0] not in _NEW:
                continue  # two of fulfils and calls_off: sequences.resolutions says so
            how, first = settled
            yield Problem(
                event.at(verdict.value),
                f"expected event '{target}' is already settled by '{first.id}' ({how.value}, "
                f"line {first.at(how.value).line}, {first.date}); event '{event.id}' cannot judge it "
                "after that",
            )


def _order(event: Event) -> tuple[Any, ...]:
    """As the roster replays events (queries.base.sort_key): last day, first day, file order."""
    assert event.date is not None
    return (event.date.end, event.date.start, event.order)
