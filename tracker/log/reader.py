"""Composed YAML nodes to the model, keeping the file, line and column of values.

Each value is checked on its own here, against the field shapes in
`schema`; checks that need the whole log are in `check`. Problems are
collected, not raised, so a curator sees them all.
"""

from __future__ import annotations

import gc
import re
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import yaml

from tracker.log import assertions, promises, read_raw, schema
from tracker.log.schema import FORMAT_VERSION
from tracker.log.values import Values
from tracker.log.yamlstream import (
    MAX_DEPTH,
    ItemReader,
    Node,
    ReadSeq,
    Seq,
    TooDeep,
    compose,
    where,
)
from tracker.model import (
    SUBJECT_KINDS,
    TREATY_KINDS,
    Citation,
    Collector,
    Correction,
    DateBasis,
    Entity,
    Event,
    EventLog,
    EventStatus,
    Kind,
    Location,
    PartialDate,
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


def preflight(raw: bytes, name: str) -> Problems:
    """What stops the bytes from being read as YAML at all: bad UTF-8, raw control characters."""
    try:
        raw.decode("utf-8")  # only to place the first bad byte; libyaml reads the bytes
    except UnicodeDecodeError as err:
        line = raw.count(b"\n", 0, err.start) + 1
        col = err.start - (raw.rfind(b"\n", 0, err.start) + 1) + 1
        bad = raw[err.start : err.start + 1].hex()
        return Problems([Problem(Location(name, line, col), f"not UTF-8 text (byte 0x{bad})")])
    return _controls(raw, name)


def parse(raw: bytes, name: str, streamed: dict[str, tuple[str, ItemReader]]) -> tuple[Node | None, Problems]:
    """The document's root, its items of `streamed` lists read on the way (yamlstream.compose), or the
    problems that stopped it: bad syntax, nesting too deep, aliases."""
    collecting = gc.isenabled()
    gc.disable()  # millions of acyclic objects: the collector would rescan them all, for nothing
    try:
        root, aliases = compose(raw, name, streamed)
    except yaml.MarkedYAMLError as err:
        what = " ".join(p for p in (err.context, err.problem) if p)
        mark = err.problem_mark or err.context_mark
        return None, Problems([Problem(where(name, mark), f"YAML syntax error: {what}")])
    except yaml.YAMLError as err:
        return None, Problems([Problem(Location(name, 1, 1), f"YAML error: {err}")])
    except TooDeep as err:
        return None, Problems(
            [Problem(err.where, f"nested deeper than {MAX_DEPTH} levels; a log needs about 6")]
        )
    finally:
        if collecting:
            gc.enable()
    return root, aliases


# Characters YAML refuses in a stream (C0 but tab, LF and CR; DEL; C1; U+FFFE and U+FFFF) and the
# line breaks only YAML sees (NEL, U+2028, U+2029: an editor shows one line where libyaml counts two),
# as UTF-8 bytes: the log is known to be UTF-8 by now, so each pattern can only be that character.
_CONTROL = re.compile(
    rb"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]|\xc2[\x80-\x9f]|\xe2\x80[\xa8\xa9]|\xef\xbf[\xbe\xbf]"
)
_BREAK = re.compile(rb"\r\n?|\n")
_PLAIN = bytes(range(0x20, 0x7F)) + b"\t\n\r"


def _controls(raw: bytes, name: str) -> Problems:
    """Each raw control character at its own line and column (libyaml would say only 'position N').

    Every byte is looked at once: the column is counted on from the last
    character found, and past the collector's limit characters are only counted.
    """
    found = Collector()
    # Fast path: printable ASCII dropped, what is left is short; UTF-8 keeps each character's bytes
    # together, so a character is found in what is left exactly when it is in the log.
    if _CONTROL.search(raw.translate(None, _PLAIN)) is None:
        return found.report()
    line, col, at = 1, 1, 0  # the line and column of byte `at`
    matches = _CONTROL.finditer(raw)
    for match in matches:
        breaks = list(_BREAK.finditer(raw, at, match.start()))
        if breaks:
            line, col, at = line + len(breaks), 1, breaks[-1].end()
        gone = raw[at : match.start()].decode("utf-8")
        col += len(gone.removeprefix("\ufeff") if at == 0 else gone)  # characters, as libyaml counts
        at = match.start()
        code = ord(match.group().decode("utf-8"))
        what = _CONTROL_NAMES.get(code, "control character")
        found.append(
            Problem(
                Location(name, line, col),
                f"{what} U+{code:04X} in the log; YAML allows it only escaped "
                f'in double quotes ("\\u{code:04x}")',
            )
        )
        if len(found) >= found.limit:
            found.more += sum(1 for _ in matches)
            break
    return found.report()


_CONTROL_NAMES = {0x85: "line break", 0x2028: "line separator", 0x2029: "paragraph separator",
                  0xFFFE: "non-character", 0xFFFF: "non-character"}  # fmt: skip


class Reader(Values):
    """Turns composed nodes into the log's sources, events and citations."""

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

    def read_event(self, node: Node, what: str, order: int = 0) -> Event | None:
        """An event; `order` is its place in the file, which breaks ties between equal dates."""
        what = self.label(node, "event", what)
        fields = self.mapping(node, what, schema.EVENT)
        if fields is None:
            return None
        event_id = self.ident(fields["id"][1], "event id") if "id" in fields else None
        values = self._texts(fields, what, ("date_note", "note"))
        title = self.text(fields["title"][1], f"{what} title", one_line=True) if "title" in fields else None
        kind = self.choice(fields["kind"][1], f"{what} kind", Kind) if "kind" in fields else None
        status = EventStatus.OCCURRED
        if "status" in fields:
            status = self.choice(fields["status"][1], f"{what} status", EventStatus) or status
        basis = DateBasis.EVENT
        if "date_basis" in fields:
            basis = self.choice(fields["date_basis"][1], f"{what} date_basis", DateBasis) or basis
        when = self.dated(fields, what)
        if "date" not in fields:
            if status is EventStatus.OCCURRED:
                self.fail(node, f"{what} has no date; only an expected event may be undated")
            if "date_basis" in fields:
                self.fail(fields["date_basis"][0], f"{what} gives 'date_basis' without a 'date'")
        countries, country_locs = (
            self.codes(fields["countries"][1], f"{what} countries") if "countries" in fields else ([], {})
        )
        if "countries" in fields and fields["countries"][1].value == []:
            self.fail(fields["countries"][1], f"{what} countries must name at least one country")
        subjects, subject_locs = (
            self.codes(fields["subjects"][1], f"{what} subjects") if "subjects" in fields else ([], {})
        )
        if kind is not None:
            self._check_subjects(node, fields, what, kind, countries, subjects, subject_locs)
        citations = []
        if "cite" in fields:
            for i, item in enumerate(self.items(fields["cite"][1], f"{what} cite"), start=1):
                citation = self.read_citation(item, f"{what} citation #{i}")
                if citation is not None:
                    self._check_names(citation, f"{what} citation #{i}", subjects)
                    citations.append(citation)
            if not fields["cite"][1].value:
                self.fail(fields["cite"][1], f"{what} must cite at least one source")
        effective, by, by_locs = self._treaty(fields, what, kind, when, countries)
        links = {name: self.ident(fields[name][1], f"{what} {name}") for name in _LINKS if name in fields}
        if len(links) > 1:
            self.fail(fields["calls_off"][0], f"{what} gives both 'fulfils' and 'calls_off'; choose one")
        promise = promises.read(self, fields, what, status is EventStatus.EXPECTED, when)
        if event_id is None or kind is None or title is None:
            return None
        locs = self.positions(fields)
        if promise:
            locs.update(promises.positions(self, fields))
        locs.update({sys.intern(f"countries.{c}"): loc for c, loc in country_locs.items()})
        locs.update({sys.intern(f"subjects.{c}"): loc for c, loc in subject_locs.items()})
        locs.update({sys.intern(f"by.{c}"): loc for c, loc in by_locs.items()})
        return Event(
            id=event_id,
            location=self.loc(node),
            kind=kind,
            title=title,
            date=when,
            date_basis=basis,
            date_note=values.get("date_note"),
            status=status,
            countries=tuple(countries),
            subjects=tuple(subjects),
            citations=tuple(citations),
            note=values.get("note"),
            locs=locs,
            order=order,
            fulfils=links.get("fulfils"),
            calls_off=links.get("calls_off"),
            **promise,
            effective=effective,
            by=tuple(by),
        )

    # -- treaty acts (ratification, entry into force) ---------------------

    def _treaty(
        self,
        fields: dict[str, tuple[Node, Node]],
        what: str,
        kind: Kind | None,
        when: PartialDate | None,
        countries: list[str],
    ) -> tuple[PartialDate | None, list[str], dict[str, int]]:
        """`effective` and `by`, which only a treaty act takes: the day it takes effect, never before
        the act, and the states whose act it is, among the event's countries."""
        effective = None
        by: list[str] = []
        by_locs: dict[str, int] = {}
        for name in ("effective", "by"):
            if name in fields and kind is not None and kind not in TREATY_KINDS:
                kinds = " and ".join(f"'{k}'" for k in sorted(TREATY_KINDS))
                self.fail(fields[name][0], f"{what} is of kind '{kind}'; only {kinds} take '{name}'")
        if "effective" in fields and "date" not in fields:
            self.fail(fields["effective"][0], f"{what} gives 'effective' without a 'date' (the act's)")
        if "effective" in fields:
            effective = self.date(fields["effective"][1], f"{what} effective", False)
            if effective is not None and when is not None and effective.end < when.start:
                self.fail(
                    fields["effective"][1],
                    f"{what} takes effect {effective}, before the act itself ({when})",
                )
        if "by" in fields:
            by, by_locs = self.codes(fields["by"][1], f"{what} by")
            if not by and isinstance(fields["by"][1], Seq):
                self.fail(
                    fields["by"][1], f"{what} by must name at least one state; omit it for the subjects"
                )
            for code in by:
                if code not in countries:
                    self.problems.append(
                        Problem(
                            Location(self.file, *unpack(by_locs[code])),
                            f"'{code}' in {what} by is not among its countries",
                        )
                    )
        return effective, by, by_locs

    def _check_names(self, citation: Citation, what: str, subjects: list[str]) -> None:
        """A citation names only subjects of its event: the others are what it implies."""
        for code in citation.names or ():
            if code not in subjects:
                self.problems.append(
                    Problem(
                        citation.at(f"names.{code}"),
                        f"'{code}' in {what} names is not a subject of the event",
                    )
                )

    def _check_subjects(
        self,
        node: Node,
        fields: dict[str, tuple[Node, Node]],
        what: str,
        kind: Kind,
        countries: list[str],
        subjects: list[str],
        subject_locs: dict[str, int],
    ) -> None:
        if kind in SUBJECT_KINDS and "subjects" not in fields:
            self.fail(node, f"{what} is of kind '{kind}', which must name its 'subjects'")
        elif kind not in SUBJECT_KINDS and "subjects" in fields:
            self.fail(fields["subjects"][0], f"{what} is of kind '{kind}', which takes no 'subjects'")
        if not isinstance(fields.get("countries", (None, None))[1], Seq):
            return  # already reported; a second message would only repeat it
        for code in subjects:
            if code not in countries:
                self.problems.append(
                    Problem(
                        Location(self.file, *unpack(subject_locs[code])),
                        f"subject '{code}' of {what} is not among its countries",
                    )
                )

    def read_citation(self, node: Node, what: str) -> Citation | None:
        fields = self.mapping(node, what, schema.CITATION)
        if fields is None:
            return None
        source = self.ident(fields["source"][1], f"{what} source") if "source" in fields else None
        source = sys.intern(source) if source is not None else None  # one string per source, not per citation
        values = self._texts(fields, what, ("quote", "note"))
        when = self.dated(fields, what)
        names, name_locs = self.codes(fields["names"][1], f"{what} names") if "names" in fields else ([], {})
        differs = "differs" in fields and self.flag(fields["differs"][1], f"{what} differs")
        origin = self.ident(fields["origin"][1], f"{what} origin") if "origin" in fields else None
        if differs and "note" not in values:
            self.fail(fields["differs"][0], f"{what} differs: say how in its 'note'")
        if source is None:
            return None
        locs = self.positions(fields)
        locs.update({sys.intern(f"names.{c}"): loc for c, loc in name_locs.items()})
        return Citation(
            source=source,
            location=self.loc(node),
            quote=values.get("quote"),
            note=values.get("note"),
            date=when,
            names=tuple(names) if "names" in fields else None,
            differs=bool(differs),
            origin=origin,
            locs=locs,
        )


_LINKS = ("fulfils", "calls_off")
