"""The chart drawn with rich: lanes of glyphs on a time axis fitted to the console's width.

Each status has its own glyph, so the chart reads the same without colour
(NO_COLOR, a pipe, a printout); colour only repeats what the glyph says.
"""

from __future__ import annotations

import itertools
from datetime import date, timedelta

from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.text import Text

from tracker.model import MemberStatus
from tracker.queries import ChartResult, Expectation, Lane
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


def _ticks(axis: Axis) -> list[tuple[int, str]]:
    """Labelled columns: the finest of decades, years, half-years, quarters, months, weeks, days that fit."""
    years = range(axis.start.year, axis.end.year + 1)
    choices: list[list[tuple[date, str]]] = []
    for step in (10, 5, 2, 1):
        choices.append([(date(y, 1, 1), f"{y}") for y in years if y % step == 0])
    for months in (6, 3, 1):
        choices.append(
            [(date(y, m, 1), f"{y}-{m:02d}") for y in years for m in range(1, 13) if (m - 1) % months == 0]
        )
    monday = axis.start + timedelta(days=(7 - axis.start.weekday()) % 7)
    for first, every in ((monday, 7), (axis.start, 1)):
        days = (first + timedelta(days=i) for i in range(0, (axis.end - first).days + 1, every))
        choices.append([(d, d.isoformat()) for d in days])
    best: list[tuple[int, str]] = []
    for ticks in choices:
        inside = [(axis.col(d), label) for d, label in ticks if axis.start <= d <= axis.end]
        if not inside:
            continue
        gaps = [b[0] - a[0] for a, b in itertools.pairwise(inside)]
        if all(gap > len(label) for gap, (_, label) in zip(gaps, inside, strict=False)) and (
            inside[-1][0] + len(inside[-1][1]) <= axis.width
        ):
            best = inside
        elif best:
            break
    return best


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
    lines.append(_legend(width))
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
        glyph, style, _ = EXPECTED[marker.state.expectation]
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
        last = steps[index + 1][0] - timedelta(days=1) if index + 1 < len(steps) else result.as_of
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


def _legend(width: int) -> Text:
    items = [(g, s, w) for g, s, w in GLYPHS.values()] + list(EXPECTED.values())
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
        f"expected: {result.overdue} overdue, {result.pending} pending",
    ]
    return "; ".join(parts) + "."
