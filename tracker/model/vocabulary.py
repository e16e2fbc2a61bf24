"""The log's closed vocabularies: event kinds and the sets of them that rules ask about, statuses,
verdicts, the bases of dates and titles, members' statuses and roles, assertions' questions, and
corrections' kinds.

Apart from the entries because they are values the log writes and answers
print, looked up by every layer without any entry.
"""

from __future__ import annotations

from enum import StrEnum


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
