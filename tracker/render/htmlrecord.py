"""The page's record of judgements and corrections: each expectation with its dated, cited history,
and the corrections of the log made by the page's day (`export html`; the rest of the page is
`render/html.py`)."""

from __future__ import annotations

from tracker.queries.report import ReportResult
from tracker.render.htmlparts import country, event_link, state, when
from tracker.render.text import markup as _t


def expectations(result: ReportResult) -> str:
    names, rows = result.names, []
    for event, now in result.expected:
        judged = now.resolved_by or now.by  # settled, or stalled or partly fulfilled by an event
        resolved = event_link(judged) if judged else "—"
        rows.append(
            f'<tr><td data-label="Date" class="when">{_t(when(event))}</td>'
            f'<th scope="row">{event_link(event.id, event.title)}</th>'
            f'<td data-label="Countries">{", ".join(country(c, names) for c in event.countries) or "—"}</td>'
            f'<td data-label="State">{state(now)}</td>'
            f'<td data-label="First reported" class="when">{_t(now.first_reported or "—")}</td>'
            f'<td data-label="Resolved by">{resolved}</td></tr>'
        )
    return (
        '<section id="expectations" aria-labelledby="h-expectations">\n'
        f'<h2 id="h-expectations">Expectations as of <span class="when">{result.as_of}</span></h2>\n'
        '<table class="cards"><caption>What sources said would happen: pending until its date is over, '
        "then overdue "
        "unless an event in the log fulfilled it or called it off.</caption><thead><tr>"
        '<th scope="col">Date</th><th scope="col">Expected event</th><th scope="col">Countries</th>'
        '<th scope="col">State</th><th scope="col">First reported</th><th scope="col">Resolved by</th>'
        f"</tr></thead><tbody>{''.join(rows)}</tbody></table>\n</section>\n"
    )
