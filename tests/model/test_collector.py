"""The problem collector (`model.Collector`): the first problems in file order, in bounded memory.

A report keeps at most its limit in full and counts the rest, whatever order the problems arrive
in (a whole-log check finds late what was written early). How the reader and `check` use it on
mass mistakes is in tests/log/test_problem_bounds.py.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from tracker.model import Collector, Location, Problem


@settings(max_examples=200, deadline=None)
@given(
    positions=st.lists(st.tuples(st.integers(1, 50), st.integers(1, 5)), max_size=60),
    limit=st.integers(0, 12),
)
def test_the_collector_keeps_the_first_problems_in_file_order(positions, limit):
    problems = [Problem(Location("f", line, col), f"#{i}") for i, (line, col) in enumerate(positions)]
    found = Collector(limit)
    found.extend(problems)
    report = found.report()
    assert list(report) == sorted(problems, key=lambda p: p.location)[:limit]  # stable: ties in arrival order
    assert report.more == len(problems) - len(report) and len(report) <= limit
