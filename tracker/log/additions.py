"""Adding a source or an event to a log without touching a byte that was there.

The new item is built as a mapping in the shapes' field order and written
by ruamel.yaml (imported here only) in the log's block style; its text is
then inserted after the last item of its list, so every existing byte
(comments, quoting, blank lines, line endings, a BOM) stays as it was, and
every existing item must read back with the values it had. The whole result
is read and checked by `open_log` before it replaces the file, through
`tracker.writing`: the log is locked from its read to its replacement, and
replaced only if it still holds the bytes that were read. A local article is
copied into the corpus beside it, unchanged.

New items go at the end of their list: a log is read in date order whatever
its file order, and the end of the file is where a curator looks for what
was added last.
"""

from __future__ import annotations

import difflib
import hashlib
import os
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from tracker import urls, writing
from tracker.errors import Refused
from tracker.log import lines as loglines
from tracker.log.layout import Listing
from tracker.log.memo import Memo, Store
from tracker.log.schema import ASSERTION, EVENT, SOURCE, Shape
from tracker.model import Assertion, Citation, Event, EventLog, Location, Problem, Problems, Source

_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+\Z")
_SLUG = re.compile(r"[^a-z0-9]+")
ID_LENGTH = 40  # a proposed id is cut to this many characters


@dataclass(frozen=True)
class Citing:
    source: str
    quote: str | None = None
    note: str | None = None
    names: tuple[str, ...] | None = None  # the subjects it names; None: all of them
    differs: bool = False
    origin: str | None = None  # the original this quote repeats, where only it does


@dataclass
class Plan:
    """What an addition will do: the log's new bytes, and an article to copy (local sources)."""

    path: Path
    shown: str
    old: bytes
    new: bytes
    item_id: str
    line: int  # where the new item starts in the new log
    article: tuple[bytes, Path, str] | None = None  # (the bytes that were hashed, to, sha256)
    notes: list[str] = field(default_factory=list)
    advice: list[str] = field(default_factory=list)  # what the curator should do next
    lock: writing.LogLock | None = None  # held from the read of `old` until the log is written

    def release(self) -> None:
        """Let another program write the log: call once the plan is written or dropped."""
        lock, self.lock = self.lock, None
        if lock is not None:
            lock.release()

    def diff(self) -> Iterator[str]:
        """A unified diff of the log, as difflib writes one.

        On a large log (over DIFF_LINES lines) the lines both versions share at either end are set
        aside first, keeping the context, so it costs little more than on a small one; where the
        new lines could be shown one place or another (an entry ending with the same line as the
        one before it), the longer shared end is kept whole, as difflib's longest match does."""
        if max(self.old.count(b"\n"), self.new.count(b"\n")) <= DIFF_LINES:
            start, old_end, new_end = 0, len(self.old), len(self.new)
        else:
            start, old_end, new_end = loglines.changed(self.old, self.new)
        skipped = self.old.count(b"\n", 0, start)
        old = self.old[start:old_end].decode("utf-8").splitlines(keepends=True)
        new = self.new[start:new_end].decode("utf-8").splitlines(keepends=True)
        for line in difflib.unified_diff(old, new, self.shown, self.shown, n=loglines.CONTEXT):
            if skipped and line.startswith("@@ "):
                line = _HUNK.sub(lambda m: f"{m.group(1)}{int(m.group(2)) + skipped}", line)
            yield line if line.endswith(("\n", "\r")) else line + "\n"


DIFF_LINES = 20_000  # a diff of a log this long or shorter is difflib's over the whole text
_HUNK = re.compile(r"([-+])(\d+)")
# -- ids ------------------------------------------------------------------


def slug(text: str) -> str:
    """Lower-case letters, digits and single dashes, at most ID_LENGTH characters."""
    return _SLUG.sub("-", text.lower()).strip("-")[:ID_LENGTH].strip("-")


def propose_id(reference: str, taken: set[str]) -> str:
    """An id from a file's name or a URL's host and path, made unique with -2, -3, ..."""
    if urls.is_web(reference):
        parts = urlsplit(reference)
        host = (parts.hostname or "").removeprefix("www.").rsplit(".", 1)[0]
        words = [w for w in parts.path.split("/") if w][-1:]
        base = slug(" ".join([host, *words])) or "source"
    else:
        base = slug(Path(reference).stem) or "source"
    if base[0] == "-" or not base[0].isalnum():
        base = "source-" + base
    found, n = base, 1
    while found in taken:
        n += 1
        found = f"{base[: ID_LENGTH - len(str(n)) - 1]}-{n}"
    return found


# -- building the item ----------------------------------------------------


def source_item(values: dict[str, Any]) -> dict[str, Any]:
    return _ordered(SOURCE, values)


def assertion_item(values: dict[str, Any]) -> dict[str, Any]:
    """An assertion's fields in the shape's order; its answer list is kept even when empty (`are: []`
    asserts that there is none)."""
    item = _ordered(ASSERTION, values)
    for name in ("are", "include"):
        if values.get(name) is not None and name not in item:
            item[name] = []
    return {f.name: item[f.name] for f in ASSERTION.fields if f.name in item}


def event_item(values: dict[str, Any], cites: Sequence[Citing]) -> dict[str, Any]:
    item = _ordered(EVENT, values)
    item["cite"] = [_citation(c) for c in cites]
    return item


def _citation(citing: Citing) -> dict[str, Any]:
    out: dict[str, Any] = {"source": citing.source}
    if citing.quote is not None:
        out["quote"] = citing.quote
    if citing.note:
        out["note"] = citing.note
    if citing.names is not None:
        out["names"] = list(citing.names)
    if citing.differs:
        out["differs"] = "true"
    if citing.origin:
        out["origin"] = citing.origin
    return out


def _ordered(shape: Shape, values: dict[str, Any]) -> dict[str, Any]:
    """The given values in the shape's field order, empty ones left out."""
    return {f.name: values[f.name] for f in shape.fields if values.get(f.name) not in (None, "", [], ())}


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


# -- where it goes --------------------------------------------------------


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
    raw: bytes, event: Any, cites: Sequence[Citing], shown: str, listings: list[Listing] | None = None
) -> tuple[bytes, int]:
    """The log with `cites` after the last citation of `event` (read from this `raw`), and the line of
    the first new one. Every existing byte stays; a flow-style cite list is refused. `listings` (as
    for `insert`) find the event's line without counting every line before it."""
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
    new = "".join(render(_citation(c), dashes) for c in cites).replace("\n", newline)
    return b"".join((view[:after], gap, new.encode("utf-8"), view[after:])), kept + 2


# -- checking and writing -------------------------------------------------


def plan(
    log_path: Path,
    shown: str,
    name: str,
    item: dict[str, Any],
    *,
    article: tuple[bytes, Path, str] | None = None,
    pending_file: str | None = None,
    today: date,
    verify: Verify | None = None,
    store: Store | Memo | None = None,
) -> Plan:
    """The checked result of adding `item` to list `name`; `Refused` with the problems if it is invalid.

    `pending_file` is the new source's corpus file while it is not copied yet
    (a dry run): its absence is not held against the result. `store` (or the
    command's `Memo`) remembers work: the log before the addition is read and
    checked once (not again if the command already opened these bytes), and
    the log after it re-reads only the entries the insertion touched and
    re-verifies only the new quotes, then runs the checks across the log.
    """
    from tracker.log import open_log

    memo = store if isinstance(store, Memo) else Memo(store)
    memo.again = True  # the log is opened twice: before and after
    lock = writing.LogLock(log_path)
    try:
        raw, before = _valid(log_path, shown, today, memo)
        new, line = insert(raw, name, item, shown, memo.listings(raw))
        after, problems = open_log(log_path, shown, new, today=today, store=memo)
        if pending_file is not None:
            missing = (
                f"source file {before.corpus}/{pending_file} does not exist",
                f"cannot read source file {before.corpus}/{pending_file}: No such file or directory",
            )
            problems = Problems([p for p in problems if p.message not in missing], problems.more)
        if after is None or problems:
            raise Refused(problems)
        _verified(after, verify)
        _same(after, name, item, shown, line)
        _kept(before, after, shown)
    except BaseException:
        lock.release()
        raise
    return Plan(log_path, shown, raw, new, str(item["id"]), line, article, lock=lock)


def plan_citations(
    log_path: Path,
    shown: str,
    event_id: str,
    cites: Sequence[Citing],
    *,
    today: date,
    verify: Verify | None = None,
    store: Store | Memo | None = None,
) -> Plan:
    """The checked result of adding `cites` to an existing event; `Refused` if anything is wrong."""
    from tracker.log import open_log

    memo = store if isinstance(store, Memo) else Memo(store)
    memo.again = True  # the log is opened twice: before and after
    lock = writing.LogLock(log_path)
    try:
        got, before = _valid(log_path, shown, today, memo)
        event = next((e for e in before.events if e.id == event_id), None)
        if event is None:
            raise Refused([Problem(Location(shown, 1, 1), f"no event '{event_id}' in the log")])
        new, line = insert_citations(got, event, cites, shown, memo.listings(got))
        after, problems = open_log(log_path, shown, new, today=today, store=memo)
        if after is None or problems:
            raise Refused(problems)
        _verified(after, verify)
        changed = next(e for e in after.events if e.id == event_id)
        added = changed.citations[len(event.citations) :]
        if [(c.source, c.quote) for c in added] != [(c.source, c.quote) for c in cites]:
            raise Refused(
                [Problem(Location(shown, line, 1), "the new citations do not read back as written")]
            )
        _kept(before, after, shown, event_id)
    except BaseException:
        lock.release()
        raise
    return Plan(log_path, shown, got, new, event_id, line, lock=lock)


# What `check` does beyond `open_log` (the log's assertions, replayed by the queries this layer may not
# import): the caller passes it in, and an addition that fails it is refused like any other problem.
Verify = Callable[[EventLog], Sequence[Problem]]


def _verified(log: EventLog, verify: Verify | None) -> None:
    failed = verify(log) if verify is not None else ()
    if failed:
        raise Refused(sorted(failed, key=lambda p: p.location))


def _valid(log_path: Path, shown: str, today: date, memo: Memo) -> tuple[bytes, EventLog]:
    """The log's bytes and the log they read as; `Refused` unless it is valid before any addition."""
    from tracker.log import open_log, read_raw

    got = read_raw(log_path, shown)
    if isinstance(got, Problem):
        raise Refused([got])
    before, problems = open_log(log_path, shown, got, today=today, store=memo)
    if before is None or problems:
        raise Refused(problems, invalid_log=shown)
    return got, before


def _same(log: EventLog, name: str, item: dict[str, Any], shown: str, line: int) -> None:
    """The new item reads back as given: the writer's quoting kept every character."""
    items: Sequence[Source | Event | Assertion] = (
        log.sources if name == "sources" else log.assertions if name == "assertions" else log.events
    )
    found = next((i for i in items if i.location.line == line), None)
    wrong = found is None or found.id != item["id"]
    if found is not None and not wrong:
        for key in ("title", "note", "outlet", "published_clue", "url", "file"):
            if key in item and getattr(found, key, None) != item[key]:
                wrong = True
        quotes = [c.get("quote") for c in item.get("cite", [])]
        if name == "events" and [c.quote for c in getattr(found, "citations", ())] != quotes:
            wrong = True
    if wrong:
        raise Refused([Problem(Location(shown, line, 1), "the new entry does not read back as written")])


def _same_values(old: Source | Event | Assertion, new: Source | Event | Assertion, cited: str | None) -> bool:
    """Whether an item reads back with the values it had, wherever it is now written (the event
    `cited` with its old citations first)."""
    if old is new:
        return True
    if type(old) is not type(new) or old.id != new.id:
        return False
    if isinstance(old, Source):
        return all(getattr(old, f) == getattr(new, f) for f in _SOURCE_VALUES)
    if not isinstance(old, Event):
        return _unplaced(old) == _unplaced(new)  # type: ignore[arg-type]
    assert isinstance(new, Event)
    citations = new.citations[: len(old.citations)] if old.id == cited else new.citations
    return (
        all(getattr(old, f) == getattr(new, f) for f in _EVENT_VALUES)
        and len(old.citations) == len(citations)
        and all(
            all(getattr(a, f) == getattr(b, f) for f in _CITATION_VALUES)
            for a, b in zip(old.citations, citations, strict=True)
        )
    )


def _unplaced(item: Assertion) -> Assertion:
    """An item's values without where they were written, which an addition may move."""
    return replace(item, location=_NOWHERE)


def _values(kind: type, *placed: str) -> tuple[str, ...]:
    """The fields of `kind` that its equality compares, but where it is written."""
    import dataclasses

    return tuple(f.name for f in dataclasses.fields(kind) if f.compare and f.name not in placed)


_NOWHERE = Location("", 0, 0)
_SOURCE_VALUES = _values(Source, "location")
_EVENT_VALUES = _values(Event, "location", "citations")
_CITATION_VALUES = _values(Citation, "location")


def _kept(before: EventLog, after: EventLog, shown: str, cited: str | None = None) -> None:
    """Every item that was there reads back with the values it had (the event `cited` with its old
    citations first): an addition changes nothing but what it adds, whatever `check` says."""
    pairs: list[tuple[Source | Event | Assertion, Source | Event | Assertion]] = [
        *zip(before.sources, after.sources, strict=False)
    ]
    pairs += zip(before.events, after.events, strict=False)
    pairs += zip(before.assertions, after.assertions, strict=False)
    for old, new in pairs:
        if not _same_values(old, new, cited):
            message = (
                f"the addition would change '{old.id}' (first at line {old.location.line}); add it by hand"
            )
            raise Refused([Problem(new.location, message)])
    if (before.corpus, before.roles, before.reviewed) != (after.corpus, after.roles, after.reviewed):
        raise Refused(
            [Problem(Location(shown, 1, 1), "the addition would change the log's header; add it by hand")]
        )


def write(result: Plan) -> None:
    """Copy the article (never over a file), then replace the log if it still holds the bytes the plan
    was made from; undo the copy if the log was not replaced. Failures are `writing.Unwritable`."""
    copied = None
    log = writing.Writing(result.path, expect=result.old)  # judged before the article is copied
    try:
        log.write(result.new)
        if result.article is not None:
            data, target, _ = result.article
            try:
                target.parent.mkdir(exist_ok=True)
            except OSError as err:
                raise writing.Unwritable(
                    err.errno or 0, err.strerror or str(err), str(target.parent)
                ) from None
            copied = writing.write_file(target, data, replace=False).target
        log.commit()
    except writing.Changed:
        raise writing.Changed(
            0,
            "the log changed meanwhile (another program wrote it after tracker read it)",
            result.shown,
        ) from None
    finally:
        if copied is not None and not log.committed:
            copied.unlink(missing_ok=True)
        log.discard()


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def corpus_clash(root: Path, name: str, digest: str, log: EventLog) -> str | None:
    """Why an article cannot join the corpus under `name`: the name taken, or its content already there."""
    if (root / name).exists() or any(s.file == name for s in log.sources):
        return f"{log.corpus}/{name} already exists; rename the file or cite the article already there"
    from tracker.files import Corpus, OutsideCorpus

    try:
        corpus = Corpus(Path(log.path), log.corpus)  # the bound on what is read, as check's
        entries = list(os.scandir(root))
    except (OSError, OutsideCorpus):
        entries = []
    for entry in entries:
        try:
            if entry.is_file() and sha256(corpus.read(entry.name)) == digest:
                return f"the same article is already in the corpus as {log.corpus}/{entry.name}"
        except (OSError, OutsideCorpus):  # unreadable, too large, hidden or a link out: not an article
            continue
    return None
