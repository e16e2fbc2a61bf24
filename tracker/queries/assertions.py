"""Assertions replayed: each question asked again of the log, and compared with the answer stated.

An assertion guards a published number, as a balance assertion guards a
ledger: if an edit to the log changes the answer to "the members as of
2025-11-07", `check` fails at the assertion's line and shows both answers.
The questions are asked through the same queries as the commands that
publish them (`signatories`, `candidates`, `due`, `country`, `timeline`'s
expectation states), so an assertion holds exactly what a command printed.
`answer` is also what `tracker add assertion` records. A subject that names a retired event id asks
about the event that replaced it (`log.corrections.resolve`, as `show` answers for one).
"""

from __future__ import annotations

from datetime import date

from tracker.errors import UsageError
from tracker.log.corrections import resolve
from tracker.model import (
    MEMBER_STATUSES,
    Assertion,
    EventLog,
    EventStatus,
    MemberStatus,
    Problem,
    Question,
    Role,
)
from tracker.queries.expectations import Expectation, states
from tracker.queries.knowledge import known

NONE = "none"  # the value of a single question with no answer: no status, not yet reported

Answer = tuple[str, ...]  # a list question's codes or ids, in the command's order; one value otherwise


def answer(
    log: EventLog, question: Question, as_of: date, known_by: date | None, subject: str | None
) -> Answer:
    """The log's answer, as the command that publishes it gives it. `UsageError` for a subject the
    log does not know (an unknown country, an event that is not expected)."""
    from tracker.queries.candidates import Candidates
    from tracker.queries.country import Country
    from tracker.queries.due import Due
    from tracker.queries.membership import Signatories

    if question in (Question.MEMBERS, Question.SIGNED):
        rows = Signatories(as_of, known_by).run(log).rows
        wanted = MEMBER_STATUSES if question is Question.MEMBERS else {MemberStatus.SIGNED}
        return tuple(r.code for r in rows if r.role is Role.MEMBER and r.status in wanted)
    if question is Question.CANDIDATES:
        return tuple(r.code for r in Candidates(as_of, known_by).run(log).rows)
    if question is Question.DUE:
        return tuple(r.event.id for r in Due(as_of, known_by).run(log).rows)
    assert subject is not None
    if question is Question.STATUS:
        status = Country(subject, as_of, known_by).run(log).status
        return (status.value if status is not None else NONE,)
    expected = next((e for e in log.events if e.id == subject), None)
    if expected is None:  # a retired id stands for the event that replaced it, as `show` answers for it
        now, chain = resolve(log, "event", subject)
        if chain and now is None:
            last = chain[-1]
            raise UsageError(f"event '{subject}' was {last.kind.value} on {last.date}", "SUBJECT")
        expected = next((e for e in log.events if e.id == now), None) if chain else None
    if expected is None or expected.status is not EventStatus.EXPECTED:
        what = "no event" if expected is None else "not an expected event"
        raise UsageError(f"'{subject}' is {what} in the log", "SUBJECT")
    state = states(known(log, known_by).log, as_of).get(expected.id)
    return (state.expectation.value if state is not None else NONE,)


def replay(log: EventLog) -> list[Problem]:
    """Every assertion whose answer differs from the log's, at its answer's place, with both answers."""
    return [problem for assertion in log.assertions if (problem := _replayed(log, assertion)) is not None]


def _replayed(log: EventLog, assertion: Assertion) -> Problem | None:
    field = "are" if assertion.are is not None else "include" if assertion.include is not None else "is"
    where = assertion.at(field)
    as_of = assertion.as_of.end
    known_by = assertion.known_by.end if assertion.known_by is not None else None
    try:
        got = answer(log, assertion.question, as_of, known_by, assertion.subject)
    except UsageError as err:
        return Problem(assertion.at("subject"), f"assertion '{assertion.id}': {err}")
    asked = _asked(assertion, as_of, known_by)
    if assertion.value is not None:
        allowed = _values(assertion.question)
        if assertion.value not in allowed:
            return Problem(
                where, f"assertion '{assertion.id}': '{assertion.value}' is not one of: {', '.join(allowed)}"
            )
        if got[0] == assertion.value:
            return None
        return Problem(
            where,
            f"assertion '{assertion.id}' fails: it states {asked} is {assertion.value}; "
            f"the log now answers {got[0]}",
        )
    if assertion.are is not None:
        stated = assertion.are
        missing = [x for x in stated if x not in got]
        extra = [x for x in got if x not in stated]
        if not missing and not extra:
            return None
        verb = "are"
    else:
        stated = assertion.include or ()
        missing, extra = [x for x in stated if x not in got], []
        if not missing:
            return None
        verb = "include"
    differs = []
    if missing:
        differs.append(f"{', '.join(missing)} {'is' if len(missing) == 1 else 'are'} not in the answer")
    if extra:
        differs.append(f"{', '.join(extra)} {'is' if len(extra) == 1 else 'are'} not in the assertion")
    return Problem(
        where,
        f"assertion '{assertion.id}' fails: it states {asked} {verb} {_listed(stated)}; "
        f"the log now answers {_listed(got)}: {', '.join(differs)}",
    )


def _asked(assertion: Assertion, as_of: date, known_by: date | None) -> str:
    """The question in words: 'the members as of 2025-11-07 (known by 2025-11-05)'."""
    known_by_words = f" (known by {known_by.isoformat()})" if known_by is not None else ""
    about = {
        Question.MEMBERS: "the members",
        Question.SIGNED: "the members that signed",
        Question.CANDIDATES: "the candidates",
        Question.DUE: "the open expectations",
        Question.STATUS: f"the status of {assertion.subject}",
        Question.EXPECTATION: f"the state of {assertion.subject}",
    }[assertion.question]
    return f"{about} as of {as_of.isoformat()}{known_by_words}"


def _listed(items: Answer) -> str:
    return f"[{', '.join(items)}] ({len(items)})" if items else "[] (none)"


def _values(question: Question) -> tuple[str, ...]:
    if question is Question.STATUS:
        return (*(s.value for s in MemberStatus), NONE)
    return (*(s.value for s in Expectation), NONE)
