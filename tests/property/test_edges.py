"""Regressions found by the fuzz suite (test_fuzz.py), each fixed in the mechanism where it arose.

Values that `check` accepts but that sit at an edge: dates at the ends of the
calendar (0001-01-01, 9999-12-31), text of any Unicode and any length. Each
test is the smallest log that showed the failure; the contract is the same as
everywhere (exit 0 on a valid log, no traceback, output its parser reads).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import GOOD_EVENT, HEADER, REPO, run


def answer(path: Path, args: list[str]) -> str:
    result = run(*args, "--data", str(path))
    assert result.exception is None or isinstance(result.exception, SystemExit), (args, result.exception)
    assert result.exit_code == 0, (args, result.stderr)
    return result.stdout


def _edge_log(write_log, date_text: str, *, expected: str = "") -> Path:
    """The conftest log with France's announcement on `date_text`, and optionally an expected event."""
    return write_log(HEADER + GOOD_EVENT.replace("2025-11-03", date_text) + expected)


EXPECTED_SIGNING = """\
  - id: france-signs
    date: "{date}"
    status: expected
    kind: signing
    countries: [FR, IL, US]
    subjects: [FR]
    title: France is expected to sign
    cite:
      - source: web
        quote: France and Germany would join the accords soon
"""


def test_changes_from_the_first_day_of_the_calendar_count_what_happened_on_it(write_log):
    """`changes` compares with the day before the window; before 0001-01-01 nothing had happened
    (model.shifted gives no such day), so an event of that first day is a change of the window."""
    path = _edge_log(write_log, "0001-01-01")
    rows = json.loads(answer(path, ["changes", "--since", "0001-01-01", "--until", "0001-01-01", "--json"]))
    assert [(r["change"], r["code"], r["to"], r["date"]) for r in rows] == [
        ("status", "FR", "announced", "0001-01-01")
    ]
    assert json.loads(answer(path, ["changes", "--since", "0001-01-02", "--until", "9999", "--json"])) == []


def test_a_chart_of_every_year_of_the_calendar_is_laid_out_by_its_width_not_its_span(write_log):
    """The axis's labels were built for every day of the span (3.6 million for years 1 to 9999) before
    the ones that fit were chosen: a level with more labels than columns is now never built, and
    coarser levels (centuries, millennia) label such an axis."""
    import tracemalloc

    path = _edge_log(write_log, "0001", expected=EXPECTED_SIGNING.format(date="9999-12"))
    answer(path, ["chart", "--no-cache"])  # imports and caches warmed: what follows is the chart's own
    tracemalloc.start()
    try:
        out = answer(path, ["chart", "--since", "0001", "--until", "9999", "--no-cache"])
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 64 * 2**20  # a few MiB; per day of the span it was over a GiB
    lines = out.splitlines()
    assert lines[0].startswith("Abraham Accords membership, 0001-01-01 to 9999-12-31")
    assert "1000" in lines[1] and "9000" in lines[1]
    assert max(len(line) for line in lines) <= 120


@pytest.mark.parametrize(
    "args",
    [
        ["chart", "--as-of", "9999-12-31"],
        ["chart", "--since", "9999-12-31"],
        ["chart", "--since", "9999-12-27", "--until", "9999-12-31", "--as-of", "9999-12-31"],
        ["chart", "--since", "0001-01-01", "--until", "0001-01-01"],
    ],
)
def test_a_chart_at_either_end_of_the_calendar_is_drawn(write_log, args):
    """No day after 9999-12-31 to end a span on, no Monday after 9999-12-27 to label."""
    path = _edge_log(write_log, "0001-01-01", expected=EXPECTED_SIGNING.format(date="9999-12-31"))
    assert "Abraham Accords membership" in answer(path, args)
    chart = json.loads(answer(path, [*args, "--json"]))
    assert chart["lanes"][0]["code"] == "FR"


@pytest.mark.parametrize("as_of", ["0001-01-01", "0001-12-31", "9999-12-31"])
def test_the_web_page_is_written_as_of_either_end_of_the_calendar(write_log, tmp_path, as_of):
    """The page's second timeline is the year to --as-of: in year 1 it starts on the calendar's first day."""
    path = _edge_log(write_log, "0001-01-01", expected=EXPECTED_SIGNING.format(date="9999-12-31"))
    page = tmp_path / "report.html"
    answer(path, ["export", "html", str(page), "--as-of", as_of])
    assert f'<h1>The Abraham Accords as of <span class="when">{as_of}</span></h1>' in page.read_text(
        encoding="utf-8"
    )


def test_the_web_page_labels_its_timelines_by_their_width_not_their_span(write_log, tmp_path):
    """A label for every year of the axis made a page of megabytes from a log running from year 1 to
    9999; the labels now come every 1, 2, 5, 10... years, at most 40 to a timeline."""
    import re

    path = _edge_log(write_log, "0001", expected=EXPECTED_SIGNING.format(date="9999-12"))
    page = tmp_path / "report.html"
    answer(path, ["export", "html", str(page)])
    text = page.read_text(encoding="utf-8")
    labels = re.findall(r'<text [^>]*text-anchor="middle" fill="#333">([0-9-]+)</text>', text)
    assert "5000" in labels and len(labels) <= 2 * 40
    assert len(text) < 200_000


@pytest.mark.parametrize("due", ["9999", "9999-12", "9999-12-31"])
def test_the_calendar_holds_an_entry_on_the_calendars_last_day(write_log, tmp_path, due):
    """An all-day entry ends on the day after it (DTEND); 9999-12-31 has none, and its entry is
    written without one, which RFC 5545 reads as one day."""
    icalendar = pytest.importorskip("icalendar", reason="the icalendar test extra is not installed")
    path = _edge_log(write_log, "2025-11-03", expected=EXPECTED_SIGNING.format(date=due))
    out = tmp_path / "due.ics"
    answer(path, ["export", "ics", str(out)])
    (entry,) = icalendar.Calendar.from_ical(out.read_bytes()).walk("VEVENT")
    assert entry.decoded("DTSTART").isoformat() == "9999-12-31"
    assert "DTEND" not in entry


def test_the_database_holds_statuses_that_change_on_the_calendars_first_day(write_log, tmp_path):
    """A status replaced on its own day ends the day before; on 0001-01-01 there is none."""
    import sqlite3

    signing = GOOD_EVENT.replace("france-joins", "france-signs").replace("announcement", "signing")
    path = _edge_log(write_log, "0001-01-01", expected=signing.replace("2025-11-03", "0001-01-01"))
    out = tmp_path / "accords.db"
    answer(path, ["export", "sqlite", str(out)])
    with sqlite3.connect(out) as connection:
        periods = connection.execute('SELECT code, status, "from", until FROM status_periods').fetchall()
    connection.close()
    assert periods == [("FR", "signed", "0001-01-01", None)]


@pytest.mark.parametrize("due", ["0001", "0999-02", "0001-01-01"])
def test_the_calendar_writes_early_years_in_four_digits(write_log, tmp_path, due):
    """strftime's %Y wrote year 1 as '1', so DTSTART:10101 was no date at all."""
    icalendar = pytest.importorskip("icalendar", reason="the icalendar test extra is not installed")
    path = _edge_log(write_log, "2025-11-03", expected=EXPECTED_SIGNING.format(date=due))
    out = tmp_path / "due.ics"
    answer(path, ["export", "ics", str(out), "--as-of", "2025-12-31"])
    (entry,) = icalendar.Calendar.from_ical(out.read_bytes()).walk("VEVENT")
    end = {"0001": "0001-12-31", "0999-02": "0999-02-28", "0001-01-01": "0001-01-01"}[due]
    assert entry.decoded("DTSTART").isoformat() == end
    assert f"DTSTART;VALUE=DATE:{end.replace('-', '')}\r\n".encode() in out.read_bytes()


def test_the_feed_is_well_formed_xml_whatever_control_characters_the_log_holds(write_log):
    """The log may hold C0 controls written as YAML escapes; XML 1.0 cannot hold them at all, so the
    feed writes each as its escape, as a terminal shows it, and stays a feed a reader can parse."""
    import xml.etree.ElementTree as ElementTree

    event = (
        GOOD_EVENT.replace(
            "title: France announces it will join", r'title: "France \u0000joins\u001b[31m \uffff\u0008"'
        )
        + "      - source: web\n        quote: France and Germany would join the accords soon\n"
    )
    outlet = 'outlet: "Out\\u0001let", file: web.txt'
    path = write_log(HEADER.replace("file: web.txt", outlet) + event)
    feed = ElementTree.fromstring(
        answer(path, ["changes", "--since", "2025", "--until", "2025", "-o", "atom"])
    )
    atom = "{http://www.w3.org/2005/Atom}"
    (entry,) = feed.findall(f"{atom}entry")
    assert (
        entry.findtext(f"{atom}title")
        == "France (FR): none → announced. France \\x00joins\\x1b[31m \\uffff\\x08"
    )
    assert entry.find(f"{atom}link").get("title") == "Out\\x01let"  # attributes too


def test_a_table_with_a_word_of_200_000_characters_is_printed_in_time_that_follows_its_length(write_log):
    """A column is as wide as its longest word, so rich pads such a table's lines with runs of that
    many spaces; stripping them tried every space of a run as a start, in time the square of the word
    (a 200,000-character title took minutes). A generous CPU limit, not a timer, holds it: at a few
    seconds the table is well inside it, and the quadratic strip ran far past it."""
    import os
    import subprocess
    import sys

    resource = pytest.importorskip("resource")
    word = "x" * 200_000
    path = _edge_log(write_log, "2025-11-03")
    path.write_text(path.read_text(encoding="utf-8").replace("France announces", f"France {word}"), "utf-8")

    def limited() -> None:
        resource.setrlimit(resource.RLIMIT_CPU, (60, 60))

    for args in (["timeline"], ["changes", "--since", "2025", "--until", "2025"]):
        done = subprocess.run(
            [sys.executable, "-m", "tracker", *args, "--no-cache", "--data", str(path)],
            capture_output=True,
            text=True,
            env={**os.environ, "PYTHONPATH": str(REPO), "COLUMNS": "80", "NO_COLOR": "1"},
            preexec_fn=limited,
            timeout=600,
        )
        assert done.returncode == 0, (args, done.returncode, done.stderr[-500:])
        assert word in done.stdout  # whole: a word is never cut
        assert not [line for line in done.stdout.splitlines() if line.endswith(" ")]


def test_an_entitys_name_is_shown_as_written_in_the_country_pages_headings(write_log):
    """A section's title named the entity as rich markup and raw characters: the '[bold]' vanished and
    a bidi mark or an escape sequence reached the terminal. Titles are literal, like every cell."""
    import unicodedata

    entity = (
        'entities:\n  - id: somaliland\n    name: "Land of [bold]x[/bold] \\u200f\\u001b[31m"\nsources:\n'
    )
    event = GOOD_EVENT.replace("[FR, IL, US]", "[somaliland, IL, US]").replace("[FR]", "[somaliland]")
    path = write_log(HEADER.replace("sources:\n", entity) + event)
    page = answer(path, ["country", "somaliland", "--as-of", "2026"])
    assert "Events involving Land of [bold]x[/bold] \\u200f\\x1b[31m (1)" in page
    assert not [c for c in page if c != "\n" and unicodedata.category(c) in ("Cc", "Cf")]


EXPECTED_MEETING = """\
  - id: france-meets
    date: "2030"
    status: expected
    kind: meeting
    countries: [FR, IL, US]
    title: France is expected to meet
    cite:
      - source: web
        quote: France and Germany would join the accords soon
"""


@pytest.mark.parametrize("kinds", [["reinstatement"], ["suspension", "reinstatement"]])
def test_a_country_that_holds_no_status_has_no_lane_even_with_an_expectation(write_log, tmp_path, kinds):
    """check accepts a reinstatement with no suspension before it (it restores nothing), and one after a
    suspension of a country that held no status (it restores none). The replay meets the country but
    leaves it no status; with an open expectation involving it, the chart asked for its last status."""
    events = "".join(
        GOOD_EVENT.replace("france-joins", f"france-{n}").replace("announcement", kind)
        for n, kind in enumerate(kinds)
    )
    path = write_log(HEADER + events + EXPECTED_MEETING)
    chart = json.loads(answer(path, ["chart", "--json", "--as-of", "2026"]))
    assert [lane["code"] for lane in chart["lanes"]] == []
    assert "Abraham Accords membership" in answer(path, ["chart", "--as-of", "2026"])
    answer(path, ["export", "html", str(tmp_path / "report.html"), "--as-of", "2026-01-01"])


@pytest.mark.parametrize("control", ["\\u0000", "\\u001b", "\\u007f", "\\u009b"])
def test_a_url_with_a_control_character_is_refused_where_it_is_written(write_log, control):
    """check took a URL with a raw control character (only spaces were refused): it reached the
    calendar's URL line raw (NUL and all) and Markdown links altered. No URL holds one (RFC 3986);
    percent-encoded, the same address is accepted and reaches every export as written."""
    url = f'url: "https://example.org/a{control}b"'
    path = write_log(HEADER.replace("url: https://example.org/report", url) + GOOD_EVENT)
    result = run("check", "--data", str(path))
    assert result.exit_code == 1
    code = int(control[2:], 16)
    assert result.stdout.startswith(
        f"{path}:8:20: source 'web' url must not contain control or invisible characters (found U+{code:04X})"
    )
    encoded = "".join(f"%{b:02X}" for b in chr(code).encode())
    path = write_log(
        HEADER.replace("url: https://example.org/report", f"url: https://example.org/a{encoded}b")
        + GOOD_EVENT
    )
    assert run("check", "--data", str(path)).exit_code == 0
