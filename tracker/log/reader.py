"""Composed YAML nodes to the model, keeping the file, line and column of values.

Each value is checked on its own here (an event's in `eventreader`), against
the field shapes in `schema`; checks that need the whole log are in `check`,
and the bytes become nodes in `parsing`. Problems are collected, not raised,
so a curator sees them all.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from tracker.log import assertions, schema
from tracker.log.eventreader import EventReader
from tracker.log.parsing import parse, preflight
from tracker.log.raw import read_raw
from tracker.log.schema import FORMAT_VERSION
from tracker.log.yamlstream import Node, ReadSeq
from tracker.model import (
    Correction,
    Entity,
    EventLog,
    Location,
    Problem,
    Problems,
    PublishedBasis,
    Roles,
    Source,
    TitleBasis,
    unpack,
)

_T = TypeVar("_T")


def load(
    path: Path, display: str | None = None, raw: bytes | None = None
) -> tuple[EventLog | None, Problems]:
    """Read and structurally validate a log; `display` names it in messages.

    `raw` is the log's bytes when the caller has read them already (the cache
    hashes the same bytes it hands over, so the two can never disagree).
    """
    name = display if display is not None else str(path)
    start = Location(name, 1, 1)
    if raw is None:
        got = read_raw(path, name)
        if isinstance(got, Problem):
            return None, Problems([got])
        raw = got
    refused = preflight(raw, name)
    if refused:
        return None, refused
    reader = Reader(name)
    streamed = {"sources": ("source", reader.read_source), "events": ("event", reader.read_event)}
    root, problems = parse(raw, name, streamed)  # type: ignore[arg-type]
    if problems:
        return None, problems
    if root is None:
        return None, Problems(
            [Problem(start, "the log is empty; expected a mapping with 'sources' and 'events'")]
        )
    log = reader.read_log(root, str(path))
    return log, reader.problems.report()


class Reader(EventReader):
    """Turns composed nodes into the log: its header, entities, sources and corrections, and (through
    `EventReader`) its events and citations."""

    # -- the log ----------------------------------------------------------

    def read_log(self, root: Node, path: str) -> EventLog | None:
        top = self.mapping(root, "the log", schema.LOG)
        if top is None:
            return None
        locs = {name: self.loc(value) for name, (_, value) in top.items()}
        if "format" in top:
            node = top["format"][1]
            version = self.text(node, "format")
            if version is not None and version != FORMAT_VERSION:
                self.fail(
                    node,
                    f"format '{version}' is not supported; this tracker reads format {FORMAT_VERSION}",
                )
        corpus = "."
        if "corpus" in top:
            corpus = self.text(top["corpus"][1], "corpus") or "."
        roles = self.read_roles(top["roles"][1], locs) if "roles" in top else Roles()
        reviewed = None
        if "reviewed" in top:
            node = top["reviewed"][1]
            reviewed = self.date(node, "reviewed", False)
            if reviewed is not None and reviewed.day is None:
                self.fail(node, f"reviewed must be a day (YYYY-MM-DD), not '{reviewed.iso()}'")
                reviewed = None
        entities = self._read_list(top, "entities", "entity", self.read_entity)
        sources = self._read_list(top, "sources", "source", self.read_source)
        events = self._read_list(top, "events", "event", self.read_event)
        corrections = self._read_list(top, "corrections", "correction", self.read_correction)
        stated = self._read_list(top, "assertions", "assertion", lambda n, w, i: assertions.read(self, n, w))
        return EventLog(
            path,
            corpus,
            roles,
            tuple(sources),
            tuple(events),
            locs,
            reviewed,
            tuple(entities),
            corrections=tuple(corrections),
            assertions=tuple(stated),
        )

    def _read_list(
        self,
        top: dict[str, tuple[Node, Node]],
        name: str,
        what: str,
        read: Callable[[Node, str, int], _T | None],
    ) -> list[_T]:
        if name not in top:
            return []
        node = top[name][1]
        if isinstance(node, ReadSeq):  # read while it was parsed
            if not self._untagged(node):
                return []
            return node.items  # type: ignore[return-value]
        out = []
        for i, item_node in enumerate(self.items(node, name)):
            item = read(item_node, f"{what} #{i + 1}", i)
            if item is not None:
                out.append(item)
        return out

    def read_roles(self, node: Node, locs: dict[str, Location]) -> Roles:
        """The roles; where each code was written goes into `locs` as 'roles.party.IL'."""
        fields = self.mapping(node, "roles", schema.ROLES)
        if fields is None:
            return Roles()
        found: dict[str, list[str]] = {}
        for role in ("party", "broker"):
            codes, where = self.codes(fields[role][1], f"roles.{role}") if role in fields else ([], {})
            found[role] = codes
            locs.update(
                {f"roles.{role}.{code}": Location(self.file, *unpack(at)) for code, at in where.items()}
            )
        return Roles(tuple(found["party"]), tuple(found["broker"]))

    def read_entity(self, node: Node, what: str, index: int = 0) -> Entity | None:
        """A party with no ISO code: an id events can name, and the name answers show."""
        fields = self.mapping(node, what, schema.ENTITY)
        if fields is None or "id" not in fields or "name" not in fields:
            return None
        entity_id = self.ident(fields["id"][1], f"{what} id")
        name = self.text(fields["name"][1], f"{what} name", one_line=True)
        note = self.text(fields["note"][1], f"{what} note") if "note" in fields else None
        if entity_id is None or name is None:
            return None
        return Entity(sys.intern(entity_id), name.strip(), note, self.loc(fields["id"][1]))

    def read_correction(self, node: Node, what: str, index: int = 0) -> Correction | None:
        """A correction of what the log had asserted (`tracker.log.corrections`)."""
        from tracker.log import corrections

        return corrections.read(self, node, what, index)

    def read_source(self, node: Node, what: str, index: int = 0) -> Source | None:
        what = self.label(node, "source", what)
        fields = self.mapping(node, what, schema.SOURCE)
        if fields is None:
            return None
        values = self._texts(fields, what, ("file", "outlet", "published_clue", "note", "sha256", "undated"))
        source_id = self.ident(fields["id"][1], "source id") if "id" in fields else None
        url = self.url(fields["url"][1], f"{what} url") if "url" in fields else None
        archive = self.url(fields["archive"][1], f"{what} archive") if "archive" in fields else None
        if "archive" in fields and "url" not in fields:
            self.fail(fields["archive"][0], f"{what} gives 'archive' without the page's 'url'")
        title = self.text(fields["title"][1], f"{what} title", one_line=True) if "title" in fields else None
        title_basis = TitleBasis.STATED
        if "title_basis" in fields:
            title_basis = (
                self.choice(fields["title_basis"][1], f"{what} title_basis", TitleBasis) or TitleBasis.STATED
            )
            if title is None:
                self.fail(fields["title_basis"][0], f"{what} gives 'title_basis' without a 'title'")
        authors = self.lines(fields["authors"][1], f"{what} authors") if "authors" in fields else ()
        retrieved = (
            self.date(fields["retrieved"][1], f"{what} retrieved", False) if "retrieved" in fields else None
        )
        if "retrieved" in fields and "url" not in fields:
            self.fail(fields["retrieved"][0], f"{what} gives 'retrieved' without the page's 'url'")
        if "undated" in fields and "published" in fields:
            self.fail(
                fields["undated"][0], f"{what} gives both 'published' and 'undated' (why it has no date)"
            )
        published = (
            self.date(fields["published"][1], f"{what} published", False) if "published" in fields else None
        )
        basis = None
        if "published_basis" in fields:
            basis = self.choice(fields["published_basis"][1], f"{what} published_basis", PublishedBasis)
        if "published" in fields and "published_basis" not in fields:
            self.fail(
                fields["published"][0],
                f"{what} gives 'published' without 'published_basis' (stated or inferred)",
            )
        if basis is PublishedBasis.INFERRED and "published_clue" not in fields:
            self.fail(fields["published_basis"][1], f"{what} has an inferred date but no 'published_clue'")
        if "published_basis" in fields and "published" not in fields:
            self.fail(fields["published_basis"][0], f"{what} gives 'published_basis' without 'published'")
        digest = values.get("sha256")
        if digest is not None and schema.SHA256.fullmatch(digest) is None:
            self.fail(fields["sha256"][1], f"{what} sha256 must be 64 lower-case hexadecimal digits")
            digest = None
        if digest is not None and "file" not in fields:
            self.fail(fields["sha256"][0], f"{what} gives 'sha256' without a 'file': it pins a local article")
        origin = self.ident(fields["origin"][1], f"{what} origin") if "origin" in fields else None
        if source_id is None:
            return None
        return Source(
            id=source_id,
            location=self.loc(node),
            file=values.get("file"),
            url=url,
            title=title.strip() if title is not None else None,
            title_basis=title_basis,
            authors=authors,
            archive=archive,
            retrieved=retrieved,
            undated=values.get("undated"),
            outlet=values.get("outlet"),
            published=published,
            published_basis=basis,
            published_clue=values.get("published_clue"),
            note=values.get("note"),
            sha256=digest,
            origin=origin,
            locs=self.positions(fields),
        )
