"""Work remembered between reads of a log: entries already read, quotes already verified.

The log layer decides what is remembered and under which key; where it is
kept is the caller's (`Store`: the application keeps it in the cache folder,
`tracker.app.store`; a test may keep it in a dict). Every key is derived from
the content the work depended on (the entries' bytes, an article's hash and a
quote, with the versions of the code that did the work), so a remembered
result can only be reused for the same inputs. Whatever a store hands back is
checked before it is believed (`unseal`: its length, checksum and key); a
value that is missing, damaged or written by other code is the same as none,
and the work is done again. `open_log` works the same with or without one.

A `Memo` is one run's view of a store: it also keeps, in memory, the items
read and the quotes verified during the run, so a command that reads a log
twice (`add`: before and after its insertion) does the work once.
"""

from __future__ import annotations

import hashlib
import marshal
import os
import struct
import sys
import zlib
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, Protocol

from tracker.model import EventLog, Problems

MAGIC = b"TRKMEMO1"
_HEAD = struct.Struct("<8sQI32s")  # magic, payload length, crc32, key's digest
# The interpreter's own format for code objects and plain values: fast, and it cannot run code when
# read; its format changes between Python versions, so the version is part of every key.
_QUOTE = 16  # bytes of a quote's digest (tracker.log.verified)
_MARSHAL = f"{marshal.version}-{sys.version_info[:2]}"


class Store(Protocol):
    """Bytes kept under a key between runs; anything may be missing, and anything may be damaged."""

    def get(self, key: str) -> bytes | None: ...

    def put(self, key: str, data: bytes) -> None: ...


def key(*parts: object) -> str:
    """A store key from the parts a value depends on (their text, in order)."""
    text = "\0".join(str(p) for p in (_MARSHAL, *parts))
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=20).hexdigest()


def seal(name: str, value: Any) -> bytes:
    """`value` (plain data: tuples, lists, dicts, str, bytes, int, bool, None) as stored bytes."""
    payload = marshal.dumps(value, 4)
    head = _HEAD.pack(MAGIC, len(payload), zlib.crc32(payload), hashlib.sha256(name.encode()).digest())
    return head + payload


def unseal(name: str, data: bytes | None) -> Any:
    """The value sealed under `name`, or None if `data` is missing, cut, damaged or another key's.

    The checksum catches a damaged file; the store's folder is the user's own (only they may write
    it), so nothing here defends against a crafted one."""
    if data is None or len(data) < _HEAD.size:
        return None
    magic, size, crc, named = _HEAD.unpack_from(data)
    payload = memoryview(data)[_HEAD.size :]
    if magic != MAGIC or size != len(payload) or named != hashlib.sha256(name.encode()).digest():
        return None
    if zlib.crc32(payload) != crc:
        return None
    try:
        return marshal.loads(payload)
    except (ValueError, EOFError, TypeError):
        return None


@dataclass
class _Opened:
    raw: bytes
    where: tuple[Path, str, date]
    log: EventLog | None
    problems: Problems
    listings: list[Any] | None  # the lists as the incremental reader found and confirmed them
    articles: tuple[tuple[str, str | None, str | None], ...]  # what `articles` said then


@dataclass
class Memo:
    """One run's memory over a `Store` (or none): what it keeps, and what it did this run."""

    store: Store | None = None
    again: bool = False  # the same log may be opened again this run (`add`): keep what it gave
    chunks: dict[str, tuple[int, int, str, list[Any], Any]] = field(default_factory=dict)
    quotes: dict[str, set[bytes]] = field(default_factory=dict)
    unsaved: set[str] = field(default_factory=set)  # quote sets with verifications to keep
    opened: list[_Opened] = field(default_factory=list)
    read: int = 0  # chunks read from their text this run (a miss), for tests and benchmarks
    reused: int = 0  # chunks taken from the store or from memory
    confirmed: list[Any] | None = None  # the last incremental read's lists (layout.Listing), if it held
    parts: tuple[Any, list[Any]] | None = None  # the last read's events and their parts (log.parts)

    def get(self, name: str) -> Any:
        if self.store is None:
            return None
        try:
            data = self.store.get(name)
        except OSError:
            return None
        return unseal(name, data)

    def put(self, name: str, value: Any) -> None:
        if self.store is None:
            return
        try:
            self.store.put(name, seal(name, value))
        except (OSError, ValueError):  # ValueError: marshal refused a value (none is expected)
            return

    def quote_set(self, name: str) -> set[bytes]:
        """The digests of the quotes verified in one article (`tracker.log.verified`), kept this run."""
        known = self.quotes.get(name)
        if known is None:
            stored = self.get(name)
            known = set()
            if isinstance(stored, bytes) and len(stored) % _QUOTE == 0:
                known = {stored[i : i + _QUOTE] for i in range(0, len(stored), _QUOTE)}
            self.quotes[name] = known
        return known

    def save_quotes(self) -> None:
        """Keep the quote sets that gained verifications this run."""
        for name in sorted(self.unsaved):
            self.put(name, b"".join(sorted(self.quotes[name])))
        self.unsaved.clear()

    def remembered(
        self, raw: bytes, path: Path, shown: str, today: date
    ) -> tuple[EventLog | None, Problems] | None:
        """The log and problems `open_log` gave this run for these very bytes, if it has read them."""
        for opened in self.opened:
            if opened.where == (path, shown, today) and opened.raw == raw:
                if opened.log is not None and articles(opened.log) != opened.articles:
                    return None  # an article changed meanwhile: its checks must run again
                return opened.log, opened.problems
        return None

    def remember(
        self, raw: bytes, path: Path, shown: str, today: date, log: EventLog | None, problems: Problems
    ) -> None:
        """Keep what `open_log` gave for these bytes, where their lists are and what its articles were
        then (the last two logs opened: before and after an addition), if the run may ask again."""
        if not self.again:
            return
        seen = articles(log) if log is not None else ()
        opened = _Opened(raw, (path, shown, today), log, problems, self.confirmed, seen)
        self.opened = [*self.opened[-1:], opened]

    def listings(self, raw: bytes) -> list[Any] | None:
        """Where the lists of a log opened this run are (`layout.listings`), if reading confirmed them."""
        return next((o.listings for o in self.opened if o.raw == raw), None)


def articles(log: EventLog) -> tuple[tuple[str, str | None, str | None], ...]:
    """Each local article of the log as the checks see it: its file, where it leads and its hash."""
    from tracker.files import Corpus, OutsideCorpus

    try:
        corpus = Corpus(Path(log.path), log.corpus)
    except OutsideCorpus:
        return ()
    out: list[tuple[str, str | None, str | None]] = []
    for file in dict.fromkeys(s.file for s in log.sources if s.file is not None):
        try:
            out.append(
                (file, os.path.realpath(corpus.path(file)), hashlib.sha256(corpus.read(file)).hexdigest())
            )
        except (OSError, OutsideCorpus, ValueError):
            out.append((file, None, None))
    return tuple(out)
