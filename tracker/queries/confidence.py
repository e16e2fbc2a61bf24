"""How firmly the log holds a country's status or candidacy: high, medium or low, with the reason.

The rule (docs/format.md, "Confidence") reads four things from the events
that give the country its standing (for a member, the events of its current
status: its signings when signed; for a candidate, its candidacy events):

- how many independent origins (`origins`) name it: reprints of one story count once;
- whether any of those events has a stated date (its own, not a report's, and not vague wording);
- whether any source differs (the log marks its account as differing, or its date excludes the event's).

Low: at most one origin names it, or none does (it is only implied). High: three
or more origins name it, a date is stated, and no source differs. Medium: the rest.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from tracker.model import Citation, DateBasis, Event, Kind, MemberStatus
from tracker.queries.base import distinct
from tracker.queries.origins import Origins

HIGH_ORIGINS = 3  # independent origins naming it, at least, for "high"


class Grade(StrEnum):
    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"


@dataclass(frozen=True)
class Confidence:
    grade: Grade
    reason: str  # the rule's inputs in words: "signing: 3 independent origins (5 sources), date stated, ..."
    origins: tuple[str, ...]  # the independent origins naming the country
    sources: tuple[str, ...]  # the sources naming it
    stated: bool  # one of the events has a stated date
    differing: int  # citations whose account or date differs


# The kinds of event that give a member each status (the events its status rests on).
STATUS_EVENTS = {
    MemberStatus.ANNOUNCED: frozenset({Kind.ANNOUNCEMENT, Kind.CONFIRMATION}),
    MemberStatus.SIGNED: frozenset({Kind.SIGNING}),
    MemberStatus.SUSPENDED: frozenset({Kind.SUSPENSION}),
    MemberStatus.WITHDRAWN: frozenset({Kind.WITHDRAWAL}),
    MemberStatus.CANDIDATE: frozenset({Kind.CANDIDACY}),
}


def differs(event: Event, citation: Citation) -> bool:
    """The log marks the citation's account as differing, or its date excludes the event's (a vaguer
    date that contains it, "in 2020" for 15 September 2020, agrees)."""
    if citation.differs:
        return True
    when, told = event.date, citation.date
    if told is None:
        return False
    return when is None or told.start > when.start or told.end < when.end


def grade(events: Sequence[Event], code: str, origins: Origins, what: str) -> Confidence:
    """The grade of the standing that `events` give `code`, by the rule above; the reason says what
    it rests on (`what`: "signing", "candidacy")."""
    naming = [c for e in events for c in e.citations if c.names_country(code)]
    found = distinct(origins.of(c) for c in naming)
    sources = distinct(c.source for c in naming)
    stated = any(
        e.date is not None and e.date_basis is DateBasis.EVENT and not e.date.approximate for e in events
    )
    differing = sum(1 for e in events for c in e.citations if differs(e, c))
    if len(found) <= 1:
        level = Grade.LOW
    elif len(found) >= HIGH_ORIGINS and stated and not differing:
        level = Grade.HIGH
    else:
        level = Grade.MEDIUM
    if found:
        named = _count(len(found), "independent origin")
        if len(sources) != len(found):
            named += f" ({_count(len(sources), 'source')})"
    else:
        implied = distinct(origins.of(c) for e in events for c in e.citations)
        verb = "implies" if len(implied) == 1 else "imply"
        named = f"no source names it ({_count(len(implied), 'origin')} {verb} it)"
    dated = "date stated" if stated else "dated only by reports or vague wording"
    disagree = f"{_count(differing, 'citation')} {'differs' if differing == 1 else 'differ'}"
    disagree = disagree if differing else "no source differs"
    return Confidence(level, f"{what}: {named}, {dated}, {disagree}", found, sources, stated, differing)


def status_events(events: Sequence[Event], status: MemberStatus) -> list[Event]:
    """Of a country's status events, those its current `status` rests on."""
    kinds = STATUS_EVENTS.get(status, frozenset())
    return [e for e in events if e.kind in kinds]


# What each status rests on, as the reason says it.
RESTS_ON = {
    MemberStatus.ANNOUNCED: "announcement",
    MemberStatus.SIGNED: "signing",
    MemberStatus.SUSPENDED: "suspension",
    MemberStatus.WITHDRAWN: "withdrawal",
    MemberStatus.CANDIDATE: "candidacy",
}


def _count(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"
