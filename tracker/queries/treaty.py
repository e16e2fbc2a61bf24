"""Treaty-grade statuses: where a member's agreement stands on a day, replayed from its treaty acts.

A depositary records signature, ratification and entry into force, each with
the date of the act and the date it takes effect. The log records them as
events of kind `ratification` and `entry-into-force` (with `effective` where
sources give the day it takes effect, and `by` where the act is another
state's, such as Israel's parliament approving a member's agreement). A
member's ratification on a day is derived, never typed (docs/format.md,
"Treaty acts"):

- in-force: its own entry into force has taken effect by then;
- ratified: it has ratified (an act of its own occurred by then);
- not-ratified: signed, not ratified: an expected ratification or entry into
  force of its own is open (its sources report it still to come);
- not-known: the log holds nothing on it. No act is not proof that none happened.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from tracker.model import TREATY_KINDS, Event, EventLog, EventStatus, Kind, PartialDate
from tracker.queries.base import in_force, sort_key
from tracker.queries.expectations import OPEN, State, states


class Ratification(StrEnum):
    IN_FORCE = "in-force"
    RATIFIED = "ratified"
    NOT_RATIFIED = "not-ratified"
    NOT_KNOWN = "not-known"


# How tables and pages say it after the membership status: "signed, not ratified".
WORDS = {
    Ratification.IN_FORCE: "in force",
    Ratification.RATIFIED: "ratified",
    Ratification.NOT_RATIFIED: "not ratified",
    Ratification.NOT_KNOWN: "ratification not known",
}


@dataclass(frozen=True)
class Act:
    """One treaty act on a member's agreement: occurred by the day, or expected (with its state)."""

    event: Event
    state: State | None = None  # None: it occurred


@dataclass(frozen=True)
class Treaty:
    status: Ratification
    ratified: PartialDate | None  # the member's own first ratification
    in_force: PartialDate | None  # the day its entry into force took effect
    acts: tuple[Act, ...]  # every act on its agreement by the day, its own and other states', in date order

    def words(self) -> str:
        return WORDS[self.status]


NOT_KNOWN = Treaty(Ratification.NOT_KNOWN, None, None, ())


def treaties(log: EventLog, as_of: date, expected: dict[str, State] | None = None) -> dict[str, Treaty]:
    """Each member's treaty status on `as_of`, for every country a treaty act names; the others are
    `NOT_KNOWN`. `expected` is the expectations' states on the day, when the caller has them."""
    acts: dict[str, list[Act]] = {}
    occurred = (e for e in log.events if e.kind in TREATY_KINDS and in_force(e, as_of))
    for event in sorted(occurred, key=sort_key):
        for code in event.subjects:
            acts.setdefault(code, []).append(Act(event))
    if any(e.kind in TREATY_KINDS and e.status is EventStatus.EXPECTED for e in log.events):
        found = states(log, as_of) if expected is None else expected
        waiting = (e for e in log.events if e.kind in TREATY_KINDS and e.id in found)
        for event in sorted(waiting, key=sort_key):
            for code in event.subjects:
                acts.setdefault(code, []).append(Act(event, found[event.id]))
    return {code: _treaty(code, found_acts, as_of) for code, found_acts in acts.items()}


def _acting(act: Act, code: str) -> bool:
    return code in act.event.acting


def _treaty(code: str, acts: Iterable[Act], as_of: date) -> Treaty:
    listed = tuple(acts)
    done = [a for a in listed if a.state is None and _acting(a, code)]
    ratified = next((a.event.date for a in done if a.event.kind is Kind.RATIFICATION), None)
    took_effect = [
        a.event.effective or a.event.date
        for a in done
        if a.event.kind is Kind.ENTRY_INTO_FORCE and (a.event.effective or a.event.date) is not None
    ]
    in_force_on = next((d for d in took_effect if d is not None and d.end <= as_of), None)
    if in_force_on is not None:
        status = Ratification.IN_FORCE
    elif ratified is not None:
        status = Ratification.RATIFIED
    elif any(a.state is not None and a.state.expectation in OPEN and _acting(a, code) for a in listed):
        status = Ratification.NOT_RATIFIED
    else:
        status = Ratification.NOT_KNOWN
    return Treaty(status, ratified, in_force_on, listed)


def treaty(log: EventLog, as_of: date, code: str) -> Treaty:
    """One member's treaty status on `as_of`."""
    return treaties(log, as_of).get(code, NOT_KNOWN)
