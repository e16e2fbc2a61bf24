"""Reading a log a piece at a time, so that pieces read before are not read again.

`load` gives exactly what `reader.load` gives for the same bytes. The lists
`sources` and `events` are split into chunks of entries (`layout`); the rest
of the log (its header, with the lists blanked out line for line) is read as
a document of its own, and each chunk either comes from the memo, under a key
made of its bytes, or is read as a small document of its own and remembered.

Why a chunk read on its own reads as it would in the whole log: libyaml's
state where an entry of a block list begins is always the same (a block
list at the dash's column, under a top-level key), and the entries of a
chunk are whole lines that were read, in that state, to exactly as many
items as the chunk has entries, each starting on its entry's first line. The
same bytes from the same state are scanned the same way, so they read the
same wherever they are; only their line numbers and their places in the list
differ, and those are moved. The header is checked to hold each list where
the split put it.

Only a log that reads without a problem is read this way: at the first
problem (in the header, or a chunk that does not read as the split says),
the whole log is read again by `reader.load`, whose messages, labels and
order are the reference. A reused item is reused whole, so the log's checks
(`check`) run on items equal to a fresh reading's, positions and all.
"""

from __future__ import annotations

import dataclasses
import gc
import hashlib
from pathlib import Path
from typing import Any

from tracker.log import layout, parsing, reader, rebuild, records
from tracker.log.layout import Chunk, Listing
from tracker.log.memo import Memo, key
from tracker.log.parts import Part, Summary, summarise, usable
from tracker.log.yamlstream import ItemReader, Node, ReadSeq
from tracker.model import EventLog, Location, Problem, Problems

NOUNS = {"sources": "source", "events": "event"}


class _Fallback(Exception):
    """Something did not read as the split said: read the whole log instead."""


def load(path: Path, display: str | None, raw: bytes, memo: Memo) -> tuple[EventLog | None, Problems]:
    """The log in `raw`, as `reader.load` reads it, reusing what `memo` remembers of its chunks."""
    name = display if display is not None else str(path)
    memo.confirmed = memo.parts = None
    found = layout.listings(raw) if records.usable() else None
    if not found:
        return reader.load(path, display, raw)
    collecting = gc.isenabled()
    gc.disable()  # a million acyclic objects rebuilt: the collector would rescan them, for nothing
    decoder = rebuild.Decoder(name)  # one per read: dates are shared across its chunks
    summaries: dict[str, list[Part]] = {}
    try:
        header = _header(layout.skeleton(raw, found), name, path, found)
        items = {listing.name: _items(raw, name, listing, memo, decoder, summaries) for listing in found}
    except _Fallback:
        return reader.load(path, display, raw)
    finally:
        if collecting:
            gc.enable()
    memo.confirmed = found
    sources, events = items.get("sources"), items.get("events")
    log = dataclasses.replace(
        header,
        sources=tuple(sources) if sources is not None else header.sources,
        events=tuple(events) if events is not None else header.events,
    )
    if "events" in summaries:
        memo.parts = (log.events, summaries["events"])  # for the check's rules (tracker.log.parts)
    return log, Problems()


def _header(text: bytes, name: str, path: Path, found: list[Listing]) -> EventLog:
    """The log without the found lists' entries; each list's placeholder must be where it was put.

    The bytes are checked as the whole log's are (`parsing.preflight`: UTF-8, no raw controls) here
    and in each chunk read (a chunk from the store passed when it was read): together, all of them."""
    if parsing.preflight(text, name):
        raise _Fallback
    rd = reader.Reader(name)
    seen: dict[str, list[tuple[int, int]]] = {listing.name: [] for listing in found}

    def placeholder(list_name: str) -> ItemReader:
        def read(node: Node, what: str, index: int) -> None:
            mark: Any = node.start_mark
            seen[list_name].append((mark.line + 1, mark.column + 1))

        return read

    streamed: dict[str, tuple[str, ItemReader]] = {
        "sources": ("source", rd.read_source),
        "events": ("event", rd.read_event),
    }
    streamed.update({listing.name: (NOUNS[listing.name], placeholder(listing.name)) for listing in found})
    root, problems = parsing.parse(text, name, streamed)
    if problems or root is None:
        raise _Fallback
    log = rd.read_log(root, str(path))
    if log is None or rd.problems:
        raise _Fallback
    for listing in found:
        # The placeholder `- x` is the list's only item, on its first entry's line, after the dash.
        expected = Location(name, listing.line, listing.dash + 1)
        if seen[listing.name] != [(listing.line, listing.dash + 3)] or log.locs.get(listing.name) != expected:
            raise _Fallback
        if getattr(log, listing.name):
            raise _Fallback
    return log


def _items(
    raw: bytes,
    name: str,
    listing: Listing,
    memo: Memo,
    decoder: rebuild.Decoder,
    summaries: dict[str, list[Part]],
) -> list[Any]:
    out: list[Any] = []
    parts = summaries.setdefault(listing.name, [])
    for chunk in listing.chunks:
        items, summary = _chunk(raw, name, listing, chunk, memo, decoder)
        parts.append(Part(len(out), len(out) + len(items), summary))
        out += items
    return out


def _chunk(
    raw: bytes, name: str, listing: Listing, chunk: Chunk, memo: Memo, decoder: rebuild.Decoder
) -> tuple[list[Any], Summary | None]:
    """The chunk's items and their summary: from this run's memory, from the store, or read from
    its text (and then kept in the store)."""
    text = memoryview(raw)[chunk.start : chunk.end]
    chunk_key = key("chunk", records.VERSION, listing.name, hashlib.sha256(text).hexdigest())
    kept = memo.chunks.get(chunk_key)
    if kept is not None:
        line, index, file, items, summary = kept
        memo.reused += 1
        if (line, index, file) != (chunk.line, chunk.index, name):
            items = rebuild.moved(items, name, chunk.line - line, chunk.index)
            memo.chunks[chunk_key] = (chunk.line, chunk.index, name, items, summary)
        return items, summary
    decoded = _decoded(memo.get(chunk_key), listing.name, decoder, chunk)
    if decoded is not None:
        items, summary = decoded
        memo.reused += 1
    else:
        items = _read(bytes(text), name, listing.name, chunk)
        summary = summarise(items) if listing.name == "events" else None
        memo.read += 1
        memo.put(chunk_key, (chunk.line, records.encode(items), summary))
    memo.chunks[chunk_key] = (chunk.line, chunk.index, name, items, summary)
    return items, summary


def _decoded(
    stored: Any, list_name: str, decoder: rebuild.Decoder, chunk: Chunk
) -> tuple[list[Any], Summary | None] | None:
    """A stored chunk rebuilt at the chunk's place; None if there is none, or it is not one (damaged,
    or foreign)."""
    if stored is None:
        return None
    try:
        line, recs, summary = stored
        if list_name == "events":
            if not usable(summary):
                return None
            items: list[Any] = decoder.events(recs, chunk.line - line, chunk.index)
        else:
            items = decoder.sources(recs, chunk.line - line, chunk.index)
            summary = None
    except (TypeError, ValueError, KeyError, IndexError, AttributeError):
        return None
    return (items, summary) if len(items) == chunk.count else None


def _read(text: bytes, name: str, list_name: str, chunk: Chunk) -> list[Any]:
    """The chunk's entries read as a document of their own: `sources:` and the entries, moved to the
    chunk's lines and places. Anything but one clean item per entry is a fallback."""
    if parsing.preflight(text, name):
        raise _Fallback
    rd = reader.Reader(name, above=chunk.line - 2)  # the entries start on the document's second line
    noun = NOUNS[list_name]
    items: list[Any] = []
    starts: list[int] = []

    def read(node: Node, what: str, index: int) -> None:
        order = chunk.index + index
        label = f"{noun} #{order + 1}"
        read_item = rd.read_event if list_name == "events" else rd.read_source
        item = read_item(node, label, order)
        mark: Any = node.start_mark
        starts.append(mark.line)
        if item is not None:
            items.append(item)

    root, problems = parsing.parse(list_name.encode("ascii") + b":\n" + text, name, {list_name: (noun, read)})
    if problems or rd.problems or root is None or len(items) != chunk.count:
        raise _Fallback
    top = getattr(root, "value", None)
    if not isinstance(top, list) or len(top) != 1 or not isinstance(top[0][1], ReadSeq):
        raise _Fallback
    # Each item begins in its own entry: the n-th at or after the n-th entry's first line.
    lines = _entry_lines(text)
    if len(lines) != chunk.count or any(
        not (lines[i] <= start < (lines[i + 1] if i + 1 < len(lines) else 1 << 62))
        for i, start in enumerate(starts)
    ):
        raise _Fallback
    return items


def _entry_lines(text: bytes) -> list[int]:
    """The 0-based line, in the chunk's own document (one line of key first), of each entry's dash."""
    stripped = text.lstrip(b" ")
    column = len(text) - len(stripped)
    marker = b"\n" + b" " * column + b"-"
    found = [1]
    at = text.find(marker)
    line, last = 1, 0
    while at >= 0:
        after = text[at + len(marker) : at + len(marker) + 1]
        if after in (b" ", b"\t", b"\n", b"\r", b""):
            line += text.count(b"\n", last, at + 1)
            last = at + 1
            found.append(line)
        at = text.find(marker, at + 1)
    return found


__all__ = ["Problem", "load"]
