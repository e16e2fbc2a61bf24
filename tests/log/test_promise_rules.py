"""What a log may say of expectations judged like promises (issue 23, part 1), each refusal at its line:
criterion and deadline only on expected events, a verdict only from an event that occurred and only
on an expected event, `part` with `partly_fulfils`, one verdict per event, none after one that settles."""

from __future__ import annotations

import textwrap

import promised
import pytest
from conftest import open_log


def problems(path) -> list[str]:
    _, found = open_log(path)
    return [f"{p.location.line}:{p.location.col}: {p.message}" for p in found]


def test_the_promised_visit_reads_and_checks(tmp_path):
    log, found = open_log(promised.write(tmp_path))
    assert found == []
    by_id = {e.id: e for e in log.events}
    visit = by_id["visit-expected"]
    assert (visit.criterion, visit.deadline.iso()) == (promised.CRITERION, "2026-01-31")
    assert by_id["visit-delayed"].stalls == "visit-expected"
    assert (by_id["visit-held"].partly_fulfils, by_id["visit-held"].part) == ("visit-expected", promised.PART)


def _line(text: str, wanted: str, after: int = 0) -> int:
    return 1 + text.splitlines().index(wanted, after)


@pytest.mark.parametrize(
    ("edit", "at", "message"),
    [
        (
            ("    stalls: visit-expected", "    stalls: visit-held"),
            ("    stalls: visit-held", 13),
            "event 'visit-delayed' stalls 'visit-held', which is not an expected event",
        ),
        (
            ("    stalls: visit-expected", "    stalls: nowhere"),
            ("    stalls: nowhere", 13),
            "event 'visit-delayed' stalls unknown event 'nowhere'",
        ),
        (
            ("    part: The visit took place; the accords were not signed.\n", ""),
            ("    partly_fulfils: visit-expected", 5),
            "event 'visit-held' partly_fulfils: say which part was met in 'part'",
        ),
        (
            ("    stalls: visit-expected", "    stalls: visit-expected\n    criterion: Something."),
            ("    criterion: Something.", 5),
            "event 'visit-delayed' gives 'criterion', which only an expected event takes",
        ),
        (
            ("    deadline: 2026-01-31\n    cite:\n      - source: plan\n        quote: The president",
             "    deadline: 2025-12\n    cite:\n      - source: plan\n        quote: The president"),
            ("    deadline: 2025-12", 15),
            "event 'visit-expected' has the deadline 2025-12, before its expected date 2026-01-15 begins",
        ),
        (
            ("    stalls: visit-expected", "    stalls: visit-expected\n    fulfils: visit-expected"),
            ("    fulfils: visit-expected", 5),
            "event 'visit-delayed' gives both 'fulfils' and 'stalls'; choose one",
        ),
    ],
)  # fmt: skip
def test_a_verdict_that_cannot_be_replayed_is_refused_at_its_place(tmp_path, edit, at, message):
    old, new = edit
    assert old in promised.LOG
    text = promised.LOG.replace(old, new, 1)
    wanted, col = at
    assert f"{_line(text, wanted)}:{col}: {message}" in problems(promised.write(tmp_path, text))


def test_nothing_judges_an_expectation_once_it_is_settled(tmp_path):
    text = promised.LOG.replace(
        f"partly_fulfils: visit-expected\n    part: {promised.PART}", "makes_ambiguous: visit-expected"
    )
    assert problems(promised.write(tmp_path, text)) == []
    later = textwrap.indent(
        textwrap.dedent("""\
            - id: visit-delayed-again
              date: 2026-02-10
              kind: report
              countries: [FR, IL]
              title: The signing is reported put off
              stalls: visit-expected
              cite:
                - source: visit
                  quote: The president visited Israel on Monday but did not sign the accords.
        """),
        "  ",
    )
    text += later
    line = _line(text, "    stalls: visit-expected", len(promised.LOG.splitlines()))
    settled = _line(text, "    makes_ambiguous: visit-expected")
    assert problems(promised.write(tmp_path, text)) == [
        f"{line}:13: expected event 'visit-expected' is already settled by 'visit-held' "
        f"(makes_ambiguous, line {settled}, 2026-02-09); event 'visit-delayed-again' cannot judge it after that"
    ]
