"""The web page's timeline picture: one lane per country, its statuses as bars, and the member count.

Inline SVG, so the page needs nothing from elsewhere; every piece of log text
goes through `text.markup`. The bar heights tell the statuses apart without
colour, and the diamonds of open expectations are hollow (pending), filled
(overdue), pale amber (stalled) or half filled (partly fulfilled). Drawn
from a `ChartResult`, the same lanes `tracker chart` shows.
"""

from __future__ import annotations

from datetime import date

from tracker.model import MemberStatus
from tracker.queries.chart import ChartResult
from tracker.queries.expectations import Expectation
from tracker.render.text import markup as _t

# Fill, and bar height in the SVG: the height tells the statuses apart without colour.
STATUS_LOOK: dict[MemberStatus, tuple[str, int]] = {
    MemberStatus.SIGNED: ("#1d6b3a", 16),
    MemberStatus.ANNOUNCED: ("#a8650a", 11),
    MemberStatus.CANDIDATE: ("#4a6f9c", 4),
    MemberStatus.SUSPENDED: ("#b3261e", 8),
    MemberStatus.WITHDRAWN: ("#5f5f5f", 2),
}

# An open expectation's diamond: fill, stroke, and the legend's words. Pending and overdue are always in
# the legend; a stall or a part met (states a cited event gave) only when one is drawn.
MARKER_LOOK: dict[Expectation, tuple[str, str, str]] = {
    Expectation.PENDING: ("#ffffff", "#5b2a86", "expected, pending"),
    Expectation.OVERDUE: ("#b3261e", "#b3261e", "expected, overdue"),
    Expectation.STALLED: ("#f2d7a6", "#8a5208", "expected, stalled"),
    Expectation.PARTLY_FULFILLED: ("#ffffff", "#5b2a86", "expected, partly fulfilled (half filled)"),
}

_YEAR_STEPS = (1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000)
_MOST_TICKS = 40


def figure(drawn: ChartResult, ident: str, heading: str) -> str:
    """The chart as a figure under its heading, with its legend; `ident` keeps its ids unique."""
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
        f"(hollow: pending, filled: overdue{_judged(drawn)}). The step line below counts members.</desc>",
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
            fill, stroke, _ = MARKER_LOOK[marker.state.expectation]
            at = x(marker.day) if marker.date is not None else left + plot + 10  # undated: past the end
            out.append(
                f'<path d="M{at:.1f} {mid - 8:.1f} l7 8 l-7 8 l-7 -8 z" fill="{fill}" stroke="{stroke}" '
                f'stroke-width="2"><title>{_t(marker.title)}: {_t(marker.state.describe())}</title></path>'
            )
            if marker.state.expectation is Expectation.PARTLY_FULFILLED:  # its left half filled
                out.append(f'<path d="M{at:.1f} {mid - 8:.1f} l-7 8 l7 8 z" fill="{stroke}"/>')
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
    drawn_states = {m.state.expectation for lane in drawn.lanes for m in lane.expected}
    for state, (fill, stroke, words) in MARKER_LOOK.items():
        if state in (Expectation.PENDING, Expectation.OVERDUE) or state in drawn_states:
            half = (
                f'<path d="M10 1 l-7 8 l7 8 z" fill="{stroke}"/>'
                if state is Expectation.PARTLY_FULFILLED
                else ""
            )
            legend += (
                '<li><svg width="20" height="18" aria-hidden="true"><path d="M10 1 l7 8 l-7 8 l-7 -8 z" '
                f'fill="{fill}" stroke="{stroke}" stroke-width="2"/>{half}</svg> {words}</li>'
            )
    return (
        f'<h3>{_t(heading)}</h3>\n<figure><div class="chart">'
        + "".join(out)
        + f'</div><figcaption><ul class="legend">{legend}</ul></figcaption></figure>\n'
    )


def _judged(drawn: ChartResult) -> str:
    """The description's words for the cited states drawn (none: the words of a chart without them)."""
    states = {m.state.expectation for lane in drawn.lanes for m in lane.expected}
    words = {
        Expectation.STALLED: "pale amber: stalled",
        Expectation.PARTLY_FULFILLED: "half filled: partly fulfilled",
    }
    return "".join(f", {w}" for state, w in words.items() if state in states)
