"""Assertions, as the log states them: each value read and checked on its own, at its place.

An assertion states the answer to a question on a day (`members` as of
2025-11-07 `are` AE, BH, SD, MA, KZ). Replaying the question needs the
queries, which this layer may not import: `tracker.queries.assertions` does
that, and `tracker check` runs it once the log itself is valid.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator

from tracker.log import schema
from tracker.log.values import Values
from tracker.log.yamlstream import Node, Seq, pos
from tracker.model import SINGLE_QUESTIONS, Assertion, EventLog, Problem, Question

ANSWERS = ("are", "include", "is")  # exactly one states the answer


def read(values: Values, node: Node, what: str) -> Assertion | None:
    """One assertion; None (with its problems reported) when it cannot be replayed as written."""
    what = values.label(node, "assertion", what)
    fields = values.mapping(node, what, schema.ASSERTION)
    if fields is None:
        return None
    assertion_id = values.ident(fields["id"][1], "assertion id") if "id" in fields else None
    question = (
        values.choice(fields["question"][1], f"{what} question", Question) if "question" in fields else None
    )
    as_of = values.date(fields["as_of"][1], f"{what} as_of", False) if "as_of" in fields else None
    known_by = values.date(fields["known_by"][1], f"{what} known_by", False) if "known_by" in fields else None
    subject = (
        values.text(fields["subject"][1], f"{what} subject", one_line=True) if "subject" in fields else None
    )
    note = values.text(fields["note"][1], f"{what} note") if "note" in fields else None
    given = [name for name in ANSWERS if name in fields]
    if not given:
        values.fail(node, f"{what} states no answer: give 'are', 'include' or 'is'")
    elif len(given) > 1:
        later = max(given, key=lambda name: pos(fields[name][0]))
        values.fail(fields[later][0], f"{what} gives both {' and '.join(repr(g) for g in given)}; choose one")
    lists = {
        name: _listed(values, fields[name][1], f"{what} {name}")
        for name in ("are", "include")
        if name in fields
    }
    if lists.get("include") == ():
        values.fail(
            fields["include"][1], f"{what} include is an empty list, which asserts nothing; use 'are: []'"
        )
    value = values.text(fields["is"][1], f"{what} is", one_line=True) if "is" in fields else None
    if question in SINGLE_QUESTIONS:
        if "subject" not in fields:
            thing = "country's code" if question is Question.STATUS else "expected event's id"
            values.fail(node, f"{what} asks for a {question.value}: name the {thing} as 'subject'")
        for name in ("are", "include"):
            if name in fields:
                values.fail(fields[name][0], f"{what} asks for one {question.value}: state it with 'is'")
    elif question is not None:
        if "subject" in fields:
            values.fail(
                fields["subject"][0], f"{what} asks for all the {question.value}: it takes no 'subject'"
            )
        if "is" in fields:
            values.fail(fields["is"][0], f"{what} asks for a list: state it with 'are' or 'include'")
    if assertion_id is None or question is None or as_of is None or len(given) != 1:
        return None
    return Assertion(
        id=sys.intern(assertion_id),
        location=values.loc(node),
        question=question,
        as_of=as_of,
        known_by=known_by,
        subject=subject.strip() if subject is not None else None,
        are=lists.get("are"),
        include=lists.get("include"),
        value=value.strip() if value is not None else None,
        note=note,
        locs={name: pos(value) for name, (_, value) in fields.items()},  # a few items: every field
    )


def _listed(values: Values, node: Node, what: str) -> tuple[str, ...] | None:
    """Codes or ids, one line each; an empty list is an answer too ('no candidates')."""
    texts: list[str] = []
    for item in values.items(node, what):
        text = values.text(item, f"an entry of {what}", one_line=True)
        if text is None:
            continue
        if text.strip() in texts:
            values.fail(item, f"'{text.strip()}' appears twice in {what}")
            continue
        texts.append(text.strip())
    return tuple(texts) if isinstance(node, Seq) else None


def duplicate_ids(log: EventLog) -> Iterator[Problem]:
    """Each assertion has an id of its own, as sources and events do."""
    first: dict[str, Assertion] = {}
    for assertion in log.assertions:
        earlier = first.setdefault(assertion.id, assertion)
        if earlier is not assertion:
            yield Problem(
                assertion.at("id"),
                f"duplicate assertion id '{assertion.id}' (first at line {earlier.at('id').line})",
            )
