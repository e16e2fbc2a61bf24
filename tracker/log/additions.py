"""Adding a source or an event to a log without touching a byte that was there.

The new item is built here as a mapping in the shapes' field order; its text,
written by ruamel.yaml in the log's block style, is then inserted after the
last item of its list (`insertion`), so every existing byte (comments,
quoting, blank lines, line endings, a BOM) stays as it was, and every
existing item must read back with the values it had (`readback`). The whole result
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
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from tracker import locking, urls, writing
from tracker.errors import Refused
from tracker.log import lines as loglines
from tracker.log.insertion import insert, insert_citations
from tracker.log.memo import Memo, Store
from tracker.log.readback import kept, same
from tracker.log.schema import ASSERTION, EVENT, SOURCE, Shape
from tracker.model import EventLog, Location, Problem, Problems

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
    lock: locking.LogLock | None = None  # held from the read of `old` until the log is written

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
    lock = locking.LogLock(log_path)
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
        same(after, name, item, shown, line)
        kept(before, after, shown)
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
    lock = locking.LogLock(log_path)
    try:
        got, before = _valid(log_path, shown, today, memo)
        event = next((e for e in before.events if e.id == event_id), None)
        if event is None:
            raise Refused([Problem(Location(shown, 1, 1), f"no event '{event_id}' in the log")])
        new, line = insert_citations(got, event, [_citation(c) for c in cites], shown, memo.listings(got))
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
        kept(before, after, shown, event_id)
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
    """Why an article cannot join the corpus under `name`: the name taken, or its content already
    there, as a source's article (wherever in the corpus, `pages/` too: check compares them all) or
    as any other file at the corpus's top."""
    if (root / name).exists() or any(s.file == name for s in log.sources):
        return f"{log.corpus}/{name} already exists; rename the file or cite the article already there"
    from tracker.files import Corpus, OutsideCorpus

    try:
        corpus = Corpus(Path(log.path), log.corpus)  # the bound on what is read, as check's
    except (OSError, OutsideCorpus):
        return None
    from tracker.log.sourcerules import file_identity  # the identity check's duplicate rule compares

    for source in log.sources:
        identity = file_identity(corpus, source.file) if source.file is not None else None
        if identity is not None and identity[1] == digest:
            return (
                f"the same article is already in the corpus as {log.corpus}/{source.file} "
                f"(source '{source.id}'); cite that source"
            )
    try:
        entries = list(os.scandir(root))
    except OSError:
        entries = []
    for entry in entries:
        try:
            if entry.is_file() and sha256(corpus.read(entry.name)) == digest:
                return f"the same article is already in the corpus as {log.corpus}/{entry.name}"
        except (OSError, OutsideCorpus):  # unreadable, too large, hidden or a link out: not an article
            continue
    return None
