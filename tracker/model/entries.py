"""The log's entries as plain, immutable data: sources, citations, events, entities, roles,
assertions, corrections, and the `EventLog` that holds them, each field with where it was written.

Positions are kept packed (`pack`, one int each): a log of 100,000 events
keeps millions of them.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from pathlib import Path

from tracker.model.days import PartialDate
from tracker.model.problems import Location
from tracker.model.vocabulary import (
    CorrectionKind,
    DateBasis,
    EventStatus,
    Kind,
    PublishedBasis,
    Question,
    Role,
    TitleBasis,
    Verdict,
)


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
