"""The event log as plain, immutable data.

Nothing here reads files or imports a third-party library, so every other
layer can depend on it and tests can build logs directly. Every name is
imported from here (`from tracker.model import Event`); the modules behind
are `problems` (locations, problems, the bounded `Collector`), `days`
(`PartialDate`, `shifted`), `vocabulary` (the closed enums and the sets of
them rules ask about) and `entries` (sources, citations, events, assertions,
corrections and the `EventLog`).
"""

from tracker.model.days import PartialDate, Precision, shifted
from tracker.model.entries import (
    Assertion,
    Citation,
    Correction,
    Entity,
    Event,
    EventLog,
    Roles,
    Source,
    pack,
    unpack,
)
from tracker.model.problems import PROBLEM_LIMIT, Collector, Location, Problem, Problems, Severity
from tracker.model.vocabulary import (
    MEMBER_STATUSES,
    RETIRING,
    SETTLING,
    SINGLE_QUESTIONS,
    STATUS_KINDS,
    SUBJECT_KINDS,
    TREATY_KINDS,
    CorrectionKind,
    DateBasis,
    EventStatus,
    Kind,
    MemberStatus,
    PublishedBasis,
    Question,
    Role,
    TitleBasis,
    Verdict,
)

__all__ = [
    "MEMBER_STATUSES",
    "PROBLEM_LIMIT",
    "RETIRING",
    "SETTLING",
    "SINGLE_QUESTIONS",
    "STATUS_KINDS",
    "SUBJECT_KINDS",
    "TREATY_KINDS",
    "Assertion",
    "Citation",
    "Collector",
    "Correction",
    "CorrectionKind",
    "DateBasis",
    "Entity",
    "Event",
    "EventLog",
    "EventStatus",
    "Kind",
    "Location",
    "MemberStatus",
    "PartialDate",
    "Precision",
    "Problem",
    "Problems",
    "PublishedBasis",
    "Question",
    "Role",
    "Roles",
    "Severity",
    "Source",
    "TitleBasis",
    "Verdict",
    "pack",
    "shifted",
    "unpack",
]
