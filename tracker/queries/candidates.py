"""Candidates replayed from the events: the countries named or implied as possible members and not
(yet) announced, with their evidence, conditions and open expectations.

Their standing comes from the one membership replay (`membership`), so a
country counts as a candidate exactly while `signatories` does not list it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import ClassVar

from tracker.model import Event, EventLog, EventStatus, Kind, MemberStatus, PartialDate
from tracker.queries.base import Query, country_name, distinct, sort_key
from tracker.queries.confidence import Confidence, grade
from tracker.queries.expectations import OPEN, State, states
from tracker.queries.knowledge import known, notices, reviewed
from tracker.queries.membership import Replay, _happened, _replay
from tracker.queries.origins import Origins


@dataclass(frozen=True)
class Candidate:
    code: str
    country: str
    first_mentioned: PartialDate
    last_mentioned: PartialDate
    sources: tuple[str, ...]  # the sources that name the country as a possible member
    implied: tuple[str, ...]  # the sources that only imply it ("other Central Asian countries")
    events: tuple[str, ...]
    conditions: tuple[str, ...]
    latest: Event
    expected: tuple[tuple[Event, State], ...]  # open expectations involving it (expectations.OPEN)
    named: bool = True  # False: no source names it; its dates and latest evidence are implied ones
    origins: tuple[str, ...] = ()  # the independent origins naming it: reprints of one story count once
    confidence: Confidence | None = None

    @property
    def mentions(self) -> int:
        """Distinct sources naming the country: repeats of one article count once."""
        return len(self.sources)

    @property
    def implied_by(self) -> int:
        return len(self.implied)


@dataclass(frozen=True)
class CandidateList:
    as_of: date
    rows: tuple[Candidate, ...]
    notices: tuple[str, ...] = ()
    reviewed: date | None = None  # the log's review date: every answer says where the log stops


@dataclass(frozen=True)
class Candidates(Query[CandidateList]):
    """Countries named as possible members and not (yet) announced, on `as_of`."""

    command: ClassVar[str] = "candidates"
    result: ClassVar[type] = CandidateList
    as_of: date
    known_by: date | None = None

    def run(self, log: EventLog) -> CandidateList:
        view = known(log, self.known_by)
        rows = candidates(view.log, self.as_of)
        return CandidateList(self.as_of, tuple(rows), notices(log, self.as_of, view), reviewed(log))


def candidates(
    log: EventLog,
    as_of: date,
    replayed: Replay | None = None,
    expectations: Mapping[str, State] | None = None,
) -> list[Candidate]:
    """Evidence is every candidacy event with the country among its subjects;
    conditions bearing on it are listed beside. A source counts as naming the
    country when one of its citations names it, else as implying it. First
    and last named and the latest evidence are all taken from the events that
    name it (from the implying ones only when none does). Expected events
    involving it that are still open (pending, overdue, stalled or partly
    fulfilled) are what is next. Ordered by the number of independent origins
    naming the country (reprints of one story count once), then by the most
    recent evidence, then by code. A caller with the same log and day's replay
    and expectations' states passes them in.
    """
    happened = list(replayed.happened) if replayed is not None else _happened(log, as_of)
    standing = replayed.states if replayed is not None else _replay(happened)
    evidence: dict[str, list[Event]] = {}
    for event in happened:
        if event.kind in (Kind.CANDIDACY, Kind.CONDITION):
            for code in event.subjects:
                evidence.setdefault(code, []).append(event)
    if expectations is None:
        expectations = states(log, as_of)
    upcoming: dict[str, list[tuple[Event, State]]] = {}
    expected = (e for e in log.events if e.status is EventStatus.EXPECTED)
    for event in sorted(expected, key=sort_key):  # only the few expected events
        state = expectations.get(event.id)
        if state is not None and state.expectation in OPEN:
            for code in event.countries:
                upcoming.setdefault(code, []).append((event, state))
    origins = Origins(log)
    rows = [
        _candidate(log, code, evidence[code], upcoming.get(code, []), origins)
        for code, state in standing.items()
        if state.status is MemberStatus.CANDIDATE
    ]
    rows.sort(key=lambda c: c.code)
    rows.sort(key=lambda c: sort_key(c.latest), reverse=True)
    rows.sort(key=lambda c: len(c.origins), reverse=True)  # stable: earlier keys break ties
    return rows


def _names(event: Event, code: str) -> bool:
    return any(c.names_country(code) for c in event.citations)


def _candidate(
    log: EventLog,
    code: str,
    evidence: list[Event],
    expected: list[tuple[Event, State]],
    origins: Origins | None = None,
) -> Candidate:
    candidacies = [e for e in evidence if e.kind is Kind.CANDIDACY]
    naming = [e for e in candidacies if _names(e, code)]
    counted = naming or candidacies
    dates = [e.date for e in counted if e.date is not None]
    named_by = distinct(c.source for e in candidacies for c in e.citations if c.names_country(code))
    cited = distinct(c.source for e in candidacies for c in e.citations)
    origins = origins or Origins(log)
    return Candidate(
        code=code,
        country=country_name(code, log),
        first_mentioned=min(dates, key=lambda d: (d.start, d.end)),
        last_mentioned=max(dates, key=lambda d: (d.end, d.start)),
        sources=named_by,
        implied=tuple(s for s in cited if s not in named_by),
        events=tuple(e.id for e in evidence),
        conditions=tuple(e.title for e in evidence if e.kind is Kind.CONDITION),
        latest=max(counted, key=sort_key),
        expected=tuple(expected),
        named=bool(naming),
        origins=origins.cited(candidacies, code),
        confidence=grade(candidacies, code, origins, "candidacy"),
    )


def candidacy(log: EventLog, as_of: date, code: str) -> Candidate | None:
    """The evidence naming or implying `code` as a possible member on `as_of`, whatever its status now."""
    evidence = [
        e for e in _happened(log, as_of) if e.kind in (Kind.CANDIDACY, Kind.CONDITION) and code in e.subjects
    ]
    if not any(e.kind is Kind.CANDIDACY for e in evidence):
        return None
    return _candidate(log, code, evidence, [])
