"""The chart drawn with rich: lanes of glyphs on a time axis fitted to the console's width.

Each status has its own glyph, so the chart reads the same without colour
(NO_COLOR, a pipe, a printout); colour only repeats what the glyph says.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from datetime import date

from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.text import Text

from tracker.model import MemberStatus, shifted
from tracker.queries.chart import ChartResult, Lane
from tracker.queries.expectations import Expectation
from tracker.render.text import inert

# (glyph, style, words) per status, in the legend's order; a glyph never repeats.
GLYPHS: dict[MemberStatus, tuple[str, str, str]] = {
    MemberStatus.SIGNED: ("█", "green", "signed"),
    MemberStatus.ANNOUNCED: ("▒", "yellow", "announced"),
    MemberStatus.CANDIDATE: ("·", "cyan", "candidate"),
    MemberStatus.SUSPENDED: ("~", "red", "suspended"),
    MemberStatus.WITHDRAWN: ("\u00d7", "red", "withdrawn"),  # multiplication sign: crossed out,
}
EXPECTED: dict[Expectation, tuple[str, str, str]] = {
    Expectation.PENDING: ("◇", "bold magenta", "expected, pending (undated: after the axis)"),
    Expectation.OVERDUE: ("!", "bold red", "expected, overdue"),
}
# States a cited event gave (expectations judged like promises): in the legend only when drawn.
JUDGED: dict[Expectation, tuple[str, str, str]] = {
    Expectation.STALLED: ("‖", "bold yellow", "expected, stalled"),
    Expectation.PARTLY_FULFILLED: ("◐", "bold magenta", "expected, partly fulfilled"),
}
_STEPS = " ▁▂▃▄▅▆▇█"
MIN_PLOT = 10  # columns of axis at the least; a narrower console crops the lanes


class Axis:
    """Days to columns: `width` columns share the days from `start` to `end` evenly."""

    def __init__(self, start: date, end: date, width: int) -> None:
        self.start, self.end, self.width = start, end, width
        self.days = (end - start).days + 1

    def col(self, day: date) -> int:
        return min(max((day - self.start).days * self.width // self.days, 0), self.width - 1)

    def cols(self, first: date, last: date) -> range:
        """The columns a period covers: at least one, up to the column before the next day's."""
        begin = self.col(first)
        after = (last - self.start).days + 1
        stop = max(begin + 1, min(after * self.width // self.days, self.width))
        return range(begin, stop)


# Years between labels, coarsest first: an axis of centuries or millennia still gets its labels.
_YEAR_STEPS = (5000, 2000, 1000, 500, 200, 100, 50, 20, 10, 5, 2, 1)


def _ticks(axis: Axis) -> list[tuple[int, str]]:
    """Labelled columns: the finest of millennia ... decades, years, half-years, quarters, months,
    weeks, days that fit."""
    best: list[tuple[int, str]] = []
    for ticks in _levels(axis):
        inside = [(axis.col(d), label) for d, label in ticks or () if axis.start <= d <= axis.end]
        if ticks is not None and not inside:
            continue
        gaps = [b[0] - a[0] for a, b in itertools.pairwise(inside)]
        fits = ticks is not None and all(
            gap > len(label) for gap, (_, label) in zip(gaps, inside, strict=False)
        )
        if fits and inside[-1][0] + len(inside[-1][1]) <= axis.width:
            best = inside
        elif best:
            break
    return best


def _levels(axis: Axis) -> Iterator[list[tuple[date, str]] | None]:
    """Each level's ticks, coarsest first; None for a level with more ticks than the axis has columns.

    Such a level cannot fit (two of its ticks would share a column), so it is
    never built: the work follows the width of the chart, never the span of
    its dates (a log may run from year 1 to 9999).
    """
    first, last = axis.start, axis.end
    for step in _YEAR_STEPS:
        if last.year // step - (first.year - 1) // step > axis.width:
            yield None
            continue
        years = range(-(-first.year // step) * step, last.year + 1, step)
        yield [(date(y, 1, 1), f"{y}") for y in years]
    months = range(first.year * 12 + first.month - 1, last.year * 12 + last.month)
    for every in (6, 3, 1):
        if len(months) // every > axis.width:
            yield None
            continue
        yield [
            (date(k // 12, k % 12 + 1, 1), f"{k // 12}-{k % 12 + 1:02d}") for k in months if k % every == 0
        ]
    monday = first.toordinal() + (7 - first.weekday()) % 7
    for start, every in ((monday, 7), (first.toordinal(), 1)):
        if axis.days // every > axis.width:
            yield None
            continue
        days = (date.fromordinal(n) for n in range(start, last.toordinal() + 1, every))
        yield [(d, d.isoformat()) for d in days]


def _row(label: str, width: int) -> Text:
    shown = inert(label)
    if len(shown) > width:
        shown = shown[: width - 1] + "…"
    return Text(shown.ljust(width) + " ")


def chart(result: ChartResult, width: int) -> list[RenderableType]:
    label = min(max((len(inert(lane.country)) for lane in result.lanes), default=7), max(12, width // 4))
    label = max(label, len("Members"))
    # Two columns beyond the axis hold the expectations that have no date.
    axis = Axis(result.start, result.end, max(width - label - 3, MIN_PLOT))
    lines: list[RenderableType] = [
        Text(
            f"Abraham Accords membership, {result.start} to {result.end} (as of {result.as_of})",
            style="bold",
        )
    ]
    ticks = _ticks(axis)
    scale, rule = [" "] * axis.width, ["─"] * axis.width
    for column, text in ticks:
        for i, char in enumerate(text[: axis.width - column]):
            scale[column + i] = char
        rule[column] = "┬"
    lines.append(Text(" " * (label + 1) + "".join(scale)))
    lines.append(Text(" " * (label + 1) + "".join(rule), style="dim"))
    for lane in result.lanes:
        lines.append(_lane(lane, axis, label))
    lines.extend(_count(result, axis, label))
    drawn = {m.state.expectation for lane in result.lanes for m in lane.expected}
    lines.append(_legend(width, [v for k, v in JUDGED.items() if k in drawn]))
    lines.append(Text(inert(_caption(result)), style="dim"))
    return [Group(*lines)]


class ChartView:
    """The chart as a rich renderable: laid out for the width it is given when printed."""

    def __init__(self, result: ChartResult) -> None:
        self.result = result

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        yield from chart(self.result, options.max_width)


def _lane(lane: Lane, axis: Axis, label: int) -> Text:
    cells: list[tuple[str, str]] = [(" ", "")] * axis.width
    for span in lane.spans:
        glyph, style, _ = GLYPHS[span.status]
        for column in axis.cols(span.start, span.end):
            cells[column] = (glyph, style)
    undated = []
    # Overdue last, so that where two expectations share a column the overdue one shows.
    for marker in sorted(lane.expected, key=lambda m: m.state.expectation is Expectation.OVERDUE):
        glyph, style, _ = {**EXPECTED, **JUDGED}[marker.state.expectation]
        if marker.date is None:
            undated.append((glyph, style))
        else:
            cells[axis.col(marker.day)] = (glyph, style)
    line = _row(lane.country, label)
    for glyph, style in cells:
        line.append(glyph, style)
    if undated:  # no day to sit on: beside the lane's end, after the axis
        line.append(" ")
        line.append(*undated[-1])
    line.no_wrap, line.overflow = True, "crop"
    return line


def _count(result: ChartResult, axis: Axis, label: int) -> list[Text]:
    """The member count as a step line, and the count written where it changes (where it fits)."""
    steps = result.members
    top = max((n for _, n in steps), default=0)
    levels = [0] * axis.width
    for index, (day, count) in enumerate(steps):
        # The day before the next step (which is later, so there is one), or the day answered for.
        last = (shifted(steps[index + 1][0], -1) or day) if index + 1 < len(steps) else result.as_of
        if day > min(axis.end, result.as_of):
            continue
        for column in axis.cols(day, max(day, min(last, axis.end))):
            levels[column] = count
    bar = "".join(_STEPS[round(n * 8 / top)] if top else " " for n in levels)
    numbers = [" "] * axis.width
    free = 0
    for day, count in steps:
        column = axis.col(day)
        if column >= free and column + len(str(count)) <= axis.width:
            numbers[column : column + len(str(count))] = str(count)
            free = column + len(str(count)) + 1
    step_line = _row("Members", label).append(bar, style="bold")
    count_line = _row("", label).append("".join(numbers))
    return [step_line, count_line]


def _legend(width: int, judged: list[tuple[str, str, str]]) -> Text:
    items = [(g, s, w) for g, s, w in GLYPHS.values()] + list(EXPECTED.values()) + judged
    legend, used = Text(), 0
    for glyph, style, words in items:
        size = len(words) + 4
        if used and used + size > width:
            legend.append("\n")
            used = 0
        legend.append(glyph, style)
        legend.append(f" {words}   ")
        used += size
    legend.rstrip()
    return legend


def _caption(result: ChartResult) -> str:
    members = result.members[-1][1] if result.members else 0
    candidates = sum(1 for lane in result.lanes if lane.status is MemberStatus.CANDIDATE)
    parts = [
        f"{members} member{'s' if members != 1 else ''} on {min(result.end, result.as_of)}",
        f"{candidates} candidate{'s' if candidates != 1 else ''} shown",
        "expected: "
        + ", ".join(
            [
                f"{result.overdue} overdue",
                *([f"{result.stalled} stalled"] if result.stalled else []),
                *([f"{result.partly_fulfilled} partly fulfilled"] if result.partly_fulfilled else []),
                f"{result.pending} pending",
            ]
        ),
    ]
    return "; ".join(parts) + "."
