"""The page's record of judgements and corrections: each expectation with its dated, cited history,
and the corrections of the log made by the page's day (`export html`; the rest of the page is
`render/html.py`).

An expectation shows its criterion and deadline under its title and, once an
event of the log has given a verdict on it, each step of its history under
its state, as `tracker due` and `tracker country` show them: the day, the
state, the event or rule behind it, and the sources it rests on. (The event
that settled or judged it is the history's last step, so it has no column of
its own: a column of ids would widen the table past a desktop's page.)
"""

from __future__ import annotations

from collections.abc import Mapping

from tracker.model import Event, Source
from tracker.queries.corrections import CorrectionRow, described
from tracker.queries.expectations import Basis, State, Step
from tracker.queries.report import ReportResult
from tracker.render.htmlparts import country, event_link, links, source_link, state, when
from tracker.render.text import markup as _t

_PASSED = {Basis.DEADLINE: "deadline", Basis.EXPECTED_DATE: "expected date"}


def expectations(result: ReportResult, sources: Mapping[str, Source]) -> str:
    names, rows = result.names, []
    for event, now in result.expected:
        rows.append(
            f'<tr><td data-label="Date" class="when">{_t(when(event))}</td>'
            f'<th scope="row">{event_link(event.id, event.title)}{_promised(event)}</th>'
            f'<td data-label="Countries">{", ".join(country(c, names) for c in event.countries) or "—"}</td>'
            f'<td data-label="State">{state(now)}{_history(now, sources)}</td>'
            f'<td data-label="First reported" class="when">{_t(now.first_reported or "—")}</td></tr>'
        )
    return (
        '<section id="expectations" aria-labelledby="h-expectations">\n'
        f'<h2 id="h-expectations">Expectations as of <span class="when">{result.as_of}</span></h2>\n'
        '<table class="cards"><caption>What sources said would happen, judged like a promise: pending from '
        "its first report, overdue once its deadline (or, with none, its date) has passed, stalled or "
        "partly fulfilled when an event of the log reports a delay or a part met, and fulfilled, called "
        "off or ambiguous when one settles it. Once an event has judged it, its history is under its "
        "state, each step dated and cited.</caption><thead><tr>"
        '<th scope="col">Date</th><th scope="col">Expected event</th><th scope="col">Countries</th>'
        '<th scope="col">State</th><th scope="col">First reported</th>'
        f"</tr></thead><tbody>{''.join(rows)}</tbody></table>\n</section>\n"
    )


def _promised(event: Event) -> str:
    """Under the title: what must happen for it to count, and by when (where the log says)."""
    out = ""
    if event.criterion:
        out += f'<span class="meta promise">Criterion: {_t(" ".join(event.criterion.split()))}</span>'
    if event.deadline is not None:
        out += f'<span class="meta promise">Deadline: <span class="when">{_t(event.deadline)}</span></span>'
    return out


def _history(now: State, sources: Mapping[str, Source]) -> str:
    """Each dated step, once an event has given a verdict on it (before that, the state says it all)."""
    if not any(step.by is not None for step in now.history):
        return ""
    return '<ol class="steps">' + "".join(_step(step, sources) for step in now.history) + "</ol>"


def _step(step: Step, sources: Mapping[str, Source]) -> str:
    """'2026-01-20 stalled by visit-delayed (Outlet)': the day, the state, who or what, the sources. A
    derived overdue is dated by its first day, with the deadline or date that passed."""
    day = str(step.date) if step.date is not None else "undated"
    if step.by is not None:
        why = f" by {event_link(step.by.id)}"
    elif step.basis in _PASSED and step.since is not None:
        day, why = step.since.isoformat(), f": {_PASSED[step.basis]} {_t(step.date)} passed"
    else:
        why = ", first reported"
    cited = f" ({links(step.sources, sources)})" if step.sources else ""
    part = f'<br><span class="meta">part met: {_t(" ".join(step.part.split()))}</span>' if step.part else ""
    return (
        f'<li><span class="when">{_t(day)}</span> {_t(step.state.value.replace("-", " "))}{why}{cited}'
        f"{part}</li>"
    )


def corrections(result: ReportResult, known: set[str], sources: Mapping[str, Source]) -> str:
    """The corrections of the log made by the page's day, in the order made: when, what changed, why,
    and the id the corrected event or source has now (linked to its entry; `known`: the events listed).
    Those made later are outside the page's window, but the page shows the log as corrected, so they
    follow in a table of their own."""
    on = f'<span class="when">{result.as_of}</span>'
    made = (
        _table(
            f"Made by {on}: what the log asserted before, and why it changed (a re-dated event, a citation "
            "dropped or moved, a report retracted, an id retired). Old ids still answer "
            "(<code>tracker show OLD-ID</code>).",
            result.corrections,
            known,
            sources,
        )
        if result.corrections
        else f"<p>The log records no correction made by {on}.</p>\n"
    )
    later = (
        _table(
            f"Made after {on}, so outside this page's window; the events and sources above already show "
            "the log as corrected.",
            result.corrected_later,
            known,
            sources,
        )
        if result.corrected_later
        else ""
    )
    return (
        '<section id="corrections" aria-labelledby="h-corrections">\n'
        f'<h2 id="h-corrections">Corrections of the log</h2>\n{made}{later}</section>\n'
    )


def _table(
    caption: str, made: tuple[CorrectionRow, ...], known: set[str], sources: Mapping[str, Source]
) -> str:
    rows = []
    for row in made:
        c = row.correction
        what, _ = c.subject
        rows.append(
            f'<tr><td data-label="Made" class="when">{_t(c.date)}</td>'
            f'<th scope="row">{_t(what)} {_t(c.kind.value)}: {_t(described(row))}</th>'
            f'<td data-label="Reason">{_t(" ".join(c.reason.split()))}</td>'
            f'<td data-label="Id now">{_now(row, known, sources)}</td></tr>'
        )
    return (
        f'<table class="cards"><caption>{caption}</caption><thead><tr>'
        '<th scope="col">Made</th><th scope="col">What changed</th><th scope="col">Reason</th>'
        f'<th scope="col">Id now</th></tr></thead><tbody>{"".join(rows)}</tbody></table>\n'
    )


def _now(row: CorrectionRow, known: set[str], sources: Mapping[str, Source]) -> str:
    """The corrected item's id now, linked to its entry, with its title; '—' when it was retracted."""
    what, _ = row.subject
    if row.now is None:
        return "— (no longer in the log)"
    if what == "event":
        link = event_link(row.now) if row.now in known else f'<code class="id">{_t(row.now)}</code>'
    else:
        link = source_link(row.now) if row.now in sources else f'<code class="id">{_t(row.now)}</code>'
    return link + (f'<br><span class="meta">{_t(row.title)}</span>' if row.title else "")
