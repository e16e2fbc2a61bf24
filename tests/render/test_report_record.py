"""What `export html`'s page shows of expectations judged like promises and of the log's corrections
(issue 23): each expectation's criterion, deadline and dated, cited history, as `due` shows them, and
the corrections made by the page's day in a section of their own. Logs built in memory; the page's
bytes are pinned in test_report_page.py."""

from __future__ import annotations

import re
from datetime import date

import builder as build
from promised import CRITERION, PART, corrected, judged, promised

from tracker.queries import Report


def page(log, day: str) -> str:
    return build.rendered(Report(date.fromisoformat(day)).run(log), "html")


def section(html: str, ident: str) -> str:
    start = html.index(f'<section id="{ident}"')
    return html[start : html.index("</section>", start)]


def row(html: str, event_id: str) -> str:
    """The expectations table's row of one event."""
    start = html.index(f'<th scope="row"><a href="#event-{event_id}">')
    return html[html.rindex("<tr>", 0, start) : html.index("</tr>", start)]


def test_an_expectation_shows_its_criterion_deadline_and_cited_history():
    html = section(page(promised(), "2026-02-15"), "expectations")
    # The event that judged it is the history's last step: no column of ids to widen the table.
    assert re.findall(r'<th scope="col">([^<]+)</th>', html) == [
        "Date",
        "Expected event",
        "Countries",
        "State",
        "First reported",
    ]
    visit = row(html, "visit-expected")
    assert f'<span class="meta promise">Criterion: {CRITERION}</span>' in visit
    assert '<span class="meta promise">Deadline: <span class="when">2026-01-31</span></span>' in visit
    steps = visit[visit.index('<ol class="steps">') : visit.index("</ol>")].split("<li>")[1:]
    # Each step dated, with the event behind it and the sources it rests on (undated sources: by id).
    assert steps == [
        '<span class="when">2026-01-02</span> pending, first reported (<a class="id" href="#source-plan">'
        "plan</a>)</li>",
        '<span class="when">2026-01-20</span> stalled by <a class="id" href="#event-visit-delayed">'
        'visit-delayed</a> (<a class="id" href="#source-delay">delay</a>)</li>',
        '<span class="when">2026-02-09</span> partly fulfilled by <a class="id" href="#event-visit-held">'
        'visit-held</a> (<a class="id" href="#source-visit">visit</a>)'
        f'<br><span class="meta">part met: {PART}</span></li>',
    ]
    assert '<span class="state-partly-fulfilled">partly fulfilled since 2026-02-09</span>' in visit
    # No event has judged the ceremony: its state says it all, and it has no history list.
    ceremony = row(html, "ceremony-expected")
    assert "overdue 15 days" in ceremony and "<ol" not in ceremony and "Deadline:" in ceremony


def test_a_derived_overdue_is_dated_by_its_first_day_with_what_passed():
    html = section(page(judged(), "2026-02-15"), "expectations")
    steps = row(html, "summit-expected")
    assert "<ol" not in steps  # only the rule has spoken: no history
    talks = row(html, "talks-expected")  # made ambiguous on the 22nd, after its date passed
    assert '<span class="when">2026-01-06</span> overdue: expected date 2026-01-05 passed</li>' in talks
    assert 'ambiguous by <a class="id" href="#event-talks-unclear">talks-unclear</a>' in talks
    before = row(section(page(promised(), "2026-01-19"), "expectations"), "visit-expected")
    assert "<ol" not in before  # before the report of the 20th, no verdict yet


def test_the_corrections_made_by_the_pages_day_have_their_own_section():
    html = page(corrected(), "2026-03-15")
    assert '<li><a href="#corrections">Corrections</a></li>' in html
    shown = section(html, "corrections")
    made, later = shown.split("<table")[1:]
    assert '<caption>Made by <span class="when">2026-03-15</span>: what the log asserted before' in made
    rows = made.split("<tr>")[2:]  # after the header's row
    assert len(rows) == 2
    assert rows[0].startswith('<td data-label="Made" class="when">2026-02-01</td>')
    assert "event amended: date was 2026-01-14, now 2026-01-15" in rows[0]
    assert '<td data-label="Reason">The plan said the 14th &lt;first&gt;.</td>' in rows[0]
    assert '<a class="id" href="#event-visit-expected">visit-expected</a>' in rows[0]
    assert "event retired: event id ceremony-old retired for ceremony-expected" in rows[1]
    assert '<td data-label="Id now"><a class="id" href="#event-ceremony-expected">' in rows[1]
    # The one made on 1 April is after the page's day: apart, since the page shows the log as corrected.
    assert '<caption>Made after <span class="when">2026-03-15</span>, so outside this page' in later
    (late,) = later.split("<tr>")[2:]
    assert '"when">2026-04-01</td><th scope="row">event uncited: no longer cites plan</th>' in late
    early = section(page(corrected(), "2026-01-31"), "corrections")
    assert 'The log records no correction made by <span class="when">2026-01-31</span>.' in early
    assert early.count("<table") == 1 and "Made after" in early
    assert "<table" not in section(page(promised(), "2026-03-15"), "corrections")
