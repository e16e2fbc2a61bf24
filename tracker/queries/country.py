"""One country's page: role and status, lifecycle, evidence, conditions, expectations, events, disagreements.

Everything is read from the same replay and expectation states as the other
answers (membership, expectations, knowledge); nothing here decides a status.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import ClassVar

from tracker.model import MEMBER_STATUSES, Citation, Event, EventLog, EventStatus, Kind, MemberStatus, Role
from tracker.queries.base import Query, country_name, in_force, resolve, sort_key
from tracker.queries.candidates import Candidate, candidacy
from tracker.queries.confidence import Confidence
from tracker.queries.expectations import State, states
from tracker.queries.knowledge import known, notices, reviewed
from tracker.queries.membership import Transition, signatories, transitions
from tracker.queries.treaty import Treaty

# Context kinds that record the country's own dealings with the counterpart (Israel).
RELATION_KINDS = frozenset({Kind.RELATIONS, Kind.MEETING, Kind.AGREEMENT})


@dataclass(frozen=True)
class Disagreement:
    """A citation whose account differs from its event's: another date, or an account the log marks."""

    event: Event
    citation: Citation
    says: str


@dataclass(frozen=True)
class CountryPage:
    code: str
    country: str
    role: Role | None  # None: neither the party, the broker nor (yet) a member
    status: MemberStatus | None  # None: not named as a candidate or member (by `known_by`, if given)
    as_of: date
    lifecycle: tuple[Transition, ...]
    candidacy: Candidate | None
    conditions: tuple[Event, ...]
    expectations: tuple[tuple[Event, State], ...]
    relations: tuple[Event, ...]
    events: tuple[Event, ...]
    disagreements: tuple[Disagreement, ...]
    notices: tuple[str, ...] = ()
    reviewed: date | None = None  # the log's review date: every answer says where the log stops
    known_by: date | None = None  # the answer uses only sources published by this day
    treaty: Treaty | None = None  # a member's agreement: its ratification on the day, and every act on it
    confidence: Confidence | None = None  # how firmly the log holds a member's status (a candidacy's: in it)


@dataclass(frozen=True)
class Country(Query[CountryPage]):
    """Everything the log says about one country (an alpha-2 code) on `as_of`."""

    command: ClassVar[str] = "country"
    result: ClassVar[type] = CountryPage
    code: str
    as_of: date
    known_by: date | None = None

    def run(self, log: EventLog) -> CountryPage:
        view = known(log, self.known_by)
        code, as_of, shown = resolve(log, self.code, "COUNTRY"), self.as_of, view.log
        role = shown.roles.role_of(code)
        row = next((r for r in signatories(shown, as_of).rows if r.code == code), None)
        changes = [t for t in transitions(shown, as_of) if t.code == code]
        if role is not Role.MEMBER and row is not None:  # the party and broker: their rows' events
            by_id = {e.id: e for e in shown.events}
            changes, before = [], None
            for event in (by_id[i] for i in row.events):
                after = MemberStatus.SIGNED if event.kind is Kind.SIGNING else MemberStatus.ANNOUNCED
                changes.append(Transition(code, before, after, event))
                before = after
        status = row.status if row is not None else (changes[-1].after if changes else None)
        joined = status in MEMBER_STATUSES or status is MemberStatus.WITHDRAWN
        expected = states(shown, as_of)
        involved = [
            e for e in shown.events if code in e.countries and (in_force(e, as_of) or e.id in expected)
        ]
        involved.sort(key=sort_key)
        happened = [e for e in involved if e.status is EventStatus.OCCURRED]
        party = set(shown.roles.party) - {code}
        return CountryPage(
            code=code,
            country=country_name(code, log),
            role=role if role is not Role.MEMBER or joined else None,
            status=status,
            as_of=as_of,
            lifecycle=tuple(changes),
            candidacy=candidacy(shown, as_of, code),
            conditions=tuple(e for e in happened if e.kind is Kind.CONDITION and code in e.subjects),
            expectations=tuple((e, expected[e.id]) for e in involved if e.id in expected),
            relations=tuple(
                e for e in happened if e.kind in RELATION_KINDS and not party.isdisjoint(e.countries)
            ),
            events=tuple(involved),
            disagreements=tuple(d for e in involved for d in disagreements(e)),
            notices=notices(log, as_of, view),
            reviewed=reviewed(log),
            known_by=self.known_by,
            treaty=row.treaty if row is not None else None,
            confidence=row.confidence if row is not None else None,
        )


def disagreements(event: Event) -> list[Disagreement]:
    """Where the event's sources differ from it: a citation giving another date (or the same
    period as vague wording), or one the log marks `differs`, whose note says how."""
    out = []
    for citation in event.citations:
        when = citation.date
        if citation.differs and citation.note:
            out.append(Disagreement(event, citation, citation.note))
        elif when is not None and (event.date is None or str(when) != str(event.date)):
            approximate = " (vague wording)" if when.approximate else ""
            out.append(Disagreement(event, citation, f"gives the date as {when.iso()}{approximate}"))
    return out
