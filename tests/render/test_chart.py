"""The chart: lanes replayed like `signatories`, glyphs that read without colour, any width."""

from __future__ import annotations

import json
from datetime import date

import builder as build
import pytest
from conftest import SHIPPED, run, run_json
from promised import judged

from tracker.queries import Candidates, Chart, Due, Signatories
from tracker.render import svg
from tracker.render.chart import EXPECTED, GLYPHS

AS_OF = "2026-11-24"


def chart_json(log, *, as_of: str = AS_OF, since=None, until=None, countries=(), known_by=None) -> dict:
    """`chart --json` as the Chart query answers it: its lanes, spans and markers as records."""
    query = Chart(build.day(since), build.day(until), tuple(countries), as_of=day(as_of), known_by=known_by)
    return build.records(query.run(log))


def day(text: str) -> date:
    return date.fromisoformat(text)


def ask(query, log):
    return build.records(query.run(log))


def test_lanes_are_members_in_order_of_announcement_then_candidates(shipped_log):
    data = chart_json(shipped_log)
    members = [r["code"] for r in ask(Signatories(day(AS_OF)), shipped_log) if r["role"] == "member"]
    candidates = {r["code"] for r in ask(Candidates(day(AS_OF)), shipped_log)}
    codes = [lane["code"] for lane in data["lanes"]]
    assert codes[: len(members)] == members == ["AE", "BH", "SD", "MA", "KZ"]
    assert set(codes[len(members) :]) == candidates
    assert data["members"][-1] == {"from": "2025-11-06", "count": 5}
    assert data["members"][0] == {"from": "2020-08-13", "count": 1}


def test_spans_and_expected_markers_come_from_the_replay_and_the_expectations(shipped_log):
    lanes = {lane["code"]: lane for lane in chart_json(shipped_log)["lanes"]}
    assert lanes["AE"]["spans"] == [
        {"status": "announced", "start": "2020-08-13", "end": "2020-09-14"},
        {"status": "signed", "start": "2020-09-15", "end": AS_OF},
    ]
    due = {r["id"]: r["expectation"] for r in ask(Due(day(AS_OF)), shipped_log)}
    shown = {m["id"]: m["expectation"] for lane in lanes.values() for m in lane["expected"]}
    assert shown == due
    assert lanes["KZ"]["status"] == "announced"
    assert [(m["id"], m["expectation"]) for m in lanes["KZ"]["expected"]] == [
        ("kazakhstan-signing-at-summit-expected", "overdue"),
        ("kazakhstan-signing-ceremony", "pending"),
    ]
    assert lanes["SA"]["expected"] == []  # the crown prince's visit of 2025-11-18 took place
    before = chart_json(shipped_log, as_of="2025-11-17")
    visit = {lane["code"]: lane for lane in before["lanes"]}["SA"]["expected"]
    assert [(m["id"], m["drawn_on"], m["expectation"]) for m in visit] == [
        ("saudi-crown-prince-visit", "2025-11-18", "pending")
    ]
    assert before["end"] == "2025-11-18"  # the axis reaches the pending visit's day
    due = {r["id"]: r["expectation"] for r in ask(Due(day("2025-11-17")), shipped_log)}
    assert {m["id"]: m["expectation"] for lane in before["lanes"] for m in lane["expected"]} == due


def test_before_the_log_knew_of_kazakhstan_there_is_no_lane_for_it(shipped_log):
    lanes = {lane["code"] for lane in chart_json(shipped_log, known_by=day("2025-01-01"))["lanes"]}
    assert lanes == {"AE", "BH", "SD", "MA"}
    early = chart_json(shipped_log, as_of="2020-12-31")
    assert [lane["code"] for lane in early["lanes"]] == ["AE", "BH", "SD", "MA"]
    assert early["members"][-1]["count"] == 4
    assert early["end"] == "2020-12-31"


def test_since_until_and_country_cut_the_axis_and_the_lanes(shipped_log):
    data = chart_json(shipped_log, since="2025-06", until="2025-12", countries=["Kazakhstan"])
    assert (data["start"], data["end"]) == ("2025-06-01", "2025-12-31")
    (lane,) = data["lanes"]
    assert lane["spans"][-1] == {"status": "announced", "start": "2025-11-06", "end": "2025-12-31"}
    assert data["members"][0] == {"from": "2025-06-01", "count": 4}


@pytest.mark.parametrize("width", ["80", "100", "160"])
def test_the_chart_fits_the_width_and_reads_without_colour(width):
    result = run("chart", "--data", str(SHIPPED), "--as-of", AS_OF, env={"COLUMNS": width, "NO_COLOR": "1"})
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert all(len(line) <= int(width) for line in lines)
    assert "\x1b" not in result.stdout
    lane = next(line for line in lines if line.startswith("Kazakhstan"))
    assert {"·", "▒", "!", "◇"} <= set(lane)
    assert next(line for line in lines if line.startswith("United Arab Emirates")).rstrip().endswith("█")
    legend = " ".join(lines)
    for glyph, _, words in [*GLYPHS.values(), *EXPECTED.values()]:
        assert f"{glyph} {words}" in legend
    due = [r["expectation"] for r in run_json("due", "--data", str(SHIPPED), "--as-of", AS_OF)]
    assert (due.count("overdue"), due.count("stalled"), due.count("pending")) == (1, 1, 2)
    summary = "5 members on 2026-11-24; 12 candidates shown; expected: 1 overdue, 1 stalled, 2 pending."
    assert summary in " ".join(result.stdout.split())


def test_glyphs_are_distinct():
    glyphs = [g for g, _, _ in [*GLYPHS.values(), *EXPECTED.values()]]
    assert len(set(glyphs)) == len(glyphs)


def test_the_axis_labels_days_on_a_short_period():
    result = run(
        "chart",
        "--data",
        str(SHIPPED),
        "--since",
        "2025-11-01",
        "--until",
        "2025-11-10",
        "--as-of",
        AS_OF,
        env={"COLUMNS": "120"},
    )
    assert "2025-11-03" in result.stdout  # a Monday: weekly ticks fit, daily do not


def test_the_caption_json_and_picture_count_stalled_and_partly_fulfilled_apart():
    """Counted as `due` counts them (tests/queries/test_chart_counts.py): stalled and partly fulfilled
    are states of their own in the caption, the JSON and the web page's picture, never "pending"."""
    january = Chart(as_of=date(2026, 1, 25)).run(judged())
    caption = " ".join(build.rendered(january, "table", width=100).split())
    assert "expected: 1 overdue, 1 stalled, 1 pending." in caption
    assert "‖ expected, stalled" in caption
    data = json.loads(build.rendered(january))
    assert {k: data[k] for k in ("overdue", "stalled", "partly_fulfilled", "pending")} == {
        "overdue": 1,
        "stalled": 1,
        "partly_fulfilled": 0,
        "pending": 1,
    }
    february = Chart(as_of=date(2026, 2, 15)).run(judged())
    caption = " ".join(build.rendered(february, "table", width=100).split())
    assert "expected: 2 overdue, 1 partly fulfilled, 0 pending." in caption
    drawn = svg.figure(february, "svg-test", "February")
    assert "expected, partly fulfilled (half filled)</li>" in drawn and "expected, stalled" not in drawn
    assert "half filled: partly fulfilled)" in drawn  # the picture's description says so too
    stalled = svg.figure(january, "svg-test", "January")
    assert 'fill="#f2d7a6" stroke="#8a5208"' in stalled and "expected, stalled</li>" in stalled
