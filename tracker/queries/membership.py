"""Membership replayed from the events: who had joined (who was named as next is `candidates`').

Membership is never stored: each country's status on a day is replayed from
the events dated up to that day. A partial date ("2020-12") counts only once
its whole period is over, so it is never counted before it could have happened.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import ClassVar

from tracker.model import (
    MEMBER_STATUSES,
    STATUS_KINDS,
    Event,
    EventLog,
    Kind,
    MemberStatus,
    PartialDate,
    Role,
)
from tracker.queries.base import Query, SortKey, country_name, distinct, in_force, sort_key
from tracker.queries.confidence import RESTS_ON, Confidence, grade, status_events
from tracker.queries.knowledge import known, notices, reviewed
from tracker.queries.origins import Origins
from tracker.queries.treaty import NOT_KNOWN, Treaty, treaties


@dataclass
class _State:
    """A country's standing while events are replayed; internal and mutable."""

    status: MemberStatus | None = None
    before_suspension: MemberStatus | None = None
    announced: PartialDate | None = None
    signed: PartialDate | None = None
    first_order: SortKey | None = None  # when it first became a member
    events: list[Event] = field(default_factory=list)


def _happened(log: EventLog, as_of: date) -> list[Event]:
    """The events in force on `as_of`, in date order: sorted once per query."""
    return sorted((e for e in log.events if in_force(e, as_of)), key=sort_key)


@dataclass(frozen=True)
class Transition:
    """One change of a country's status in the replay, and the event that made it."""

    code: str
    before: MemberStatus | None
    after: MemberStatus
    event: Event


def _replay(happened: list[Event], changes: list[Transition] | None = None) -> dict[str, _State]:
    """Each subject's state after `happened`; every status change is added to `changes` if given."""
    states: dict[str, _State] = {}
    for event in happened:
        if event.kind not in STATUS_KINDS:  # conditions and treaty acts change no membership status
            continue
        for code in event.subjects:
            state = states.setdefault(code, _State())
            before = state.status
            _apply(state, event)
            if changes is not None and state.status is not None and state.status is not before:
                changes.append(Transition(code, before, state.status, event))
    return states


def transitions(log: EventLog, as_of: date) -> list[Transition]:
    """Every status change replayed from the events in force on `as_of`, in date order."""
    changes: list[Transition] = []
    _replay(_happened(log, as_of), changes)
    return changes


def _apply(state: _State, event: Event) -> None:
    kind, when = event.kind, event.date
    if kind is Kind.CANDIDACY:
        if state.status is None:
            state.status = MemberStatus.CANDIDATE
        return
    state.events.append(event)
    if kind in (Kind.ANNOUNCEMENT, Kind.CONFIRMATION):
        if state.status in (None, MemberStatus.CANDIDATE, MemberStatus.WITHDRAWN):
            state.status = MemberStatus.ANNOUNCED
        state.announced = state.announced or when
    elif kind is Kind.SIGNING:
        state.status = MemberStatus.SIGNED
        state.signed = state.signed or when
    elif kind is Kind.SUSPENSION:
        if state.status in (MemberStatus.ANNOUNCED, MemberStatus.SIGNED):
            state.before_suspension, state.status = state.status, MemberStatus.SUSPENDED
    elif kind is Kind.REINSTATEMENT:
        if state.status is MemberStatus.SUSPENDED:
            state.status = state.before_suspension
    elif kind is Kind.WITHDRAWAL:
        state.status = MemberStatus.WITHDRAWN
    if state.first_order is None and state.status in MEMBER_STATUSES:
        state.first_order = sort_key(event)


@dataclass(frozen=True)
class Signatory:
    code: str
    country: str
    role: Role
    status: MemberStatus
    ordinal: int | None
    announced: PartialDate | None
    signed: PartialDate | None
    sources: tuple[str, ...]
    events: tuple[str, ...]
    # Independent origins of the row's citations (reprints of one story count once), its treaty
    # status (members only) and how firmly the log holds its membership status (members only).
    origins: tuple[str, ...] = ()
    treaty: Treaty | None = None
    confidence: Confidence | None = None


@dataclass(frozen=True)
class Roster:
    as_of: date
    rows: tuple[Signatory, ...]
    notices: tuple[str, ...] = ()
    reviewed: date | None = None  # the log's review date: every answer says where the log stops

    @property
    def members(self) -> int:
        return sum(1 for r in self.rows if r.role is Role.MEMBER and r.status in MEMBER_STATUSES)

    @property
    def signed(self) -> int:
        return sum(1 for r in self.rows if r.role is Role.MEMBER and r.status is MemberStatus.SIGNED)

    @property
    def awaiting_signature(self) -> int:
        return sum(1 for r in self.rows if r.role is Role.MEMBER and r.status is MemberStatus.ANNOUNCED)


@dataclass(frozen=True)
class Signatories(Query[Roster]):
    """Members in order of announcement, then the counterpart and the broker, on `as_of`."""

    command: ClassVar[str] = "signatories"
    result: ClassVar[type] = Roster
    as_of: date
    known_by: date | None = None

    def run(self, log: EventLog) -> Roster:
        view = known(log, self.known_by)
        roster = signatories(view.log, self.as_of)
        return Roster(roster.as_of, roster.rows, notices(log, self.as_of, view), reviewed(log))


def signatories(log: EventLog, as_of: date, replayed: Replay | None = None) -> Roster:
    """The roster on `as_of`; from `replayed` (the same log and day) when a caller has one already."""
    happened = list(replayed.happened) if replayed is not None else _happened(log, as_of)
    states = replayed.states if replayed is not None else _replay(happened)
    joined = [(s.first_order, code, s) for code, s in states.items() if s.first_order is not None]
    rows = []
    for ordinal, (_, code, state) in enumerate(sorted(joined), start=1):
        rows.append(
            _row(
                log,
                code,
                Role.MEMBER,
                state.status or MemberStatus.CANDIDATE,
                ordinal,
                state.announced,
                state.signed,
                state.events,
            )
        )
    rows += _non_members(log, happened)
    return Roster(as_of, tuple(_graded(log, rows, states, as_of)))


def _graded(
    log: EventLog, rows: list[Signatory], replayed: Mapping[str, _State], as_of: date
) -> list[Signatory]:
    """The rows with their independent origins, and for members their treaty status and confidence."""
    origins = Origins(log)
    by_id = {e.id: e for e in log.events}
    found = treaties(log, as_of)
    out = []
    for row in rows:
        events = [by_id[i] for i in row.events]
        if row.role is not Role.MEMBER:
            out.append(dataclasses.replace(row, origins=origins.cited(events)))
            continue
        held = status_events(replayed[row.code].events, row.status)
        out.append(
            dataclasses.replace(
                row,
                origins=origins.cited(events),
                treaty=found.get(row.code, NOT_KNOWN),
                confidence=grade(held, row.code, origins, RESTS_ON[row.status]),
            )
        )
    return out


def _non_members(log: EventLog, happened: list[Event]) -> list[Signatory]:
    """The party and broker, once they have taken part in an accession.

    Their dates are the first accession and the first signing they took part
    in, and their sources are those two events' sources.
    """
    taking_part = [e for e in happened if e.kind in (Kind.ANNOUNCEMENT, Kind.CONFIRMATION, Kind.SIGNING)]
    rows = []
    for role, codes in ((Role.PARTY, log.roles.party), (Role.BROKER, log.roles.broker)):
        for code in codes:
            first = next((e for e in taking_part if code in e.countries and e.kind is not Kind.SIGNING), None)
            signing = next((e for e in taking_part if code in e.countries and e.kind is Kind.SIGNING), None)
            events = [e for e in (first, signing) if e is not None]
            if not events:
                continue
            status = MemberStatus.SIGNED if signing is not None else MemberStatus.ANNOUNCED
            announced = first.date if first is not None else None
            signed = signing.date if signing is not None else None
            rows.append(_row(log, code, role, status, None, announced, signed, events))
    return rows


def _row(
    log: EventLog,
    code: str,
    role: Role,
    status: MemberStatus,
    ordinal: int | None,
    announced: PartialDate | None,
    signed: PartialDate | None,
    events: list[Event],
) -> Signatory:
    return Signatory(
        code=code,
        country=country_name(code, log),
        role=role,
        status=status,
        ordinal=ordinal,
        announced=announced,
        signed=signed,
        sources=distinct(s for e in events for s in e.source_ids),
        events=tuple(e.id for e in events),
    )


@dataclass(frozen=True)
class Change:
    """The statuses after one day on which some country's status changed, and the events that day."""

    day: date
    statuses: dict[str, MemberStatus]  # every country with a status by then
    events: tuple[Event, ...]


@dataclass(frozen=True)
class Replay:
    """A log replayed up to one day, once, for the answers shown together (the web page's roster,
    candidates, history and charts): the events in force, each subject's standing at the end, each
    day a status changed, and the countries in lane order."""

    as_of: date
    happened: tuple[Event, ...]
    states: Mapping[str, _State]  # read only, once replayed
    changes: tuple[Change, ...]
    order: tuple[str, ...]


def replay(log: EventLog, as_of: date) -> Replay:
    """The same replay as `signatories`, one day at a time.

    The events in force on a day are a prefix of the sorted events (sorted by
    their last day), so each day's statuses are the replay's state after that
    prefix. Lane order: members in order of announcement (as `signatories`
    numbers them), then the others in order of first mention.
    """
    from itertools import groupby

    happened = _happened(log, as_of)
    states: dict[str, _State] = {}
    first_seen: dict[str, int] = {}
    changes: list[Change] = []
    before: dict[str, MemberStatus] = {}
    for day, group in groupby(happened, key=lambda e: e.date.end if e.date else date.max):
        events = [e for e in group if e.kind in STATUS_KINDS]  # conditions change no status
        for event in events:
            for code in event.subjects:
                first_seen.setdefault(code, len(first_seen))
                _apply(states.setdefault(code, _State()), event)
        now = {code: s.status for code, s in states.items() if s.status is not None}
        if now != before:
            changes.append(Change(day, now, tuple(events)))
            before = now
    joined = sorted((s.first_order, code) for code, s in states.items() if s.first_order is not None)
    members = [code for _, code in joined]
    others = sorted(states.keys() - set(members), key=lambda c: first_seen[c])
    return Replay(as_of, tuple(happened), states, tuple(changes), tuple(members + others))
