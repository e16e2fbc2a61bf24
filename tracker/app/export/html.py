"""One self-contained HTML page: who is in, who is waiting, what is due, and every source behind it.

The page works offline and from a mail attachment: CSS and SVG are inline,
and a Content-Security-Policy forbids every script, style sheet, font and
image from anywhere else. It needs no JavaScript: the status on each earlier
date is a <details> element. Every piece of log text goes through `_t`
(control characters made visible, then HTML-escaped); links are made only for
http(s) URLs. Built with plain string joins, so no template engine is needed.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from datetime import date
from urllib.parse import urlsplit

from tracker import __version__
from tracker.app.export import Destination, write_bytes
from tracker.model import (
    MEMBER_STATUSES,
    Event,
    EventLog,
    EventStatus,
    MemberStatus,
    PartialDate,
    Role,
    Source,
    shifted,
)
from tracker.queries.base import country_name, sort_key
from tracker.queries.chart import ChartResult, chart
from tracker.queries.expectations import OPEN, Expectation, State, states
from tracker.queries.knowledge import known_since
from tracker.queries.membership import Change, candidates, history, signatories
from tracker.render.text import inert

CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'"

# Fill, and bar height in the SVG: the height tells the statuses apart without colour.
STATUS_LOOK: dict[MemberStatus, tuple[str, int]] = {
    MemberStatus.SIGNED: ("#1d6b3a", 16),
    MemberStatus.ANNOUNCED: ("#a8650a", 11),
    MemberStatus.CANDIDATE: ("#4a6f9c", 4),
    MemberStatus.SUSPENDED: ("#b3261e", 8),
    MemberStatus.WITHDRAWN: ("#5f5f5f", 2),
}

STYLE = """
:root { color-scheme: light; --ink: #1a1a1a; --muted: #4d4d4d; --rule: #c9c9c9; --link: #0b57a4;
  --signed: #1d6b3a; --announced: #8a5208; --candidate: #3d5f86; --bad: #a5211a; --paper: #ffffff; }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 72rem; padding: 1rem 1.5rem 3rem;
  background: var(--paper); color: var(--ink);
  font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
h1 { font-size: 1.8rem; margin: .5rem 0; } h2 { margin-top: 2.5rem; border-bottom: 2px solid var(--ink); }
h3 { margin: 1.5rem 0 .25rem; font-size: 1.1rem; }
a { color: var(--link); } a:focus { outline: 2px solid var(--link); }
nav ul { display: flex; flex-wrap: wrap; gap: .25rem 1.25rem; padding: 0; list-style: none; }
table { border-collapse: collapse; width: 100%; margin: .5rem 0 1rem; }
caption { text-align: left; font-weight: 600; padding: .25rem 0; }
th, td { text-align: left; vertical-align: top; padding: .3rem .5rem; border-bottom: 1px solid var(--rule); }
thead th { border-bottom: 2px solid var(--ink); }
.status { font-weight: 600; white-space: nowrap; }
.status-signed { color: var(--signed); } .status-announced { color: var(--announced); }
.status-candidate { color: var(--candidate); } .status-suspended, .status-withdrawn { color: var(--bad); }
.state-overdue { color: var(--bad); font-weight: 700; } .state-pending { color: #5b2a86; font-weight: 600; }
.muted, .meta { color: var(--muted); } .meta { margin: 0; font-size: .95rem; }
details { border: 1px solid var(--rule); border-radius: 4px; padding: .25rem .75rem; margin: .4rem 0; }
summary { cursor: pointer; font-weight: 600; }
blockquote { margin: .25rem 0 .25rem 0; padding: .25rem .75rem; border-left: 4px solid var(--rule);
  background: #f6f6f6; }
.verified { font-size: .85rem; color: var(--signed); }
figure { margin: 0; } svg { max-width: 100%; height: auto; }
.legend { display: flex; flex-wrap: wrap; gap: .25rem 1.25rem; padding: 0; list-style: none; }
.legend svg { vertical-align: middle; }
article { border-top: 1px solid var(--rule); } ol.citations { padding-left: 1.25rem; }
:target { background: #fff6cc; }
.when, .status, time { white-space: nowrap; }
code.id, a.id { white-space: nowrap; } code.id { font-size: .9em; }
.source-title { font-style: italic; }
.chart { overflow-x: auto; } .chart svg { min-width: 36rem; }
@media (max-width: 40rem) {
  body { padding: .5rem .75rem 2rem; font-size: 15px; overflow-wrap: anywhere; } h1 { font-size: 1.4rem; }
  table.cards, table.cards tbody, table.cards tr, table.cards td, table.cards th { display: block; }
  table.cards thead { display: none; } table.cards caption { display: block; }
  table.cards tr { border: 1px solid var(--rule); border-radius: 4px; margin: .5rem 0;
    padding: .25rem .5rem; }
  table.cards td, table.cards th { border: none; padding: .1rem 0; }
  table.cards td[data-label]::before { content: attr(data-label) ": "; font-weight: 600;
    color: var(--muted); }
  code.id, a, a.id { overflow-wrap: anywhere; white-space: normal; }
  blockquote { margin-left: 0; }
}
@media print {
  body { max-width: none; padding: 0; font-size: 11pt; } nav, .noprint { display: none; }
  a { color: inherit; } a[href^="http"]::after { content: " <" attr(href) ">"; font-size: .8em; }
  details { border: none; padding: 0; }
  details::details-content { content-visibility: visible; display: block; }
  h2 { break-after: avoid; } tr, article, figure { break-inside: avoid; }
}
"""


def _t(value: object) -> str:
    """Log text as HTML: control and invisible characters shown as escapes, then escaped."""
    return html.escape(inert(str(value)), quote=True)


_UNSAFE = re.compile(r"[^A-Za-z0-9._-]")


def anchor(prefix: str, ident: str) -> str:
    """An id made of safe characters only, the same in the id and in the link to it."""
    return prefix + _UNSAFE.sub(lambda m: "".join(f"%{b:02X}" for b in m.group().encode()), ident)


def safe_url(url: str | None) -> str | None:
    """An http(s) URL fit for href, or None: other schemes (javascript:, file:) are never links."""
    if not url or any(c.isspace() or ord(c) < 32 or ord(c) == 127 for c in url):
        return None
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    return url if parts.scheme.lower() in ("http", "https") and parts.netloc else None


def _country(code: str, log: EventLog) -> str:
    return _t(country_name(code, log))


def _status(status: MemberStatus | str) -> str:
    value = status.value if isinstance(status, MemberStatus) else status
    return f'<span class="status status-{_t(value)}">{_t(value)}</span>'


def _state(state: State) -> str:
    return f'<span class="state-{_t(state.expectation.value)}">{_t(state.describe())}</span>'


def _event_link(event_id: str, text: str | None = None) -> str:
    shown = 'class="id" ' if text is None else ""  # an id stays whole: it breaks at no hyphen
    return f'<a {shown}href="#{anchor("event-", event_id)}">{_t(text if text is not None else event_id)}</a>'


def _source_link(source_id: str) -> str:
    return f'<a class="id" href="#{anchor("source-", source_id)}">{_t(source_id)}</a>'


def _links(ids: Iterable[str], sources: dict[str, Source]) -> str:
    """Sources in a table cell, by outlet (which wraps between words, where an id would break at its
    hyphens or widen the table); each links to the source's entry, whose id is its title."""
    out = []
    for source_id in ids:
        source = sources.get(source_id)
        if source is None or not source.outlet:
            out.append(_source_link(source_id))
            continue
        out.append(
            f'<a href="#{anchor("source-", source_id)}" title="{_t(source_id)}">{_t(source.outlet)}</a>'
        )
    return ", ".join(out) or "—"


def _when(event: Event) -> str:
    if event.date is None:
        return "undated"
    shown = str(event.date)
    if event.date_basis.value == "reported":
        shown = f"as of {shown} (date reported)"
    return shown


def page(log: EventLog, as_of: date) -> str:
    """The whole page for a checked log, as of `as_of` (the CLI's default: the log's review date)."""
    sources = log.source_map()
    expectations = states(log, as_of)
    changes, _ = history(log, as_of)
    # The axis runs to the last open expectation's date when that is later, so it shows where it falls.
    ends = [
        e.date.end
        for e in log.events
        if e.date is not None and e.id in expectations and expectations[e.id].expectation in OPEN
    ]
    horizon = _day(max([as_of, *ends]))
    drawn = chart(log, as_of, until=horizon)
    recent = chart(log, as_of, since=_day(shifted(as_of, -365) or date.min), until=horizon)
    roster = signatories(log, as_of)
    members = roster.members
    open_ = [s for s in expectations.values() if s.expectation in (Expectation.PENDING, Expectation.OVERDUE)]
    overdue = sum(1 for s in open_ if s.expectation is Expectation.OVERDUE)
    reviewed = f"reviewed through {log.reviewed.iso()}" if log.reviewed is not None else "with no review date"
    names = ", ".join(r.country for r in roster.rows if r.role is Role.MEMBER)
    description = (
        f"{members} member{'s' if members != 1 else ''} of the Abraham Accords as of {as_of} ({names}); "
        f"{len(candidates(log, as_of))} candidates and {len(open_)} open expectations, every fact with "
        f"its sources and verbatim quotes. News {reviewed}."
    )
    parts = [
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n',
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">\n',
        '<meta name="referrer" content="no-referrer">\n',
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n',
        f"<title>Abraham Accords tracker: members, candidates and sources as of {as_of}</title>\n",
        f'<meta name="description" content="{_t(description)}">\n',
        f'<meta property="og:title" content="The Abraham Accords as of {as_of}">\n',
        f'<meta property="og:description" content="{_t(description)}">\n',
        '<meta property="og:type" content="article">\n',
        f"<style>{STYLE}</style>\n</head>\n<body>\n<header>\n",
        f'<h1>The Abraham Accords as of <span class="when">{as_of}</span></h1>\n',
        f'<p id="summary"><strong>{members} member{"s" if members != 1 else ""}</strong> '
        f"({roster.signed} signed, {roster.awaiting_signature} announced and awaiting signature); "
        f"<strong>{len(candidates(log, as_of))} candidates</strong>; "
        f"<strong>{len(open_)} open expectation{'s' if len(open_) != 1 else ''}</strong>, "
        f"{overdue} overdue. From a curated event log of {len(log.events)} events and "
        f"{len(log.sources)} sources, {reviewed}; every quote below was checked against its article.</p>\n",
        '<nav aria-label="Sections"><ul>',
        *(
            f'<li><a href="#{key}">{label}</a></li>'
            for key, label in (
                ("signatories", "Signatories"),
                ("history", "Earlier dates"),
                ("timeline", "Timeline"),
                ("candidates", "Candidates"),
                ("expectations", "Expectations"),
                ("events", "Events"),
                ("sources", "Sources"),
            )
        ),
        "</ul></nav>\n</header>\n<main>\n",
        _signatories(log, as_of),
        _history(changes, log),
        '<section id="timeline" aria-labelledby="h-timeline">\n<h2 id="h-timeline">Timeline</h2>\n',
        _timeline(drawn, "svg-all", f"From the first announcement to {as_of}"),
        _timeline(recent, "svg-recent", f"The year to {as_of}, drawn larger"),
        "</section>\n",
        _candidates(log, as_of),
        _expectations(log, expectations, as_of),
        _events(log, expectations, sources),
        _sources(log),
        '</main>\n<footer><p class="muted">Made by <code>tracker export html</code> '
        f"{_t(__version__)}. Statuses are replayed from the events; a date known only to the month "
        "or year counts from the end of that period.</p></footer>\n</body>\n</html>\n",
    ]
    return "".join(parts)


def _roster_table(log: EventLog, as_of: date, caption: str, table_id: str | None = None) -> str:
    sources = log.source_map()  # once for the table, not per cell
    roster = signatories(log, as_of)
    rows = []
    for row in roster.rows:
        rows.append(
            "<tr>"
            f'<td data-label="#">{row.ordinal or ""}</td>'
            f'<th scope="row">{_t(row.country)} <span class="muted">({_t(row.code)})</span></th>'
            f'<td data-label="Role">{_t(row.role.value)}</td>'
            f'<td data-label="Status">{_status(row.status)}</td>'
            f'<td data-label="Announced" class="when">{_t(row.announced or "—")}</td>'
            f'<td data-label="Signed" class="when">{_t(row.signed or "not yet")}</td>'
            f'<td data-label="Events">{", ".join(_event_link(e) for e in row.events) or "—"}</td>'
            f'<td data-label="Sources">{_links(row.sources, sources)}</td></tr>'
        )
    ident = f' id="{table_id}"' if table_id else ""
    return (
        f'<table{ident} class="cards"><caption>{_t(caption)}</caption><thead><tr>'
        '<th scope="col">#</th><th scope="col">Country</th><th scope="col">Role</th>'
        '<th scope="col">Status</th><th scope="col">Announced</th><th scope="col">Signed</th>'
        '<th scope="col">Events</th><th scope="col">Sources</th>'
        f"</tr></thead><tbody>{''.join(rows)}</tbody></table>\n"
    )


def _signatories(log: EventLog, as_of: date) -> str:
    roster = signatories(log, as_of)
    others = [r for r in roster.rows if r.role is not Role.MEMBER]
    note = " ".join(f"{r.country} ({r.role.value}) takes part but is not a member." for r in others)
    return (
        '<section id="signatories" aria-labelledby="h-signatories">\n'
        f'<h2 id="h-signatories">Signatories as of <span class="when">{as_of}</span></h2>\n'
        + _roster_table(
            log, as_of, f"{roster.members} members in order of announcement. {note}", "signatories-table"
        )
        + "</section>\n"
    )


def _history(changes: list[Change], log: EventLog) -> str:
    items = []
    previous: dict[str, MemberStatus] = {}
    for change in changes:
        moved = [
            f"{_country(code, log)}: {_t(previous[code].value) + ' → ' if code in previous else ''}"
            f"{_status(status)}"
            for code, status in change.statuses.items()
            if previous.get(code) is not status
        ]
        count = sum(1 for s in change.statuses.values() if s in MEMBER_STATUSES)
        rows = "".join(
            f'<tr><th scope="row">{_country(code, log)}</th><td>{_status(status)}</td></tr>'
            for code, status in change.statuses.items()
        )
        events = ", ".join(_event_link(e.id, e.title) for e in change.events)
        items.append(
            f'<details id="on-{change.day.isoformat()}">'
            f'<summary><span class="when">{_t(_known(change))}</span>: '
            f"{'; '.join(moved)} — {count} member{'s' if count != 1 else ''}</summary>\n"
            f'<p class="meta">Because of: {events}</p>\n'
            f"<table><caption>Every status on {change.day.isoformat()}</caption><thead><tr>"
            '<th scope="col">Country</th><th scope="col">Status</th></tr></thead>'
            f"<tbody>{rows}</tbody></table></details>\n"
        )
        previous = change.statuses
    return (
        '<section id="history" aria-labelledby="h-history">\n'
        '<h2 id="h-history">Status on each date of change</h2>\n'
        '<p class="noprint muted">Newest first; open a date to see every status on that day.</p>\n'
        + "".join(reversed(items))
        + "</section>\n"
    )


def _known(change: Change) -> str:
    """The day of a change as its events give it: '2025-10', not the 31st the replay counts from."""
    dates = {e.date for e in change.events if e.date is not None}
    if len(dates) == 1:
        (only,) = dates
        if only.precision.value != "day":
            return f"{only} (counted from {change.day.isoformat()})"
    return change.day.isoformat()


def _day(day: date) -> PartialDate:
    return PartialDate(day.year, day.month, day.day)


_YEAR_STEPS = (1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000)
_MOST_TICKS = 40


def _timeline(drawn: ChartResult, ident: str, heading: str) -> str:
    left, plot, lane_h, top = 190, 760, 24, 34
    days = (drawn.end - drawn.start).days + 1

    def x(day: date) -> float:
        return left + plot * max(0, (day - drawn.start).days) / days

    height = top + lane_h * len(drawn.lanes) + 90
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {left + plot + 20} {height}" '
        f'width="{left + plot + 20}" height="{height}" role="img" '
        f'aria-labelledby="{ident}-title {ident}-desc" '
        'font-family="system-ui, sans-serif" font-size="13">',
        f'<title id="{ident}-title">Membership from {drawn.start} to {drawn.end}</title>',
        f'<desc id="{ident}-desc">One lane per country: a tall dark green bar while signed, '
        "a medium amber bar "
        "while announced, a thin blue line while a candidate; diamonds mark expected events "
        "(hollow: pending, filled: overdue). The step line below counts members.</desc>",
        f'<rect x="0" y="0" width="{left + plot + 20}" height="{height}" fill="#ffffff"/>',
    ]
    if days > 3 * 366:
        # A label every 1, 2, 5, 10, 20, 50... years: at most 40 on the plot, however long the span.
        years = drawn.end.year - drawn.start.year
        step = next(s for s in _YEAR_STEPS if years // s <= _MOST_TICKS)
        first = (drawn.start.year // step + 1) * step
        ticks = [(date(y, 1, 1), str(y)) for y in range(first, drawn.end.year + 1, step)]
    else:
        every = 1 if days <= 550 else 3
        months = [(y, m) for y in range(drawn.start.year, drawn.end.year + 1) for m in range(1, 13)]
        ticks = [(date(y, m, 1), f"{y}-{m:02d}") for y, m in months if (m - 1) % every == 0]
    for day, text in ticks:
        if not drawn.start < day <= drawn.end:
            continue
        at = x(day)
        out.append(
            f'<line x1="{at:.1f}" y1="{top - 8}" x2="{at:.1f}" y2="{height - 20}" stroke="#d0d0d0"/>'
            f'<text x="{at:.1f}" y="{top - 14}" text-anchor="middle" fill="#333">{text}</text>'
        )
    if drawn.as_of < drawn.end:
        at = x(drawn.as_of) + plot / days
        out.append(
            f'<line x1="{at:.1f}" y1="{top - 8}" x2="{at:.1f}" y2="{height - 20}" stroke="#1a1a1a" '
            f'stroke-dasharray="4 3"/><text x="{at - 4:.1f}" y="{height - 6}" text-anchor="end" '
            'fill="#1a1a1a" '
            f'font-size="12">as of {drawn.as_of}</text>'
        )
    for index, lane in enumerate(drawn.lanes):
        mid = top + lane_h * index + lane_h / 2
        out.append(
            f'<text x="{left - 8}" y="{mid + 4:.1f}" text-anchor="end" fill="#1a1a1a">'
            f"{_t(lane.country)}</text>"
        )
        for span in lane.spans:
            fill, bar = STATUS_LOOK[span.status]
            x0, x1 = x(span.start), x(span.end) + plot / days
            out.append(
                f'<rect x="{x0:.1f}" y="{mid - bar / 2:.1f}" width="{max(x1 - x0, 1.5):.1f}" height="{bar}" '
                f'fill="{fill}"><title>{_t(lane.country)}: {span.status.value} from {span.start} '
                f"to {span.end}</title></rect>"
            )
        for marker in lane.expected:
            overdue = marker.state.expectation is Expectation.OVERDUE
            at = x(marker.day) if marker.date is not None else left + plot + 10  # undated: past the end
            fill = "#b3261e" if overdue else "#ffffff"
            stroke = "#b3261e" if overdue else "#5b2a86"
            out.append(
                f'<path d="M{at:.1f} {mid - 8:.1f} l7 8 l-7 8 l-7 -8 z" fill="{fill}" stroke="{stroke}" '
                f'stroke-width="2"><title>{_t(marker.title)}: {_t(marker.state.describe())}</title></path>'
            )
    base = top + lane_h * len(drawn.lanes) + 60
    most = max((n for _, n in drawn.members), default=0) or 1
    points: list[tuple[float, float]] = []
    label = []
    for day, count in drawn.members:
        y = base - 40 * count / most
        if points:
            points.append((x(day), points[-1][1]))
        points.append((x(day), y))
        label.append(
            f'<text x="{x(day) + 3:.1f}" y="{y - 4:.1f}" fill="#1a1a1a" font-size="12">{count}</text>'
        )
    if points:
        points.append((left + plot, points[-1][1]))
    path = "M" + " L".join(f"{a:.1f} {b:.1f}" for a, b in points) if points else ""
    out.append(
        f'<text x="{left - 8}" y="{base - 8}" text-anchor="end" fill="#1a1a1a">Members</text>'
        f'<path d="{path}" fill="none" stroke="#1a1a1a" stroke-width="2"/>'
        + "".join(label)
        + f'<line x1="{left}" y1="{base}" x2="{left + plot}" y2="{base}" stroke="#999"/>'
    )
    out.append("</svg>")
    legend = "".join(
        f'<li><svg width="28" height="16" aria-hidden="true"><rect x="2" y="{8 - bar / 2}" width="24" '
        f'height="{bar}" fill="{fill}"/></svg> {status.value}</li>'
        for status, (fill, bar) in STATUS_LOOK.items()
    )
    diamond = '<li><svg width="20" height="18" aria-hidden="true"><path d="M10 1 l7 8 l-7 8 l-7 -8 z" '
    legend += (
        f'{diamond}fill="#ffffff" stroke="#5b2a86" stroke-width="2"/></svg> expected, pending</li>'
        f'{diamond}fill="#b3261e" stroke="#b3261e" stroke-width="2"/></svg> expected, overdue</li>'
    )
    return (
        f'<h3>{_t(heading)}</h3>\n<figure><div class="chart">'
        + "".join(out)
        + f'</div><figcaption><ul class="legend">{legend}</ul></figcaption></figure>\n'
    )


def _candidates(log: EventLog, as_of: date) -> str:
    sources = log.source_map()  # once for the table, not per cell
    rows = []
    for row in candidates(log, as_of):
        expected = "; ".join(f"{_event_link(e.id, e.title)} ({_state(s)})" for e, s in row.expected) or "—"
        conditions = "".join(f"<li>{_t(c)}</li>" for c in row.conditions)
        rows.append(
            f'<tr><th scope="row">{_t(row.country)} <span class="muted">({_t(row.code)})</span></th>'
            f'<td data-label="First named" class="when">{_t(row.first_mentioned)}</td>'
            f'<td data-label="Last named" class="when">{_t(row.last_mentioned)}</td>'
            f'<td data-label="Named by">{_links(row.sources, sources)}</td>'
            f'<td data-label="Implied by">{_links(row.implied, sources)}</td>'
            f'<td data-label="Conditions">{f"<ul>{conditions}</ul>" if conditions else "—"}</td>'
            f'<td data-label="Latest evidence">{_event_link(row.latest.id, row.latest.title)}</td>'
            f'<td data-label="Expected">{expected}</td></tr>'
        )
    return (
        '<section id="candidates" aria-labelledby="h-candidates">\n'
        f'<h2 id="h-candidates">Candidates as of <span class="when">{as_of}</span></h2>\n'
        '<table class="cards"><caption>Countries named or implied as possible members and not announced. '
        "Named by: sources that name the country; implied by: sources that only imply it "
        "(“other Central Asian countries”).</caption><thead><tr>"
        '<th scope="col">Country</th><th scope="col">First named</th><th scope="col">Last named</th>'
        '<th scope="col">Named by</th><th scope="col">Implied by</th><th scope="col">Conditions</th>'
        '<th scope="col">Latest evidence</th><th scope="col">Expected</th>'
        f"</tr></thead><tbody>{''.join(rows)}</tbody></table>\n</section>\n"
    )


def _expectations(log: EventLog, expectations: dict[str, State], as_of: date) -> str:
    rows = []
    for event in sorted((e for e in log.events if e.id in expectations), key=sort_key):
        state = expectations[event.id]
        resolved = _event_link(state.resolved_by) if state.resolved_by else "—"
        rows.append(
            f'<tr><td data-label="Date" class="when">{_t(_when(event))}</td>'
            f'<th scope="row">{_event_link(event.id, event.title)}</th>'
            f'<td data-label="Countries">{", ".join(_country(c, log) for c in event.countries) or "—"}</td>'
            f'<td data-label="State">{_state(state)}</td>'
            f'<td data-label="First reported" class="when">{_t(state.first_reported or "—")}</td>'
            f'<td data-label="Resolved by">{resolved}</td></tr>'
        )
    return (
        '<section id="expectations" aria-labelledby="h-expectations">\n'
        f'<h2 id="h-expectations">Expectations as of <span class="when">{as_of}</span></h2>\n'
        '<table class="cards"><caption>What sources said would happen: pending until its date is over, '
        "then overdue "
        "unless an event in the log fulfilled it or called it off.</caption><thead><tr>"
        '<th scope="col">Date</th><th scope="col">Expected event</th><th scope="col">Countries</th>'
        '<th scope="col">State</th><th scope="col">First reported</th><th scope="col">Resolved by</th>'
        f"</tr></thead><tbody>{''.join(rows)}</tbody></table>\n</section>\n"
    )


def _events(log: EventLog, expectations: dict[str, State], sources: dict[str, Source]) -> str:
    out = []
    for event in sorted(log.events, key=sort_key):
        state = expectations.get(event.id)
        status = event.status.value
        if event.status is EventStatus.EXPECTED:
            status = f"expected — {_state(state)}" if state is not None else "expected (not yet reported)"
        else:
            status = _t(status)
        citations = []
        for citation in event.citations:
            source = sources.get(citation.source)
            bits = [_cited(source, citation.source)]
            if citation.date is not None:
                bits.append(f'<span class="meta">about {_t(citation.date)}</span>')
            if citation.names is not None and set(citation.names) != set(event.subjects):
                named = ", ".join(_country(c, log) for c in citation.names) or "none of the countries"
                bits.append(f'<span class="meta">names {named}; the others are implied</span>')
            if citation.quote is not None:
                bits.append(
                    f"<blockquote>{_t(citation.quote)}</blockquote>"
                    '<span class="verified">✓ quote verified in the article by tracker check</span>'
                )
            if citation.note:
                bits.append(f'<p class="meta">{_t(citation.note)}</p>')
            citations.append(f"<li>{' '.join(bits)}</li>")
        resolves = ""
        if event.fulfils:
            resolves = f'<p class="meta">Fulfils {_event_link(event.fulfils)}.</p>'
        elif event.calls_off:
            resolves = f'<p class="meta">Calls off {_event_link(event.calls_off)}.</p>'
        since = known_since(event, sources)
        out.append(
            f'<article id="{anchor("event-", event.id)}" class="event">\n'
            f"<h3>{_t(event.title)}</h3>\n"
            f'<p class="meta">{_t(_when(event))} · {_t(event.kind.value)} · {status} · '
            f"{', '.join(_country(c, log) for c in event.countries) or 'no countries'}"
            f"{f' · first reported {since}' if since else ''}"
            f' · id <code class="id">{_t(event.id)}</code></p>\n'
            + (f"<p>{_t(event.note)}</p>\n" if event.note else "")
            + (f'<p class="meta">{_t(event.date_note)}</p>\n' if event.date_note else "")
            + resolves
            + f'<ol class="citations">{"".join(citations)}</ol>\n</article>\n'
        )
    return (
        '<section id="events" aria-labelledby="h-events">\n'
        f'<h2 id="h-events">Events ({len(log.events)})</h2>\n' + "".join(out) + "</section>\n"
    )


def _cited(source: Source | None, source_id: str) -> str:
    """A source as a reader knows it: outlet and title, linked to the page where there is one; its id
    links to its entry in the sources list."""
    if source is None:
        return _source_link(source_id)
    label = ", ".join(
        part
        for part in (
            _t(source.outlet) if source.outlet else "",
            f'<span class="source-title">{_t(source.shown_title)}</span>' if source.shown_title else "",
        )
        if part
    )
    url = safe_url(source.url)
    if url is not None and label:
        label = f'<a href="{html.escape(url, quote=True)}" rel="noreferrer">{label}</a>'
    when = f", {_t(source.published)}" if source.published is not None else ""
    return f'{label or _t(source_id)}{when} <span class="meta">({_source_link(source_id)})</span>'


def _sources(log: EventLog) -> str:
    citing: dict[str, list[str]] = {}
    for event in log.events:
        for source_id in event.source_ids:
            citing.setdefault(source_id, []).append(event.id)
    items = []
    for source in log.sources:
        url = safe_url(source.url)
        where = []
        if url is not None:
            where.append(f'<a href="{html.escape(url, quote=True)}" rel="noreferrer">{_t(url)}</a>')
        elif source.url:
            where.append(f"<span>{_t(source.url)}</span>")
        elif source.file is not None:  # a path on the curators' machine is no use to a reader
            where.append('<span class="meta">no web address: a copy is kept with the log</span>')
        published = ""
        if source.published is not None:
            basis = f", {source.published_basis.value}" if source.published_basis else ""
            published = f" · published {_t(source.published)}{_t(basis)}"
        cited = ", ".join(_event_link(e) for e in citing.get(source.id, ())) or "no event"
        items.append(
            f'<li id="{anchor("source-", source.id)}">'
            + (f'<span class="source-title">{_t(source.shown_title)}</span> · ' if source.shown_title else "")
            + f'{_t(source.outlet) + " · " if source.outlet else ""}<code class="id">{_t(source.id)}</code>'
            + f"{published}<br>"
            f"{' · '.join(where)}"
            + (f'<br><span class="meta">{_t(source.published_clue)}</span>' if source.published_clue else "")
            + (f'<br><span class="meta">{_t(source.note)}</span>' if source.note else "")
            + f'<br><span class="meta">Cited by {cited}</span></li>'
        )
    return (
        '<section id="sources" aria-labelledby="h-sources">\n'
        f'<h2 id="h-sources">Sources ({len(log.sources)})</h2>\n<ol>' + "".join(items) + "</ol>\n</section>\n"
    )


def write(log: EventLog, destination: Destination, as_of: date) -> None:
    write_bytes(destination, [page(log, as_of).encode("utf-8")])
