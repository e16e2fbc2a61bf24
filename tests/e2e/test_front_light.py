"""A cached answer's start-up: the front door imports no more of the standard library than it uses.

A hit costs about twice what starting Python does, so each module matters:
pathlib, datetime and typing each cost a tenth of a hit (benchmarks/RESULTS.md),
and none is needed to find, check and print a stored answer.
"""

from __future__ import annotations

from conftest import SHIPPED
from fresh import tracker

UNNEEDED = {"pathlib", "datetime", "typing", "dataclasses", "subprocess"}


def test_a_hit_imports_neither_pathlib_nor_datetime_nor_typing(tmp_path):
    miss = tracker(tmp_path, "signatories", "--json", "--data", str(SHIPPED))
    assert miss.code == 0, miss.stderr
    hit = tracker(tmp_path, "signatories", "--json", "--data", str(SHIPPED))
    assert hit.output == miss.output and hit.heavy == set()
    assert hit.modules & UNNEEDED == set()
