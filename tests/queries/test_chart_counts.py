"""`tracker chart`'s count of the open expectations it draws, state by state as `tracker due` counts them
(issue 23): a stalled or partly fulfilled expectation is never counted as pending, and an ambiguous
one (settled) is not drawn or counted at all."""

from __future__ import annotations

from collections import Counter
from datetime import date

from promised import judged

from tracker.queries import Chart, Due


def counts(result) -> tuple[int, int, int, int]:
    return (result.overdue, result.stalled, result.partly_fulfilled, result.pending)


def due_counts(log, day: date) -> tuple[int, int, int, int]:
    found = Counter(row.state.expectation.value for row in Due(day).run(log).rows)
    return (found["overdue"], found["stalled"], found["partly-fulfilled"], found["pending"])


def test_the_chart_counts_each_open_state_apart_as_due_does():
    log = judged()
    january = Chart(as_of=date(2026, 1, 25)).run(log)
    # The summit is overdue, the visit stalled, the ceremony pending; the talks (ambiguous) are settled.
    assert counts(january) == (1, 1, 0, 1) == due_counts(log, date(2026, 1, 25))
    drawn = {m.event_id: m.state.expectation.value for lane in january.lanes for m in lane.expected}
    assert drawn == {
        "summit-expected": "overdue",
        "visit-expected": "stalled",
        "ceremony-expected": "pending",
    }
    february = Chart(as_of=date(2026, 2, 15)).run(log)
    # The visit is partly fulfilled; the ceremony's deadline (the 31st) has passed.
    assert counts(february) == (2, 0, 1, 0) == due_counts(log, date(2026, 2, 15))
