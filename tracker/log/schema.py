"""The log's field shapes: what each mapping may hold, of which type, and what is required.

One table serves the reader (which fields are allowed and required, in what
order messages list them), and is meant to serve a writer and a JSON Schema
export as well, so that the three cannot drift apart. Value rules that need
more than a type (a date that exists, a code in ISO 3166) stay in the reader
and the checks.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from enum import Enum, StrEnum

from tracker.model import CorrectionKind, DateBasis, EventStatus, Kind, PublishedBasis, Question, TitleBasis

FORMAT_VERSION = "1"

IDENT = re.compile(r"[a-z0-9][a-z0-9-]*")  # ASCII only, unlike str.isalnum
CODE = re.compile(r"[A-Z]{2}")
ISO_DATE = r"[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?"
SHA256 = re.compile(r"[0-9a-f]{64}")


class ValueType(StrEnum):
    """The kinds of value a field holds, as a curator writes them."""

    TEXT = "text"  # any non-empty text
    LINE = "line"  # non-empty text on one line
    IDENT = "ident"  # lower-case letters, digits and dashes
    URL = "url"  # https:// or http://
    DATE = "date"  # YYYY, YYYY-MM or YYYY-MM-DD
    FLAG = "flag"  # true or false
    SHA256 = "sha256"  # 64 lower-case hexadecimal digits
    CHOICE = "choice"  # one value of an enum
    CODES = "codes"  # a list of ISO 3166-1 alpha-2 codes, or ids of the log's entities
    LINES = "lines"  # a list of one-line texts (a source's authors)
    ITEMS = "items"  # a list of distinct one-line texts, possibly empty (an assertion's answer)
    LIST = "list"  # a list of mappings of another shape
    MAPPING = "mapping"  # a mapping of another shape


@dataclass(frozen=True, slots=True)
class Field:
    name: str
    value_type: ValueType
    required: bool = False
    choices: type[Enum] | None = None
    shape: Shape | None = None  # for LIST and MAPPING
    help: str = ""
    needs: tuple[str, ...] = ()  # fields that must be given with this one (the reader says so by name)


@dataclass(frozen=True, slots=True)
class Shape:
    """A mapping's fields, in the order messages and writers list them."""

    name: str
    fields: tuple[Field, ...]
    exactly_one: tuple[str, ...] = ()  # of these fields, exactly one must be given
    # Worked out once: the reader asks for them on every mapping of the log.
    _required: tuple[str, ...] = dataclasses.field(init=False, repr=False, compare=False)
    _allowed: frozenset[str] = dataclasses.field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_required", tuple(f.name for f in self.fields if f.required))
        object.__setattr__(self, "_allowed", frozenset(f.name for f in self.fields))

    @property
    def required(self) -> tuple[str, ...]:
        return self._required

    @property
    def allowed(self) -> frozenset[str]:
        return self._allowed

    @property
    def listed(self) -> str:
        """Every field, required first, for 'expected one of' messages."""
        ordered = [f.name for f in self.fields if f.required] + [
            f.name for f in self.fields if not f.required
        ]
        return ", ".join(ordered)

    def field(self, name: str) -> Field:
        return next(f for f in self.fields if f.name == name)


CITATION = Shape(
    "citation",
    (
        Field("source", ValueType.IDENT, required=True, help="The id of a source in 'sources'."),
        Field(
            "quote",
            ValueType.TEXT,
            required=True,
            help="Verbatim text of the source's stored text (article or snapshot); check proves it.",
        ),
        Field("note", ValueType.TEXT, help="What this source says that the event does not."),
        Field("date", ValueType.DATE, help="The date as this source gives it, where it differs."),
        Field(
            "approximate",
            ValueType.FLAG,
            help="The source's date is vague wording, not a fact.",
            needs=("date",),
        ),
        Field(
            "names",
            ValueType.CODES,
            help="The event's subjects this source names; it only implies the others. Default: all.",
        ),
        Field(
            "differs", ValueType.FLAG, help="This source's account differs from the event's; 'note' says how."
        ),
        Field(
            "origin",
            ValueType.IDENT,
            help="The original this quote repeats ('Axios reported'): a source's id, or a label for an "
            "original the log does not hold. Default: the source's origin.",
        ),
    ),
)

# Expectations judged like promises: what an expected event must come to, by when, and the verdicts
# a later event gives on it (docs/format.md, "Expectations come due").
PROMISE_FIELDS = (
    Field(
        "criterion",
        ValueType.TEXT,
        help="Expected events: what must happen for it to count as fulfilled, as its sources say.",
    ),
    Field(
        "deadline",
        ValueType.DATE,
        help="Expected events: the day (or period) by which it must happen, where its sources give one; "
        "overdue after it.",
    ),
    Field("stalls", ValueType.IDENT, help="The id of the expected event this one reports delayed."),
    Field(
        "partly_fulfils",
        ValueType.IDENT,
        help="The id of the expected event this one met in part; 'part' says which.",
        needs=("part",),
    ),
    Field(
        "part",
        ValueType.TEXT,
        help="With 'partly_fulfils': the part of the criterion that was met.",
        needs=("partly_fulfils",),
    ),
    Field(
        "makes_ambiguous",
        ValueType.IDENT,
        help="The id of the expected event this one leaves impossible to judge as fulfilled or not.",
    ),
)

EVENT = Shape(
    "event",
    (
        Field("id", ValueType.IDENT, required=True),
        Field("date", ValueType.DATE, help="Only an expected event may be undated."),
        Field(
            "approximate",
            ValueType.FLAG,
            help="The date records vague wording ('later the same year').",
            needs=("date",),
        ),
        Field(
            "date_basis",
            ValueType.CHOICE,
            choices=DateBasis,
            help="'reported': dated by its report.",
            needs=("date",),
        ),
        Field("date_note", ValueType.TEXT),
        Field("kind", ValueType.CHOICE, required=True, choices=Kind),
        Field("status", ValueType.CHOICE, choices=EventStatus, help="Default: occurred."),
        Field("countries", ValueType.CODES, required=True),
        Field("subjects", ValueType.CODES, help="The countries whose status the event changes."),
        Field("title", ValueType.LINE, required=True, help="In the curator's own words."),
        Field("note", ValueType.TEXT),
        Field("fulfils", ValueType.IDENT, help="The id of the expected event this one made come true."),
        Field("calls_off", ValueType.IDENT, help="The id of the expected event this one called off."),
        *PROMISE_FIELDS,
        Field(
            "effective",
            ValueType.DATE,
            help="Ratification and entry into force, with 'date': the date the act takes effect, where "
            "sources give it.",
        ),
        Field(
            "by",
            ValueType.CODES,
            help="Ratification and entry into force: the states whose act it is, among its countries "
            "(Israel's parliament approving a member's agreement: [IL]). Default: its subjects.",
        ),
        Field("cite", ValueType.LIST, required=True, shape=CITATION),
    ),
)

SOURCE = Shape(
    "source",
    (
        Field("id", ValueType.IDENT, required=True),
        Field("title", ValueType.LINE, help="The headline as the page or article gives it."),
        Field(
            "title_basis",
            ValueType.CHOICE,
            choices=TitleBasis,
            help="'address': read from the page's URL; 'supplied': the curator's description, in brackets.",
            needs=("title",),
        ),
        Field("outlet", ValueType.TEXT, help="The publisher or site, only as the page or article names it."),
        Field("authors", ValueType.LINES, help="The byline's names, only where the page names them."),
        Field("url", ValueType.URL, help="The page where it was published."),
        Field("archive", ValueType.URL, help="A snapshot of the page in a web archive.", needs=("url",)),
        Field("published", ValueType.DATE, needs=("published_basis",)),
        Field("published_basis", ValueType.CHOICE, choices=PublishedBasis, needs=("published",)),
        Field("published_clue", ValueType.TEXT, help="Why an inferred publication date is what it is."),
        Field("undated", ValueType.TEXT, help="Why no publication date can be established."),
        Field(
            "file",
            ValueType.TEXT,
            help="The stored text, relative to the corpus folder: a local article or a web page's snapshot. "
            "A source that is cited needs one.",
        ),
        Field(
            "sha256",
            ValueType.SHA256,
            help="The SHA-256 of the stored text's bytes when it was cited; check reports any change.",
            needs=("file",),
        ),
        Field(
            "retrieved",
            ValueType.DATE,
            help="The day the web page's snapshot was taken.",
            needs=("url",),
        ),
        Field(
            "origin",
            ValueType.IDENT,
            help="The original it repeats (a reprinted wire story, a relayed report): another source's id, "
            "or a label naming an original the log does not hold; its note says why.",
        ),
        Field("note", ValueType.TEXT),
    ),
)


ROLES = Shape(
    "roles",
    (
        Field("party", ValueType.CODES, help="The counterpart to every accession (Israel)."),
        Field("broker", ValueType.CODES, help="The broker of every accession (the United States)."),
    ),
)

ENTITY = Shape(
    "entity",
    (
        Field(
            "id",
            ValueType.IDENT,
            required=True,
            help="How events name it in 'countries' and 'subjects': lower-case, so never an ISO code.",
        ),
        Field("name", ValueType.LINE, required=True, help="Its name, as answers show it."),
        Field("note", ValueType.TEXT, help="Why it has no ISO 3166-1 code, in the curator's words."),
    ),
)

# -- corrections: what the log once asserted otherwise (docs/format.md, "Corrections") --------------

CORRECTION = Shape(
    "correction",
    (
        Field(
            "date",
            ValueType.DATE,
            required=True,
            help="The day (YYYY-MM-DD) the correction was made; each is dated no earlier than the one above.",
        ),
        Field("kind", ValueType.CHOICE, required=True, choices=CorrectionKind),
        Field("event", ValueType.IDENT, help="The event corrected (its id, or the id it had)."),
        Field("source", ValueType.IDENT, help="The source corrected, or the one an event no longer cites."),
        Field("field", ValueType.LINE, help="'amended': the field of the event or source that changed."),
        Field(
            "was", ValueType.TEXT, help="'amended': the value it had; omitted when the field was not given"
        ),
        Field("quote", ValueType.TEXT, help="'uncited': the quote dropped, where the source is still cited."),
        Field(
            "replaced_by",
            ValueType.IDENT,
            help="'retired': the id that took its place; 'reattributed': the source now cited instead.",
        ),
        Field("reason", ValueType.TEXT, required=True, help="Why, in the curator's words, with the evidence"),
    ),
)

ASSERTION = Shape(
    "assertion",
    (
        Field("id", ValueType.IDENT, required=True),
        Field(
            "question",
            ValueType.CHOICE,
            required=True,
            choices=Question,
            help="members, signed, candidates, due (lists); status, expectation (one value, of 'subject').",
        ),
        Field("as_of", ValueType.DATE, required=True, help="The day asked for, as --as-of takes it."),
        Field("known_by", ValueType.DATE, help="Only what had been published by this day, as --known-by."),
        Field(
            "subject",
            ValueType.LINE,
            help="status: the country's code; expectation: the expected event's id.",
        ),
        Field("are", ValueType.ITEMS, help="The answer is exactly these (codes or ids), in any order."),
        Field("include", ValueType.ITEMS, help="The answer holds at least these."),
        Field(
            "is", ValueType.LINE, help="status or expectation: the one value ('none': no status or state)."
        ),
        Field("note", ValueType.TEXT, help="Where the answer was published."),
    ),
    exactly_one=("are", "include", "is"),
)

LOG = Shape(
    "the log",
    (
        Field("format", ValueType.TEXT, required=True, help=f"The log format's version: '{FORMAT_VERSION}'."),
        Field("corpus", ValueType.TEXT, help="The folder of local articles, relative to the log."),
        Field("reviewed", ValueType.DATE, help="The day (YYYY-MM-DD) through which the news was reviewed."),
        Field("roles", ValueType.MAPPING, shape=ROLES),
        Field(
            "entities",
            ValueType.LIST,
            shape=ENTITY,
            help="Parties with no ISO 3166-1 code (a state few recognise), each named by an id of its own.",
        ),
        Field("sources", ValueType.LIST, required=True, shape=SOURCE),
        Field("events", ValueType.LIST, required=True, shape=EVENT),
        Field(
            "corrections",
            ValueType.LIST,
            shape=CORRECTION,
            help="Changes to what the log had asserted, each dated and with its reason; append-only.",
        ),
        Field(
            "assertions",
            ValueType.LIST,
            shape=ASSERTION,
            help="Facts about answers (published numbers); check replays each and fails where it differs.",
        ),
    ),
)

# Fields whose positions the model keeps, because checks after loading report on them.
CHECKED_FIELDS = (
    "id",
    "source",
    "quote",
    "file",
    "url",
    "date",
    "published",
    "fulfils",
    "calls_off",
    "names",
    "sha256",
    "retrieved",
    "undated",
    "title",
    "origin",
    "effective",
    "by",
)
