"""The web page's fragments for a row's standing: its ratification, independent origins and confidence.

Apart from `render.html` so that the page's module stays one screenful per section; every piece of
log text still goes through `text.markup`.
"""

from __future__ import annotations

from tracker.queries.confidence import Confidence
from tracker.queries.membership import Signatory
from tracker.queries.treaty import Ratification
from tracker.render.text import markup as _t


def ratification(row: Signatory) -> str:
    """A member's ratification under its status, where the log says where its agreement stands (its acts
    are among the page's events)."""
    treaty = row.treaty
    if treaty is None or treaty.status is Ratification.NOT_KNOWN:
        return ""
    return f'<br><span class="muted">{_t(treaty.words())}</span>'


def origins(sources: tuple[str, ...], found: tuple[str, ...]) -> str:
    """How many independent origins the sources come from, where some repeat one story."""
    if len(found) >= len(sources):
        return ""
    return f'<br><span class="muted">{len(sources)} sources, {len(found)} independent origins</span>'


def confidence(graded: Confidence | None) -> str:
    """A table cell's grade and, beneath it, its reason."""
    if graded is None:
        return "—"
    return f"<strong>{_t(graded.grade.value)}</strong>{reason(graded)}"


def grade(graded: Confidence | None) -> str:
    """A candidate's grade under its name (its reason goes with the sources that name it)."""
    if graded is None:
        return ""
    return f'<br><span class="muted">confidence: {_t(graded.grade.value)}</span>'


def reason(graded: Confidence | None) -> str:
    return f'<br><span class="muted">{_t(graded.reason)}</span>' if graded is not None else ""
