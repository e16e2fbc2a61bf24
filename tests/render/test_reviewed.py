"""Every answer says where the log stops (issue 18): each JSON, JSONL and CSV record carries the
review date, and a table says it first, once. Renderers on the shipped log's results."""

from __future__ import annotations

import csv
import io
import json
from datetime import date

import builder as build
import pytest

from tracker.queries import (
    Candidates,
    Changes,
    Chart,
    Cite,
    Country,
    Due,
    Info,
    Show,
    Signatories,
    Sources,
    Timeline,
)

REVIEWED = "2026-06-26"  # the shipped log's review date
NOTICE = f"The log records sources up to {REVIEWED}; anything after that is not in it."
TODAY = date.today()

LISTINGS = {
    "timeline": Timeline(as_of=TODAY),
    "signatories": Signatories(TODAY),
    "candidates": Candidates(TODAY),
    "due": Due(TODAY),
    "changes": Changes(date(2025, 11, 1), TODAY),
    "sources": Sources(),
    "cite": Cite("kazakhstan-announcement"),
}
OBJECTS = {
    "show": Show("kazakhstan-announcement"),
    "country": Country("SA", TODAY),
    "info": Info("data/events.yaml", TODAY),
    "chart": Chart(as_of=TODAY),
}


@pytest.mark.parametrize("query", LISTINGS.values(), ids=list(LISTINGS))
def test_every_json_and_jsonl_record_carries_the_review_date(shipped_log, query):
    result = query.run(shipped_log)
    records = json.loads(build.rendered(result, "json"))
    assert records and {r["reviewed"] for r in records} == {REVIEWED}
    lines = build.rendered(result, "jsonl").splitlines()
    assert lines and {json.loads(line)["reviewed"] for line in lines} == {REVIEWED}


@pytest.mark.parametrize("query", OBJECTS.values(), ids=list(OBJECTS))
def test_every_single_object_answer_carries_the_review_date(shipped_log, query):
    assert json.loads(build.rendered(query.run(shipped_log), "json"))["reviewed"] == REVIEWED


@pytest.mark.parametrize("name", ["timeline", "signatories", "candidates", "due", "changes", "sources"])
def test_every_csv_row_ends_with_the_review_date(shipped_log, name):
    rows = list(csv.reader(io.StringIO(build.rendered(LISTINGS[name].run(shipped_log), "csv"))))
    assert rows[0][-1] == "reviewed"
    assert len(rows) > 1 and {row[-1] for row in rows[1:]} == {REVIEWED}


@pytest.mark.parametrize(
    "query",
    [Signatories(TODAY), Due(TODAY), Country("Kazakhstan", TODAY), Timeline(as_of=TODAY), Candidates(TODAY),
     Info("data/events.yaml", TODAY)],
    ids=["signatories", "due", "country", "timeline", "candidates", "info"],
)  # fmt: skip
def test_on_a_table_the_notice_comes_first(shipped_log, query):
    table = build.rendered(query.run(shipped_log), "table")
    assert table.splitlines()[0] == NOTICE
    assert " ".join(table.split()).count(NOTICE) == 1  # said once, not again in a caption


def test_the_timeline_counts_overdue_by_the_review_date_not_today(shipped_log):
    caption = " ".join(build.rendered(Timeline(as_of=TODAY).run(shipped_log), "table").split())
    assert f"1 of them overdue by {REVIEWED}, where the log stops." in caption
    assert f"overdue on {TODAY.isoformat()}" not in caption
