"""Lines of a log's bytes: where they start, where two versions of it differ.

`add` places its entry and writes its diff reading only the end of the log, or
the lines around the change: splitting a log of 100,000 events into lines
costs more than the rest of the addition. Line breaks are counted as `_LINE`
in `insertion` counts them (CR LF, a lone CR, or LF), but where a layout
confirmed by reading (`layout`, which refuses a lone CR) lets a count start at
a chunk.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator

from tracker.log.layout import Listing

CONTEXT = 3  # lines of context around each change, as diff -u gives
_KEEP = re.compile(rb"[|>][1-9]?\+")  # a block scalar that keeps its trailing newlines (|+, >2+, |+1)
_BLOCK = 1 << 16


def changed(old: bytes, new: bytes) -> tuple[int, int, int]:
    """Where the two texts start to differ and where each stops, as whole lines with CONTEXT more on
    each side: (start, old's end, new's end); the whole texts if a line ends in a lone CR."""
    if any(b"\r" in text and text.count(b"\r") != text.count(b"\r\n") for text in (old, new)):
        return 0, len(old), len(new)
    shortest = min(len(old), len(new))
    head = line_start(old, common(old, new, shortest, head=True))  # the shared lines before it
    tail = common(old, new, shortest, head=False)
    # The shared lines after: from a line start whose newline before it is shared too.
    tail = len(old) - next_line(old, len(old) - tail + 1) if tail else 0
    if head + tail > shortest:  # the shared ends overlap: the longer (in lines) is kept whole
        if old.count(b"\n", len(old) - tail) > old.count(b"\n", 0, head):
            head = line_start(old, shortest - tail)
        else:
            tail = len(old) - next_line(old, len(old) - shortest + head)
    start = head
    for _ in range(CONTEXT):
        start = line_start(old, start - 1) if start else 0
    end = len(old) - tail
    for _ in range(CONTEXT):
        end = next_line(old, end + 1) if end < len(old) else end
    back = len(old) - end
    return start, len(old) - back, len(new) - back


def line_start(text: bytes, at: int) -> int:
    """The start of the line that holds byte `at` (`at` itself if a line starts there)."""
    return text.rfind(b"\n", 0, at) + 1


def next_line(text: bytes, at: int) -> int:
    """The first line start at or after `at` but the text's start, or the text's end."""
    if at <= 0:
        at = 1
    found = text.find(b"\n", at - 1)
    return found + 1 if found >= 0 else len(text)


def common(old: bytes, new: bytes, most: int, *, head: bool) -> int:
    """How many bytes the texts share at their start (`head`) or at their end, up to `most`."""
    size = 0
    step = _BLOCK
    while step:
        while size + step <= most and (
            old[size : size + step] == new[size : size + step]
            if head
            else old[len(old) - size - step : len(old) - size]
            == new[len(new) - size - step : len(new) - size]
        ):
            size += step
        step //= 2
    return size


def keeps(raw: bytes) -> bool:
    """Whether the log may hold a block scalar that keeps its trailing newlines (`_KEEP`): found from
    each "+" (few in a log) rather than by trying the pattern at every byte."""
    at = raw.find(b"+")
    while at >= 0:
        if _KEEP.match(raw, max(0, at - 2), at + 1) or _KEEP.match(raw, max(0, at - 1), at + 1):
            return True
        at = raw.find(b"+", at + 1)
    return False


_LINE_BYTES = re.compile(rb"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+\Z")  # as _LINE, in the bytes
_BREAK = re.compile(rb"\r\n|\r|\n")


def spans(raw: bytes, offset: int) -> Iterator[tuple[int, int]]:
    """The spans of the lines from `offset` (a line's start) on, as _LINE splits them."""
    return (m.span() for m in _LINE_BYTES.finditer(raw, offset))


def offset_of(raw: bytes, line: int, listings: list[Listing] | None = None) -> int:
    """Where the 0-based `line` starts, counting line breaks as _LINE does; the end if there is none.
    `listings` (lines split on "\n" only, as `layout` confirmed) start the count at the nearest chunk."""
    at, known = 0, 0
    for listing in listings or ():
        for chunk in listing.chunks:
            if known < chunk.line - 1 <= line:
                at, known = chunk.start, chunk.line - 1
    if line <= known:
        return at
    found = next(itertools.islice(_BREAK.finditer(raw, at), line - known - 1, None), None)
    return found.end() if found is not None else len(raw)


def after(raw: bytes, at: int, count: int) -> int:
    """Where the line `count` lines after the one that starts at `at` starts."""
    for _ in range(count):
        found = _BREAK.search(raw, at)
        at = found.end() if found is not None else len(raw)
    return at
