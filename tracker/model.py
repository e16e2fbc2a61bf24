"""The event log as plain, immutable data.

Nothing here reads files or imports a third-party library, so every other
layer can depend on it and tests can build logs directly.
"""

from __future__ import annotations

import calendar
import dataclasses
import heapq
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from pathlib import Path


@dataclass(frozen=True, order=True, slots=True)
class Location:
    """Where a value was written; 1-based like an editor's cursor."""

    file: str
    line: int
    col: int

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.col}"


class Severity(StrEnum):
    """An error makes a log invalid; a warning is advice that `check` prints and nothing else needs."""

    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with a log: errors are collected, never raised."""

    location: Location
    message: str
    severity: Severity = Severity.ERROR

    def __str__(self) -> str:
        if self.severity is Severity.WARNING:
            return f"{self.location}: warning: {self.message}"
        return f"{self.location}: {self.message}"


# A report lists at most this many problems in full and counts the rest: memory
# follows the log's size, not the number of mistakes in it (README, "Errors and exit codes").
PROBLEM_LIMIT = 1000


class Problems(list[Problem]):
    """Problems as reported, in file order: at most PROBLEM_LIMIT in full, and `more` found besides."""

    def __init__(self, items: Iterable[Problem] = (), more: int = 0) -> None:
        super().__init__(items)
        self.more = more

    @property
    def total(self) -> int:
        return len(self) + self.more


class Collector:
    """Gathers one file's problems in bounded memory: keeps the `limit` first in file order.

    A max-heap on (line, col, arrival) holds the kept problems, so a problem
    found late but written early (a whole-log check) still displaces a later one.
    """

    def __init__(self, limit: int | None = None) -> None:
        self.limit = PROBLEM_LIMIT if limit is None else limit
        self.more = 0
        self._heap: list[tuple[int, int, int, Problem]] = []
        self._arrivals = 0

    def append(self, problem: Problem) -> None:
        self._arrivals += 1
        where = problem.location
        item = (-where.line, -where.col, -self._arrivals, problem)
        if len(self._heap) < self.limit:
            heapq.heappush(self._heap, item)
            return
        self.more += 1
        if self._heap and item[:3] > self._heap[0][:3]:  # earlier in the file than the last one kept
            heapq.heapreplace(self._heap, item)

    def extend(self, problems: Iterable[Problem]) -> None:
        for problem in problems:
            self.append(problem)
        self.more += getattr(problems, "more", 0)  # a report already cut: its count carries over

    def __len__(self) -> int:
        return len(self._heap) + self.more

    def report(self) -> Problems:
        """The kept problems in file order (ties in the order they were found), and the count of the rest."""
        kept = sorted(self._heap, key=lambda item: (item[3].location, -item[2]))
        return Problems((item[3] for item in kept), self.more)


class Precision(StrEnum):
    DAY = "day"
    MONTH = "month"
    YEAR = "year"


@dataclass(frozen=True, slots=True)
class PartialDate:
    """A date known to the day, the month or only the year.

    `approximate` records wording such as "later the same year": the period is
    still the one given, but the source does not claim more than that.
    The first and last days and the ISO text are worked out once, on creation:
    sorting and filtering ask for them many times, and the loader shares one
    object between every event on the same date.
    """

    year: int
    month: int | None = None
    day: int | None = None
    approximate: bool = False
    _start: date = field(init=False, repr=False, compare=False)
    _end: date = field(init=False, repr=False, compare=False)
    _iso: str = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        if self.day is not None and self.month is None:
            raise ValueError("a day needs a month")
        # Raises ValueError for impossible dates such as 2025-02-30.
        start = date(self.year, self.month or 1, self.day or 1)
        if self.day is not None:
            end, iso = start, f"{self.year:04d}-{self.month:02d}-{self.day:02d}"
        elif self.month is not None:
            end = date(self.year, self.month, calendar.monthrange(self.year, self.month)[1])
            iso = f"{self.year:04d}-{self.month:02d}"
        else:
            end, iso = date(self.year, 12, 31), f"{self.year:04d}"
        object.__setattr__(self, "_start", start)
        object.__setattr__(self, "_end", end)
        object.__setattr__(self, "_iso", iso)

    @property
    def precision(self) -> Precision:
        if self.day is not None:
            return Precision.DAY
        if self.month is not None:
            return Precision.MONTH
        return Precision.YEAR

    @property
    def start(self) -> date:
        return self._start

    @property
    def end(self) -> date:
        """Last day of the period: a partial date counts only once it is over."""
        return self._end

    def iso(self) -> str:
        return self._iso

    def __str__(self) -> str:
        return ("~" if self.approximate else "") + self._iso


def shifted(day: date, days: int) -> date | None:
    """`day` moved by `days` days, or None where that leaves the calendar (0001-01-01 to 9999-12-31).

    The one way to step between days: a log may hold dates at either end of
    the calendar, where `day ± timedelta` raises, so each caller says what
    "no day before" or "no day after" means for it.
    """
    ordinal = day.toordinal() + days
    return date.fromordinal(ordinal) if 1 <= ordinal <= _LAST_ORDINAL else None


_LAST_ORDINAL = date.max.toordinal()


class Kind(StrEnum):
    """The closed vocabulary of event kinds (docs/format.md, "Event kinds")."""

    # Kinds that change the status of the countries in `subjects`.
    CANDIDACY = "candidacy"
    ANNOUNCEMENT = "announcement"
    CONFIRMATION = "confirmation"
    SIGNING = "signing"
    SUSPENSION = "suspension"
    REINSTATEMENT = "reinstatement"
    WITHDRAWAL = "withdrawal"
    # A precondition or obstacle to the `subjects` joining.
    CONDITION = "condition"
    # Context: recorded and shown, never changes a status.
    RELATIONS = "relations"
    MEETING = "meeting"
    STATEMENT = "statement"
    REPORT = "report"
    AGREEMENT = "agreement"
    CONFLICT = "conflict"
    # Treaty acts on a member's agreement (docs/format.md, "Treaty acts"): each with the date of the
    # act and, where sources give it, the date it takes effect; they never change a membership status.
    RATIFICATION = "ratification"
    ENTRY_INTO_FORCE = "entry-into-force"


STATUS_KINDS = frozenset(
    {
        Kind.CANDIDACY,
        Kind.ANNOUNCEMENT,
        Kind.CONFIRMATION,
        Kind.SIGNING,
        Kind.SUSPENSION,
        Kind.REINSTATEMENT,
        Kind.WITHDRAWAL,
    }
)
# Treaty acts: their `subjects` are the members whose agreement they act on; `by` and `effective` are theirs.
TREATY_KINDS = frozenset({Kind.RATIFICATION, Kind.ENTRY_INTO_FORCE})
# Kinds whose events name `subjects`; on every other kind the field is refused.
SUBJECT_KINDS = STATUS_KINDS | {Kind.CONDITION} | TREATY_KINDS


class EventStatus(StrEnum):
    OCCURRED = "occurred"
    EXPECTED = "expected"


class Verdict(StrEnum):
    """The fields by which an occurred event judges an expected one, each named as the log writes it."""

    FULFILS = "fulfils"
    CALLS_OFF = "calls_off"
    STALLS = "stalls"
    PARTLY_FULFILS = "partly_fulfils"
    MAKES_AMBIGUOUS = "makes_ambiguous"


# Verdicts after which nothing more can change: the expectation is settled.
SETTLING = frozenset({Verdict.FULFILS, Verdict.CALLS_OFF, Verdict.MAKES_AMBIGUOUS})


class DateBasis(StrEnum):
    """Whether an event's date is when it happened or when it was reported."""

    EVENT = "event"
    REPORTED = "reported"


class PublishedBasis(StrEnum):
    STATED = "stated"
    INFERRED = "inferred"


class TitleBasis(StrEnum):
    """Whether a source's title is its own headline or one the curator supplied (shown in brackets)."""

    STATED = "stated"  # the headline as the page or article shows it
    ADDRESS = "address"  # the headline as the page's address spells it (no headline in the stored text)
    SUPPLIED = "supplied"  # a description the curator wrote: the source has no headline


def pack(line: int, col: int) -> int:
    """A (line, col) position as one int: a log of 100,000 events keeps millions of them,
    and one int takes a third of the memory of a tuple of two."""
    return line << 32 | col


def unpack(position: int) -> tuple[int, int]:
    return position >> 32, position & 0xFFFFFFFF


class _Located:
    """Where each field was written, for messages; `at` falls back to the item."""

    __slots__ = ()
    location: Location
    locs: dict[str, int]  # field -> its packed (line, col) in the item's file; cheaper than Locations

    def at(self, name: str) -> Location:
        where = self.locs.get(name)
        if where is not None:
            return Location(self.location.file, *unpack(where))
        return self.location


@dataclass(frozen=True, slots=True)
class Source(_Located):
    id: str
    location: Location
    file: str | None = None  # the stored text its quotes are checked against: an article or a snapshot
    url: str | None = None
    outlet: str | None = None
    published: PartialDate | None = None
    published_basis: PublishedBasis | None = None
    published_clue: str | None = None
    note: str | None = None
    sha256: str | None = None  # the article's hash when it was cited: a changed article is caught
    title: str | None = None
    title_basis: TitleBasis = TitleBasis.STATED
    authors: tuple[str, ...] = ()
    archive: str | None = None  # a snapshot in a web archive (Wayback)
    retrieved: PartialDate | None = None  # when the web page's snapshot was taken
    undated: str | None = None  # why no publication date can be established
    # The original it repeats (a reprinted wire story, a relayed report): another source's id, or a
    # label naming an original the log does not hold. None: it is an origin of its own.
    origin: str | None = None
    locs: dict[str, int] = field(default_factory=dict, compare=False, repr=False)

    @property
    def is_local(self) -> bool:
        """It has a stored text (a local article, or a web page's snapshot) to check quotes against."""
        return self.file is not None

    @property
    def is_snapshot(self) -> bool:
        """A web page whose text was stored when retrieved: cite the page, not the file."""
        return self.file is not None and self.url is not None and self.retrieved is not None

    @property
    def shown_title(self) -> str | None:
        """The title as readers see it: one the curators supplied is in brackets, as a
        bibliography marks a description that is not the work's own title."""
        if self.title is None:
            return None
        return f"[{self.title}]" if self.title_basis is TitleBasis.SUPPLIED else self.title


@dataclass(frozen=True, slots=True)
class Citation(_Located):
    source: str
    location: Location
    quote: str | None = None
    note: str | None = None
    date: PartialDate | None = None
    # Which of the event's subjects this source names; the others it only implies
    # ("some of the countries represented here"). None: it names them all (format 1).
    names: tuple[str, ...] | None = None
    # The curators read this source's account as differing from the event's (its note says how).
    differs: bool = False
    # The original this quote repeats ("Axios reported"), where only this passage does; else the source's.
    origin: str | None = None
    locs: dict[str, int] = field(default_factory=dict, compare=False, repr=False)

    def names_country(self, code: str) -> bool:
        return self.names is None or code in self.names


@dataclass(frozen=True, slots=True)
class Event(_Located):
    id: str
    location: Location
    kind: Kind
    title: str
    date: PartialDate | None = None
    date_basis: DateBasis = DateBasis.EVENT
    date_note: str | None = None
    status: EventStatus = EventStatus.OCCURRED
    countries: tuple[str, ...] = ()
    subjects: tuple[str, ...] = ()
    citations: tuple[Citation, ...] = ()
    note: str | None = None
    order: int = 0  # position in the file, to break ties between equal dates
    # The expected event this one resolves, if any: it came true, or it was called off.
    fulfils: str | None = None
    calls_off: str | None = None
    # Treaty acts only: when the act takes effect, where sources give it; and the states whose act it
    # is (a party's parliament approving a member's agreement), when not its subjects themselves.
    effective: PartialDate | None = None
    by: tuple[str, ...] = ()
    locs: dict[str, int] = field(default_factory=dict, compare=False, repr=False)
    # -- expectations judged like promises (docs/format.md, "Expectations come due") --
    # On an expected event: what must happen for it to count as fulfilled, and the day it must by.
    criterion: str | None = None
    deadline: PartialDate | None = None
    # On an occurred event: a cited report that an expected event stalled, was met in part (`part`
    # says which), or can no longer be judged; settled like `fulfils` and `calls_off`.
    stalls: str | None = None
    partly_fulfils: str | None = None
    part: str | None = None
    makes_ambiguous: str | None = None

    @property
    def resolves(self) -> str | None:
        return self.fulfils or self.calls_off

    @property
    def verdict(self) -> tuple[Verdict, str] | None:
        """What this event says of an expected event, and that event's id: at most one (the reader
        refuses two)."""
        # Spelled out, not a loop over `Verdict`: every query asks it of every event.
        if self.fulfils is not None:
            return Verdict.FULFILS, self.fulfils
        if self.calls_off is not None:
            return Verdict.CALLS_OFF, self.calls_off
        if self.stalls is not None:
            return Verdict.STALLS, self.stalls
        if self.partly_fulfils is not None:
            return Verdict.PARTLY_FULFILS, self.partly_fulfils
        if self.makes_ambiguous is not None:
            return Verdict.MAKES_AMBIGUOUS, self.makes_ambiguous
        return None

    @property
    def source_ids(self) -> tuple[str, ...]:
        """Distinct cited sources, in citation order."""
        return tuple(dict.fromkeys(c.source for c in self.citations))

    @property
    def acting(self) -> tuple[str, ...]:
        """A treaty act's states: `by` where given, else its subjects, each acting for itself."""
        return self.by or self.subjects


class MemberStatus(StrEnum):
    """A country's standing, replayed from the events up to a day."""

    CANDIDATE = "candidate"
    ANNOUNCED = "announced"
    SIGNED = "signed"
    SUSPENDED = "suspended"
    WITHDRAWN = "withdrawn"


# The statuses that count as membership: withdrawn members are listed, not counted.
MEMBER_STATUSES = frozenset({MemberStatus.ANNOUNCED, MemberStatus.SIGNED, MemberStatus.SUSPENDED})


class Role(StrEnum):
    MEMBER = "member"
    PARTY = "party"  # the counterpart to every accession
    BROKER = "broker"


@dataclass(frozen=True)
class Roles:
    """Countries that take part in every signing without joining."""

    party: tuple[str, ...] = ()
    broker: tuple[str, ...] = ()

    def role_of(self, code: str) -> Role:
        if code in self.party:
            return Role.PARTY
        if code in self.broker:
            return Role.BROKER
        return Role.MEMBER


@dataclass(frozen=True, slots=True)
class Entity:
    """A party with no ISO 3166-1 code (a state few recognise): events name it by `id`, which is
    lower-case and so can never be taken for, or become, an ISO code. The log declares it once."""

    id: str
    name: str
    note: str | None = None
    at: Location | None = field(default=None, compare=False, repr=False)  # where its id is written


# -- assertions that guard published numbers (docs/format.md, "Assertions") -----


class Question(StrEnum):
    """What an assertion states the answer to: each is a command's answer, read the command's way."""

    MEMBERS = "members"  # the countries `signatories` counts as members, in its order
    SIGNED = "signed"  # those of them whose status is signed
    CANDIDATES = "candidates"  # the countries `candidates` lists
    DUE = "due"  # the ids of the expectations `due` lists as open
    STATUS = "status"  # one country's status, as `country` gives it ("none": no status)
    EXPECTATION = "expectation"  # one expected event's state ("none": not yet reported)


# Questions about one thing, named by the assertion, whose answer is one value (`is`).
SINGLE_QUESTIONS = frozenset({Question.STATUS, Question.EXPECTATION})


@dataclass(frozen=True, slots=True)
class Assertion(_Located):
    """A fact about an answer, stated in the log: `check` replays the question and fails where the
    answer differs, so an edit cannot silently change a number already published."""

    id: str
    location: Location
    question: Question
    as_of: PartialDate  # the day asked for: a partial date means its last day, as --as-of does
    known_by: PartialDate | None = None
    subject: str | None = None  # the country (status) or the expected event (expectation) asked about
    are: tuple[str, ...] | None = None  # the answer is exactly these, in any order
    include: tuple[str, ...] | None = None  # the answer holds at least these
    value: str | None = None  # `is`: the one value a single question answers
    note: str | None = None  # where the answer was published, in the curator's words
    locs: dict[str, int] = field(default_factory=dict, compare=False, repr=False)


@dataclass(frozen=True, slots=True)
class EventLog:
    path: str
    corpus: str  # folder of local source texts, as written (relative to the log)
    roles: Roles
    sources: tuple[Source, ...]
    events: tuple[Event, ...]
    locs: dict[str, Location] = field(default_factory=dict, compare=False, repr=False)
    reviewed: PartialDate | None = None  # the day through which the curators reviewed the news
    entities: tuple[Entity, ...] = ()  # parties with no ISO 3166-1 code
    corrections: tuple[Correction, ...] = ()  # what the log once asserted otherwise, in the order made
    assertions: tuple[Assertion, ...] = ()  # facts about answers, replayed by `check`

    def entity(self, code: str) -> Entity | None:
        """The declared entity named `code` (lower-case ids only; ISO codes are upper-case)."""
        return next((e for e in self.entities if e.id == code), None) if code.islower() else None

    def source_map(self) -> dict[str, Source]:
        return {s.id: s for s in self.sources}

    @property
    def corpus_root(self) -> Path:
        """The corpus folder as a path: relative to the log's own folder."""
        return Path(self.path).parent / self.corpus

    def local_file(self, source: Source) -> str:
        """A local source's file as messages show it: under the corpus, relative to the log."""
        return f"{self.corpus}/{source.file}"


# -- corrections: what the log once asserted otherwise -----------------------------------------------


class CorrectionKind(StrEnum):
    """What a correction changed in something the log had asserted (docs/format.md, "Corrections")."""

    AMENDED = "amended"  # a field of an event or a source said something else (`field`, `was`)
    UNCITED = "uncited"  # an event no longer cites a source (or one quote of it)
    REATTRIBUTED = "reattributed"  # an event's citation moved from `source` to `replaced_by`
    RETRACTED = (
        "retracted"  # an event or source withdrawn as unsupported: its id retired, nothing in its place
    )
    RETIRED = "retired"  # an event's or source's id retired; `replaced_by` names what took its place, if any


# The kinds that retire an id: it may not be used again, and answers resolve it through them.
RETIRING = frozenset({CorrectionKind.RETRACTED, CorrectionKind.RETIRED})


@dataclass(frozen=True, slots=True)
class Correction(_Located):
    """One correction, dated the day it was made, with its reason: the log's own record of what it
    used to say. The list is append-only: corrections are never edited or removed, only added."""

    date: PartialDate
    kind: CorrectionKind
    reason: str
    location: Location
    event: str | None = None
    source: str | None = None
    field: str | None = None  # `amended`: which field of the event or source (`dataclasses.field` below)
    was: str | None = None  # `amended`: its value before, as text (None: the field was not given)
    quote: str | None = None  # `uncited`: the quote dropped, where the source is still cited otherwise
    replaced_by: str | None = None  # `retired`: the id that took its place; `reattributed`: the new source
    order: int = 0  # position in the list
    locs: dict[str, int] = dataclasses.field(default_factory=dict, compare=False, repr=False)

    @property
    def subject(self) -> tuple[str, str]:
        """What it corrects: ("event", id) or ("source", id); an event first, for citations of one."""
        return ("event", self.event) if self.event is not None else ("source", self.source or "")
