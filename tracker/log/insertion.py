"""Where a new entry goes in a log's bytes, and its text: inserted after the last entry of its list
(or of an event's citations) without touching a byte that was there.

The entry's text is written by ruamel.yaml (imported here only) in the log's
block style, indented as its list is; where the list ends is found from the
layout an incremental read confirmed, else from libyaml's events. Apart from
`additions` because this is the byte-level half: nothing here reads the log
as a log, checks it or writes a file.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from tracker.errors import Refused
from tracker.log import lines as loglines
from tracker.log.layout import Listing
from tracker.model import Location, Problem

_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+\Z")


def render(item: dict[str, Any], indent: int) -> str:
    """The item as a block list entry at column `indent`, as the shipped log writes one.

    Scalars are plain wherever plain text reads back as the same text
    (`2025-12-02`, `true`, `NO`), quoted where it would not (`null`, `a: b`);
    country lists are flow (`[KZ, IL]`); long text is folded (`>-`).
    """
    import io

    from ruamel.yaml import YAML
    from ruamel.yaml.comments import CommentedMap, CommentedSeq
    from ruamel.yaml.nodes import ScalarNode
    from ruamel.yaml.scalarstring import FoldedScalarString

    yaml = YAML(typ="rt")
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.width = 76

    class Plain(str):
        __slots__ = ()

    def plain(representer: Any, data: Plain) -> Any:
        tag = yaml.resolver.resolve(ScalarNode, str(data), (True, False))
        if tag == "tag:yaml.org,2002:null":
            tag = "tag:yaml.org,2002:str"  # quoted: plain would read as null
        return representer.represent_scalar(tag, str(data))

    yaml.representer.add_representer(Plain, plain)

    def convert(value: Any, name: str) -> Any:
        if isinstance(value, dict):
            out = CommentedMap()
            for key, inner in value.items():
                out[key] = convert(inner, key)
            return out
        if isinstance(value, list | tuple):
            seq = CommentedSeq([convert(v, name) for v in value])
            if name in ("countries", "subjects", "names", "authors", "are", "include", "by"):
                seq.fa.set_flow_style()
            return seq
        text = str(value)
        foldable = len(text) + len(name) > 60 and " " in text and "\n" not in text and text == text.strip()
        if foldable and "  " not in text and not text.startswith(("#", "-", "[", "{", "'", '"')):
            return FoldedScalarString(text)
        return Plain(text)

    buffer = io.StringIO()
    yaml.dump(CommentedSeq([convert(item, "")]), buffer)
    lines = _joined(buffer.getvalue().splitlines())
    return "".join(" " * indent + line[2:] + "\n" for line in lines)


def _joined(lines: list[str]) -> list[str]:
    """A value too long for the width but with no space to fold at (a URL) back on its key's line:
    ruamel puts it on the next line after a trailing space, which reads the same but looks broken."""
    out: list[str] = []
    for line in lines:
        if out and out[-1].endswith(": ") and line.strip() and " " not in line.strip():
            out[-1] += line.strip()
        else:
            out.append(line)
    return out


@dataclass(frozen=True)
class _Spot:
    dash: int  # column of the list's dashes (0-based)
    last: int  # 0-based line where the last item starts
    flow: bool
    offset: int | None = None  # where that line starts in the log's bytes, if known


def _spot(raw: bytes, name: str) -> _Spot | None:
    """Where the top-level list `name` is, from libyaml's events (fast on a large log)."""
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    depth = 0
    key_next = False
    target = False
    dash = last = -1
    for event in yaml.parse(raw, Loader=loader):
        mark: Any = event.start_mark
        if isinstance(event, yaml.MappingStartEvent | yaml.SequenceStartEvent):
            if target and depth == 1:
                if not isinstance(event, yaml.SequenceStartEvent):
                    return None
                if event.flow_style:
                    return _Spot(mark.column, mark.line, True)
                dash = mark.column
            elif target and depth == 2:
                last = mark.line
            depth += 1
            key_next = depth == 1
            continue
        if isinstance(event, yaml.MappingEndEvent | yaml.SequenceEndEvent):
            depth -= 1
            if target and depth == 1:
                return _Spot(dash, last, False) if last >= 0 else None
            key_next = depth == 1
            continue
        if isinstance(event, yaml.ScalarEvent):
            if target and depth == 2:
                last = mark.line
            elif depth == 1:
                if key_next:
                    target = event.value == name
                    key_next = False
                    continue
                target = False
                key_next = True
    return None


def _confirmed_spot(raw: bytes, name: str, listings: list[Listing]) -> _Spot | None:
    listing = next((found for found in listings if found.name == name), None)
    if listing is None or not listing.chunks:
        return None
    last = listing.chunks[-1]
    start = raw.rfind(b"\n" + b" " * listing.dash + b"-", last.start, listing.end)
    start = start + 1 if start >= 0 else last.start  # the last entry's dash line
    return _Spot(listing.dash, last.line - 1 + raw.count(b"\n", last.start, start), False, start)


def _kept_lines(raw: bytes, end: int) -> int:
    """`end`, the last line with text of an item, or the last line of the blank lines after it that
    are its value's: a block scalar with `+` keeps its trailing newlines, so they must stay before
    anything added after it (they would become the new entry's, and the old value would lose them)."""
    if not loglines.keeps(raw):
        return end
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    for event in yaml.parse(raw, Loader=loader):
        if not isinstance(event, yaml.ScalarEvent) or event.style not in ("|", ">"):
            continue
        first: Any = event.start_mark
        if first.line > end:
            break
        if not event.value.endswith("\n\n"):
            continue
        last: Any = event.end_mark  # after the kept newlines: the next line's start, or the end
        through: int = last.line - 1 if last.column == 0 else last.line
        if first.line <= end < through:
            return through
    return end


def insert(
    raw: bytes, name: str, item: dict[str, Any], shown: str, listings: list[Listing] | None = None
) -> tuple[bytes, int]:
    """The log with `item` after the last entry of its top-level list `name`, and the item's 1-based line.

    `listings` are the log's lists as an incremental read confirmed them (`tracker.log.layout`): where
    the list's last entry starts is known without parsing the log again."""
    spot = _confirmed_spot(raw, name, listings) if listings is not None else None
    spot = spot or _spot(raw, name)
    if spot is None and not _has_key(raw, name):  # the first of its kind: a new list at the log's end
        return _appended(raw, name, item)
    if spot is None or spot.flow:
        how = "in flow style ([...])" if spot is not None else "not a list with entries"
        raise Refused(
            [Problem(Location(shown, 1, 1), f"'{name}' is {how}; write it as a block list to add to it")]
        )
    offset = spot.offset if spot.offset is not None else loglines.offset_of(raw, spot.last)
    lines = loglines.spans(raw, offset)  # from the last item's first line on: the rest is left as it is
    first = next(lines, (offset, offset))
    end, after = spot.last, first[1]
    for number, (a, b) in enumerate(lines, spot.last + 1):
        line = raw[a:b].decode("utf-8")
        body = line.lstrip(" ")
        if not body.strip():
            continue
        if len(line) - len(body) > spot.dash:
            end, after = number, b  # a field, a continued value, or a comment inside the item
        elif not body.startswith("#"):
            break
    kept = _kept_lines(raw, end)
    after = loglines.after(raw, after, kept - end)
    opening = raw[first[0] : first[1]] or b"\n"
    newline = b"\r\n" if opening.endswith(b"\r\n") else b"\r" if opening.endswith(b"\r") else b"\n"
    view = memoryview(raw)
    gap = newline if after and not raw.endswith((b"\n", b"\r"), 0, after) else b""
    new = render(item, spot.dash).replace("\n", newline.decode("ascii")).encode("utf-8")
    return b"".join((view[:after], gap, new, view[after:])), kept + 2


def _has_key(raw: bytes, name: str) -> bool:
    """Whether the log's top-level mapping has the key `name` (at any value)."""
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    depth, key_next = 0, False
    for event in yaml.parse(raw, Loader=loader):
        if isinstance(event, yaml.MappingStartEvent | yaml.SequenceStartEvent):
            depth += 1
            key_next = depth == 1
        elif isinstance(event, yaml.MappingEndEvent | yaml.SequenceEndEvent):
            depth -= 1
            key_next = depth == 1
        elif isinstance(event, yaml.ScalarEvent) and depth == 1:
            if key_next and event.value == name:
                return True
            key_next = not key_next
    return False


def _appended(raw: bytes, name: str, item: dict[str, Any]) -> tuple[bytes, int]:
    """The log with a new top-level list `name` at its end, holding `item` (indented as the events are),
    and the item's 1-based line: the first entry of a list the log did not have."""
    events = _spot(raw, "events")
    dash = events.dash if events is not None and not events.flow else 2
    text = raw.decode("utf-8")
    newline = "\r\n" if "\r\n" in text else "\r" if "\r" in text and "\n" not in text else "\n"
    if text and not text.endswith(("\n", "\r")):
        text += newline
    head = f"{newline}{name}:{newline}"
    line = len(_LINE.findall(text)) + 3  # after the log's lines: a blank one, the key, then the item
    return (text + head + render(item, dash).replace("\n", newline)).encode("utf-8"), line


def insert_citations(
    raw: bytes,
    event: Any,
    entries: Sequence[dict[str, Any]],
    shown: str,
    listings: list[Listing] | None = None,
) -> tuple[bytes, int]:
    """The log with `entries` (citations as mappings) after the last citation of `event` (read from this
    `raw`), and the line of the first new one. Every existing byte stays; a flow-style cite list is
    refused. `listings` (as for `insert`) find the event's line without counting every line before it."""
    start = event.location.line - 1  # the event's "- id:" line
    offset = loglines.offset_of(raw, start, listings)
    spans: list[tuple[int, int]] = []
    lines: list[str] = []
    key = None
    for a, b in loglines.spans(raw, offset):
        spans.append((a, b))
        lines.append(raw[a:b].decode("utf-8"))
        if lines[-1].lstrip(" -").startswith("cite:"):
            key = len(lines) - 1
            break
    if key is None or lines[key].split("cite:", 1)[1].strip().startswith("["):
        raise Refused(
            [Problem(event.location, f"event '{event.id}' writes 'cite' in flow style; add to it by hand")]
        )
    indent = len(lines[key]) - len(lines[key].lstrip(" "))
    end, after = key, spans[key][1]
    first_item = ""
    for number, (a, b) in enumerate(loglines.spans(raw, spans[key][1]), key + 1):
        line = raw[a:b].decode("utf-8")
        if number == key + 1:
            first_item = line
        body = line.lstrip(" ")
        if not body.strip():
            continue
        if len(line) - len(body) > indent or (len(line) - len(body) == indent and body.startswith("- ")):
            end, after = number, b
        else:
            break
    kept = _kept_lines(raw, start + end)
    after = loglines.after(raw, after, kept - start - end)
    newline = "\r\n" if lines[0].endswith("\r\n") else "\n"
    view = memoryview(raw)
    gap = b"" if raw.endswith((b"\n", b"\r"), 0, after) else newline.encode("ascii")
    dashes = indent + 2  # items under 'cite:' in the log's block style
    if first_item.lstrip(" ").startswith("- "):
        dashes = len(first_item) - len(first_item.lstrip(" "))
    new = "".join(render(entry, dashes) for entry in entries).replace("\n", newline)
    return b"".join((view[:after], gap, new.encode("utf-8"), view[after:])), kept + 2
