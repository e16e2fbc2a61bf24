"""Where the log's lists and their entries are, found in its text without parsing it.

An incremental read (`tracker.log.incremental`) needs each entry of the
top-level `sources` and `events` lists as a run of whole lines, so that an
entry whose lines are unchanged can be reused without running libyaml over
it. This module only proposes that split, from the text: a list is a
top-level key at column 0 (`events:`, a comment allowed after it), followed
by blank or comment lines and then a dash at some column D; each line with a
dash at column D starts an entry; the list ends before the next line with
text at column 0 (a comment or a dash at column 0 aside, for D = 0).

Nothing here is trusted: the incremental reader parses the rest of the log
with the lists blanked out (`skeleton`) and each changed run of entries on its
own, and falls back to reading the whole log when anything does not read as
proposed. Consecutive entries are grouped into chunks whose ends depend only
on the entries' own bytes, so an edit changes the chunk it is in and leaves
the others, and their keys, as they were.
"""

from __future__ import annotations

import functools
import re
import zlib
from dataclasses import dataclass

LISTS = (b"sources", b"events")
_KEY_END = re.compile(rb"[ \t]*(?:#[^\r\n]*)?(?:\r?\n|\Z)")  # what may follow `events:` on its line
_SKIP = re.compile(rb"(?:[ \t]*(?:#[^\r\n]*)?\r?\n)*")  # blank and comment lines
_DASH = re.compile(rb"( *)-(?:[ \t]|\r?\n|\Z)")
CHUNK_MASK = 127  # an entry whose checksum has these bits clear ends a chunk: 128 entries on average
CHUNK_MAX = 512  # and no chunk is longer


@dataclass(frozen=True, slots=True)
class Chunk:
    """Consecutive entries of one list: their bytes run from `start` to `end` of the log."""

    start: int
    end: int
    line: int  # the 1-based line of the first entry
    index: int  # the first entry's place in its list (0-based)
    count: int  # how many entries


@dataclass(frozen=True, slots=True)
class Listing:
    """One top-level list whose entries were found: where they run, their dash's column, the chunks."""

    name: str
    start: int  # the first entry's first byte
    end: int  # after the last entry's last byte
    line: int  # the first entry's line
    dash: int  # the column (0-based) of every entry's dash
    breaks: int  # line breaks from `start` to `end`
    chunks: tuple[Chunk, ...]


def listings(raw: bytes) -> list[Listing] | None:
    """The lists found in the log's bytes, in file order; None where the text is not laid out as
    the split needs (a lone carriage return, a key written twice)."""
    if b"\r" in raw and raw.count(b"\r") != raw.count(b"\r\n"):
        return None  # a line break libyaml counts that a split on "\n" would not
    # The lines with text at column 0, in one pass.
    lines = [0] if raw[:1] not in b" \t\r\n#" else []
    lines += [m.end() for m in _TEXT_AT_0.finditer(raw)]
    found: list[Listing] = []
    for name in LISTS:
        key = name + b":"
        keys = [at for at in lines if raw.startswith(key, at) and _KEY_END.match(raw, at + len(key))]
        if len(keys) > 1:
            return None
        if not keys:
            continue
        line_end = _KEY_END.match(raw, keys[0] + len(key))
        assert line_end is not None
        first = _SKIP.match(raw, line_end.end())
        assert first is not None  # the pattern matches the empty string
        dash = _DASH.match(raw, first.end())
        if dash is None:
            continue  # not a block list of entries: the skeleton reads it, whatever it is
        column = len(dash.group(1))
        # The list ends at the first line with text at column 0 after it (not one of its entries).
        ends = (at for at in lines if at > dash.start() and (column or not _DASH_AT_0.match(raw, at)))
        end = next(ends, len(raw))
        found.append(_listing(raw, name.decode("ascii"), dash.start(), column, end))
    found.sort(key=lambda listing: listing.start)
    return found


def _listing(raw: bytes, name: str, start: int, column: int, end: int) -> Listing:
    chunks = []
    first = line = raw.count(b"\n", 0, start) + 1
    chunk_start = entry = start
    index = count = 0
    crc, mask, most = zlib.crc32, CHUNK_MASK, CHUNK_MAX
    # Each entry's start: a dash at the column after a line break, then a space or the line's end. A
    # chunk ends after an entry whose first bytes (its first line, where the id is) say so: the ends
    # depend on what the entries are, not on where, so an edit moves none but its own chunk's.
    for match in _dashes(column).finditer(raw, start, end):
        count += 1
        following = match.start() + 1
        if count >= most or not crc(raw[entry : entry + 64]) & mask:
            chunks.append(Chunk(chunk_start, following, first, index, count))
            first += raw.count(b"\n", chunk_start, following)
            chunk_start, index, count = following, index + count, 0
        entry = following
    chunks.append(Chunk(chunk_start, end, first, index, count + 1))
    first += raw.count(b"\n", chunk_start, end)
    return Listing(name, start, end, line, column, first - line, tuple(chunks))


@functools.cache
def _dashes(column: int) -> re.Pattern[bytes]:
    """An entry's dash at `column`, after a line break."""
    return re.compile(rb"\n" + b" " * column + rb"-(?=[ \t\r\n]|\Z)")


# The start of a line with text at column 0 (not a blank or a comment line); an entry at column 0.
_TEXT_AT_0 = re.compile(rb"\n(?=[^ \t\r\n#])")
_DASH_AT_0 = re.compile(rb"-(?:[ \t]|\r?\n|\Z)")


def skeleton(raw: bytes, found: list[Listing]) -> bytes:
    """The log with each found list's entries blanked out, line for line: the first entry's line
    holds one placeholder item (`- x`, at the dash's column), the others are empty, so every line
    after a list keeps its number."""
    pieces = []
    at = 0
    for listing in found:
        pieces.append(raw[at : listing.start])
        placeholder = b" " * listing.dash + b"- x"
        if listing.breaks:
            pieces.append(placeholder + b"\n" * listing.breaks)
        else:
            pieces.append(placeholder)
        at = listing.end
    pieces.append(raw[at:])
    return b"".join(pieces)
