"""What the renderers print of an answer: tables with their titles, rows and captions, expected
events in words, the log's text literally (never rich markup, never a raw escape), JSON in UTF-8.

Results come from queries on logs in memory (tests/builder.py) or the shipped log read once."""

from __future__ import annotations

import json
from datetime import date

import builder as build
from conftest import REPO

from tracker.queries import Show, Signatories, Sources, Timeline


def test_json_is_pure_utf8_with_non_ascii_kept():
    title = "Côte d’Ivoire — “quoted” [bold]text[/]"
    log = build.log(build.event("cote", "2025-11-03", countries=["CI"], title=title))
    out = build.rendered(Timeline(as_of=date(2026, 1, 1)).run(log), "json")
    assert title in out  # not \\u-escaped
    assert "\x1b" not in out
    assert json.loads(out)[0]["title"] == title


def test_signatories_table_has_title_rows_and_caption(shipped_log):
    out = build.rendered(Signatories(date(2025, 11, 7)).run(shipped_log), "table")
    assert "Abraham Accords signatories as of 2025-11-07" in out
    assert "5 members as of 2025-11-07: 4 signed, 1 announced only (awaiting signature)." in out
    assert "Kazakhstan (KZ)" in out and "pending" in out
    assert "\x1b[" not in out  # no colour without a terminal


def test_timeline_table_marks_expected_events_in_words(shipped_log):
    since = build.day("2025-11-18")
    out = build.rendered(Timeline(since, as_of=date.today()).run(shipped_log), "table", width=120)
    lines = [line.strip() for line in out.splitlines()]
    for date_cell in ("2025-11-18", "undated"):
        row = next(i for i, line in enumerate(lines) if line.startswith(date_cell))
        assert lines[row + 1].startswith("expected"), lines[row : row + 2]
    visit = next(i for i, line in enumerate(lines) if "saudi-crown-prince-visit ·" in line)
    assert lines[visit - 1].startswith("2025-11-18") and lines[visit + 1] == "fulfilled"  # the visit was held
    caption = " ".join(out.split())
    assert "25 events; 2 marked 'expected' are foreseen, not reported as done." in caption
    assert "overdue" not in caption
    # By what was known on the 18th, the visit had not been reported held: on the 19th it was overdue.
    early = Timeline(since, as_of=date(2025, 11, 19), known_by=date(2025, 11, 18)).run(shipped_log)
    out = build.rendered(early, "table", width=120)
    lines = [line.strip() for line in out.splitlines()]
    visit = next(i for i, line in enumerate(lines) if "saudi-crown-prince-visit ·" in line)
    assert lines[visit].startswith("expected") and lines[visit + 1] == "overdue"
    caption = " ".join(out.split())
    assert (
        "2 events; 1 marked 'expected' are foreseen, not reported as done, 1 of them overdue on 2025-11-19."
        in caption
    )


def test_log_text_is_printed_literally_never_as_markup():
    title = "[bold]Not bold[/] and [/] and [link=x]y \x1b[31mred"
    log = build.log(build.event("markup", "2025-11-03", countries=["FR"], title=title))
    out = build.rendered(Timeline(as_of=date(2026, 1, 1)).run(log), "table", width=120)
    assert "[bold]Not bold[/] and [/] and [link=x]y" in out
    assert "\x1b" not in out and "\\x1b[31mred" in out


def test_log_text_in_captions_is_literal_too():
    log = build.log(sources=[build.source("w", url="https://example.org")], corpus="[/]x")
    out = build.rendered(Sources().run(log), "table", width=120)
    assert "local articles (the log's [/]x/) by their path from the current folder." in out


def test_show_prints_every_citation_with_its_quote_and_source(shipped_log):
    out = build.rendered(Show("morocco-signing", str(REPO)).run(shipped_log), "table", width=120)
    assert out.startswith("morocco-signing: Morocco, the US and Israel sign a joint declaration in Rabat\n")
    # seed-000 and seed-002 repeat one Reuters sentence: 8 sources, 7 independent origins
    assert "Citations (10; 8 sources, 7 independent origins)" in out
    assert (
        "seed-002: outlet unknown, 2025-11, inferred\n   seeds/002_8053211c4aa149c3.txt\n"
        "   repeats reuters-kazakhstan-revival-2025-11-06\n"
    ) in out
    assert "mwn-morocco: Morocco World News, 2020-12-25\n   https://www.moroccoworldnews.com/" in out
    assert "“Morocco established ties with Israel later the same year.”" in out
    assert "gives the date as ~2020" in out
    assert "Frames the declaration as resuming ties frozen in 2002" in out
