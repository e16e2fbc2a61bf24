"""`export html`'s page: a `ReportResult` as one self-contained HTML document, in UTF-8 bytes.

The page works offline and from a mail attachment: CSS and SVG are inline,
and a Content-Security-Policy forbids every script, style sheet, font and
image from anywhere else. It needs no JavaScript: the status on each earlier
date is a <details> element. Every piece of log text goes through `_t`
(`text.markup`: control characters made visible, then HTML-escaped); links
are made only for http(s) URLs. Pure: the result in, bytes out, built with
plain string joins, so no template engine is needed.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Iterator, Mapping

from tracker import __version__
from tracker.model import MEMBER_STATUSES, EventStatus, MemberStatus, Role, Source, Verdict
from tracker.queries.membership import Change
from tracker.queries.report import Entry, ReportResult
from tracker.render import htmlrecord, standing, svg, text
from tracker.render.htmlparts import anchor, safe_url
from tracker.render.htmlparts import country as _country
from tracker.render.htmlparts import event_link as _event_link
from tracker.render.htmlparts import links as _links
from tracker.render.htmlparts import source_link as _source_link
from tracker.render.htmlparts import state as _state
from tracker.render.htmlparts import status as _status
from tracker.render.htmlparts import when as _when
from tracker.render.style import STYLE
from tracker.render.text import markup as _t

CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'"


def chunks(result: ReportResult) -> Iterator[bytes]:
    """The page in UTF-8, a section at a time."""
    for part in page(result):
        yield part.encode("utf-8")


def page(result: ReportResult) -> Iterator[str]:
    """The whole page, in pieces that join to the document."""
    as_of, roster = result.as_of, result.roster
    members, open_, overdue = roster.members, result.open, result.overdue
    sources = {c.source.id: c.source for c in result.sources}  # once for the page, not per cell
    reviewed = (
        f"reviewed through {result.reviewed.iso()}" if result.reviewed is not None else "with no review date"
    )
    names = ", ".join(r.country for r in roster.rows if r.role is Role.MEMBER)
    description = (
        f"{members} member{'s' if members != 1 else ''} of the Abraham Accords as of {as_of} ({names}); "
        f"{len(result.candidates)} candidates and {open_} open expectations, every fact with "
        f"its sources and verbatim quotes. News {reviewed}."
    )
    yield "".join(
        [
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
            f"<strong>{len(result.candidates)} candidates</strong>; "
            f"<strong>{open_} open expectation{'s' if open_ != 1 else ''}</strong>, "
            f"{overdue} overdue. From a curated event log of {len(result.events)} events and "
            f"{len(result.sources)} sources, {reviewed}; every quote below was checked against its "
            "article.</p>\n",
            '<nav aria-label="Sections"><ul>',
            *(f'<li><a href="#{key}">{label}</a></li>' for key, label in _SECTIONS),
            "</ul></nav>\n</header>\n<main>\n",
        ]
    )
    yield _signatories(result, sources)
    yield _history(result.changes, result.names)
    yield (
        '<section id="timeline" aria-labelledby="h-timeline">\n<h2 id="h-timeline">Timeline</h2>\n'
        + svg.figure(result.timeline, "svg-all", f"From the first announcement to {as_of}")
        + svg.figure(result.recent, "svg-recent", f"The year to {as_of}, drawn larger")
        + "</section>\n"
    )
    yield _candidates(result, sources)
    yield htmlrecord.expectations(result, sources)
    yield from _events(result, sources)
    yield from _sources(result)
    yield htmlrecord.corrections(result, {e.event.id for e in result.events}, sources)
    yield (
        '</main>\n<footer><p class="muted">Made by <code>tracker export html</code> '
        f"{_t(__version__)}. Statuses are replayed from the events; a date known only to the month "
        "or year counts from the end of that period.</p></footer>\n</body>\n</html>\n"
    )


_SECTIONS = (
    ("signatories", "Signatories"),
    ("history", "Earlier dates"),
    ("timeline", "Timeline"),
    ("candidates", "Candidates"),
    ("expectations", "Expectations"),
    ("events", "Events"),
    ("sources", "Sources"),
    ("corrections", "Corrections"),
)


def _signatories(result: ReportResult, sources: Mapping[str, Source]) -> str:
    roster = result.roster
    others = [r for r in roster.rows if r.role is not Role.MEMBER]
    note = " ".join(f"{r.country} ({r.role.value}) takes part but is not a member." for r in others)
    rows = []
    for row in roster.rows:
        rows.append(
            "<tr>"
            f'<td data-label="#">{row.ordinal or ""}</td>'
            f'<th scope="row">{_t(row.country)} <span class="muted">({_t(row.code)})</span></th>'
            f'<td data-label="Role">{_t(row.role.value)}</td>'
            f'<td data-label="Status">{_status(row.status)}{standing.ratification(row)}</td>'
            f'<td data-label="Announced" class="when">{_t(row.announced or "—")}</td>'
            f'<td data-label="Signed" class="when">{_t(row.signed or "not yet")}</td>'
            f'<td data-label="Events">{", ".join(_event_link(e) for e in row.events) or "—"}</td>'
            f'<td data-label="Sources">{_links(row.sources, sources)}'
            f"{standing.origins(row.sources, row.origins)}</td>"
            f'<td data-label="Confidence">{standing.confidence(row.confidence)}</td></tr>'
        )
    caption = f"{text.count(roster.members, 'member')} in order of announcement. {note}"
    return (
        '<section id="signatories" aria-labelledby="h-signatories">\n'
        f'<h2 id="h-signatories">Signatories as of <span class="when">{result.as_of}</span></h2>\n'
        '<div class="wide" tabindex="0" role="region" aria-labelledby="h-signatories">'
        f'<table id="signatories-table" class="cards"><caption>{_t(caption)}</caption><thead><tr>'
        '<th scope="col">#</th><th scope="col">Country</th><th scope="col">Role</th>'
        '<th scope="col">Status</th><th scope="col">Announced</th><th scope="col">Signed</th>'
        '<th scope="col">Events</th><th scope="col">Sources</th><th scope="col">Confidence</th>'
        f"</tr></thead><tbody>{''.join(rows)}</tbody></table></div>\n"
        "</section>\n"
    )


def _history(changes: Iterable[Change], names: Mapping[str, str]) -> str:
    items = []
    previous: dict[str, MemberStatus] = {}
    for change in changes:
        moved = [
            f"{_country(code, names)}: {_t(previous[code].value) + ' → ' if code in previous else ''}"
            f"{_status(status)}"
            for code, status in change.statuses.items()
            if previous.get(code) is not status
        ]
        count = sum(1 for s in change.statuses.values() if s in MEMBER_STATUSES)
        rows = "".join(
            f'<tr><th scope="row">{_country(code, names)}</th><td>{_status(status)}</td></tr>'
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


def _candidates(result: ReportResult, sources: Mapping[str, Source]) -> str:
    rows = []
    for row in result.candidates:
        expected = "; ".join(f"{_event_link(e.id, e.title)} ({_state(s)})" for e, s in row.expected) or "—"
        conditions = "".join(f"<li>{_t(c)}</li>" for c in row.conditions)
        rows.append(
            f'<tr><th scope="row">{_t(row.country)} <span class="muted">({_t(row.code)})</span>'
            f"{standing.grade(row.confidence)}</th>"
            f'<td data-label="First named" class="when">{_t(row.first_mentioned)}</td>'
            f'<td data-label="Last named" class="when">{_t(row.last_mentioned)}</td>'
            f'<td data-label="Named by">{_links(row.sources, sources)}'
            f"{standing.origins(row.sources, row.origins)}{standing.reason(row.confidence)}</td>"
            f'<td data-label="Implied by">{_links(row.implied, sources)}</td>'
            f'<td data-label="Conditions">{f"<ul>{conditions}</ul>" if conditions else "—"}</td>'
            f'<td data-label="Latest evidence">{_event_link(row.latest.id, row.latest.title)}</td>'
            f'<td data-label="Expected">{expected}</td></tr>'
        )
    return (
        '<section id="candidates" aria-labelledby="h-candidates">\n'
        f'<h2 id="h-candidates">Candidates as of <span class="when">{result.as_of}</span></h2>\n'
        '<div class="wide" tabindex="0" role="region" aria-labelledby="h-candidates">'
        '<table class="cards"><caption>Countries named or implied as possible members and not announced. '
        "Named by: sources that name the country; implied by: sources that only imply it "
        "(“other Central Asian countries”).</caption><thead><tr>"
        '<th scope="col">Country</th><th scope="col">First named</th><th scope="col">Last named</th>'
        '<th scope="col">Named by</th><th scope="col">Implied by</th><th scope="col">Conditions</th>'
        '<th scope="col">Latest evidence</th><th scope="col">Expected</th>'
        f"</tr></thead><tbody>{''.join(rows)}</tbody></table></div>\n</section>\n"
    )


def _events(result: ReportResult, sources: Mapping[str, Source]) -> Iterator[str]:
    yield (
        '<section id="events" aria-labelledby="h-events">\n'
        f'<h2 id="h-events">Events ({len(result.events)})</h2>\n'
    )
    for entry in result.events:
        yield _event(entry, sources, result.names)
    yield "</section>\n"


_VERDICT_WORDS = {
    Verdict.FULFILS: "Fulfils",
    Verdict.CALLS_OFF: "Calls off",
    Verdict.STALLS: "Reports a delay of",
    Verdict.PARTLY_FULFILS: "Partly fulfils",
    Verdict.MAKES_AMBIGUOUS: "Leaves ambiguous",
}


def _event(entry: Entry, sources: Mapping[str, Source], names: Mapping[str, str]) -> str:
    event, state, since = entry.event, entry.state, entry.first_reported
    if event.status is EventStatus.EXPECTED:
        status = f"expected — {_state(state)}" if state is not None else "expected (not yet reported)"
    else:
        status = _t(event.status.value)
    citations = []
    for citation in event.citations:
        bits = [_cited(sources.get(citation.source), citation.source)]
        if citation.date is not None:
            bits.append(f'<span class="meta">about {_t(citation.date)}</span>')
        if citation.names is not None and set(citation.names) != set(event.subjects):
            named = ", ".join(_country(c, names) for c in citation.names) or "none of the countries"
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
    if event.verdict is not None:
        verdict, target = event.verdict
        part = f" The part met: {_t(event.part)}" if event.part else ""
        resolves = f'<p class="meta">{_VERDICT_WORDS[verdict]} {_event_link(target)}.{part}</p>'
    return (
        f'<article id="{anchor("event-", event.id)}" class="event">\n'
        f"<h3>{_t(event.title)}</h3>\n"
        f'<p class="meta">{_t(_when(event))} · {_t(event.kind.value)} · {status} · '
        f"{', '.join(_country(c, names) for c in event.countries) or 'no countries'}"
        f"{f' · first reported {since}' if since else ''}"
        f' · id <code class="id">{_t(event.id)}</code></p>\n'
        + (f"<p>{_t(event.note)}</p>\n" if event.note else "")
        + (f'<p class="meta">{_t(event.date_note)}</p>\n' if event.date_note else "")
        + resolves
        + f'<ol class="citations">{"".join(citations)}</ol>\n</article>\n'
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


def _sources(result: ReportResult) -> Iterator[str]:
    yield (
        '<section id="sources" aria-labelledby="h-sources">\n'
        f'<h2 id="h-sources">Sources ({len(result.sources)})</h2>\n<ol>'
    )
    for entry in result.sources:
        source = entry.source
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
        cited = ", ".join(_event_link(e) for e in entry.cited_by) or "no event"
        yield (
            f'<li id="{anchor("source-", source.id)}">'
            + (f'<span class="source-title">{_t(source.shown_title)}</span> · ' if source.shown_title else "")
            + f'{_t(source.outlet) + " · " if source.outlet else ""}<code class="id">{_t(source.id)}</code>'
            + f"{published}<br>"
            f"{' · '.join(where)}"
            + (f'<br><span class="meta">{_t(source.published_clue)}</span>' if source.published_clue else "")
            + (f'<br><span class="meta">{_t(source.note)}</span>' if source.note else "")
            + f'<br><span class="meta">Cited by {cited}</span></li>'
        )
    yield "</ol>\n</section>\n"
