"""YAML text to the model, keeping the file, line and column of every value.

The YAML is composed into nodes (never constructed into objects, so no tag can
run code) with implicit typing switched off: every scalar stays the string the
curator wrote. `NO` stays Norway's code and `1992` stays text until a field
says otherwise. Duplicate keys and aliases, which PyYAML would accept silently,
are reported, and so is nesting deep enough to crash libyaml's composer.
Problems are collected, not raised, so a curator sees them all.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import replace
from enum import Enum
from pathlib import Path
from typing import ClassVar, Protocol, TypeVar

import yaml

from tracker.dates import DateError, parse_iso
from tracker.files import LOG_LIMIT, read_bounded
from tracker.model import (
    SUBJECT_KINDS,
    Citation,
    DateBasis,
    Event,
    EventLog,
    EventStatus,
    Kind,
    Location,
    PartialDate,
    Problem,
    PublishedBasis,
    Roles,
    Source,
)

FORMAT_VERSION = "1"
MAX_DEPTH = 32
_BASE = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_STR, _SEQ, _MAP = (f"tag:yaml.org,2002:{t}" for t in ("str", "seq", "map"))
_NULL_WORDS = {"", "~", "null", "Null", "NULL"}
_E = TypeVar("_E", bound=Enum)
_T = TypeVar("_T")


class _StringLoader(_BASE):  # type: ignore[misc, valid-type]
    """Composes nodes only; with no implicit resolvers every scalar is a str."""

    yaml_implicit_resolvers: ClassVar[dict[str, list[object]]] = {}


def load(path: Path, display: str | None = None) -> tuple[EventLog | None, list[Problem]]:
    """Read and structurally validate a log; `display` names it in messages."""
    name = display if display is not None else str(path)
    start = Location(name, 1, 1)
    try:
        raw = read_bounded(path, LOG_LIMIT)
    except OSError as err:
        return None, [Problem(start, f"cannot read the log: {err.strerror or err}")]
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = raw.count(b"\n", 0, err.start) + 1
        col = err.start - (raw.rfind(b"\n", 0, err.start) + 1) + 1
        bad = raw[err.start : err.start + 1].hex()
        return None, [Problem(Location(name, line, col), f"not UTF-8 text (byte 0x{bad})")]
    try:
        refused = _refuse_before_composing(text, name)
        if refused:
            return None, refused
        loader = _StringLoader(text)
        try:
            root = loader.get_single_node()
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as err:
        where = _where(name, err.problem_mark or err.context_mark)
        what = " ".join(p for p in (err.context, err.problem) if p)
        return None, [Problem(where, f"YAML syntax error: {what}")]
    except yaml.YAMLError as err:
        return None, [Problem(start, f"YAML error: {err}")]
    if root is None:
        return None, [Problem(start, "the log is empty; expected a mapping with 'sources' and 'events'")]
    reader = _Reader(name)
    log = reader.read_log(root, str(path))
    return log, reader.problems


def _refuse_before_composing(text: str, name: str) -> list[Problem]:
    """Aliases, and nesting deep enough to overflow libyaml's recursive composer.

    The event stream is flat, so this pass is safe on any input; composing a
    hostile file first could crash the interpreter outright.
    """
    problems: list[Problem] = []
    depth = 0
    for event in yaml.parse(text, Loader=_StringLoader):
        where = _where(name, event.start_mark)
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_DEPTH:
                return [
                    *problems,
                    Problem(where, f"nested deeper than {MAX_DEPTH} levels; a log needs about 6"),
                ]
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1
        elif isinstance(event, yaml.AliasEvent):
            problems.append(Problem(where, "YAML aliases are not allowed; write the value out"))
    return problems


class _Reader:
    """Turns composed nodes into model objects, one problem per bad value."""

    def __init__(self, file: str) -> None:
        self.file = file
        self.problems: list[Problem] = []

    # -- primitives -------------------------------------------------------

    def loc(self, node: yaml.Node) -> Location:
        return _where(self.file, node.start_mark)

    def fail(self, node: yaml.Node, message: str) -> None:
        self.problems.append(Problem(self.loc(node), message))

    def _untagged(self, node: yaml.Node) -> bool:
        """Refuses a node carrying an explicit tag: nothing here constructs one."""
        if node.tag not in (_STR, _SEQ, _MAP):
            self.fail(node, f"YAML tags are not allowed (found '{node.tag}')")
            return False
        return True

    def mapping(
        self, node: yaml.Node, what: str, required: tuple[str, ...], optional: tuple[str, ...]
    ) -> dict[str, tuple[yaml.Node, yaml.Node]] | None:
        """Fields of a mapping by name, with unknown, missing and repeated keys reported."""
        if not self._untagged(node):
            return None
        if not isinstance(node, yaml.MappingNode):
            self.fail(node, f"{what} must be a mapping of fields, not {_describe(node)}")
            return None
        allowed = required + optional
        fields: dict[str, tuple[yaml.Node, yaml.Node]] = {}
        for key, value in node.value:
            if not isinstance(key, yaml.ScalarNode):
                self.fail(key, f"a field name in {what} must be plain text")
                continue
            if not self._untagged(key):
                continue
            name = key.value
            if name in fields:
                first = fields[name][0].start_mark.line + 1
                self.fail(key, f"duplicate key '{name}' in {what} (first at line {first})")
                continue
            fields[name] = (key, value)
            if name not in allowed:
                self.fail(key, f"unknown field '{name}' in {what}; expected one of: {', '.join(allowed)}")
        for name in required:
            if name not in fields:
                self.fail(node, f"{what} is missing the field '{name}'")
        return {k: v for k, v in fields.items() if k in allowed}

    def text(self, node: yaml.Node, what: str, *, one_line: bool = False) -> str | None:
        if not self._untagged(node):
            return None
        if not isinstance(node, yaml.ScalarNode):
            self.fail(node, f"{what} must be text, not {_describe(node)}")
            return None
        value: str = node.value
        if not node.style and value in _NULL_WORDS:  # plain style: None, or "" from libyaml
            shown = value or "an empty value"
            self.fail(
                node,
                f"{what} is {shown!s}, which YAML reads as null; omit the field or quote the text",
            )
            return None
        if not value.strip():
            self.fail(node, f"{what} is empty")
            return None
        if one_line and "\n" in value.strip():
            self.fail(node, f"{what} must fit on one line")
            return None
        return value

    def items(self, node: yaml.Node, what: str) -> Iterator[yaml.Node]:
        if not self._untagged(node):
            return
        if not isinstance(node, yaml.SequenceNode):
            self.fail(node, f"{what} must be a list, not {_describe(node)}")
            return
        yield from node.value

    def choice(self, node: yaml.Node, what: str, enum: type[_E]) -> _E | None:
        value = self.text(node, what)
        if value is None:
            return None
        try:
            return enum(value)
        except ValueError:
            options = ", ".join(str(m.value) for m in enum)
            self.fail(node, f"{what} '{value}' is not one of: {options}")
            return None

    def flag(self, node: yaml.Node, what: str) -> bool | None:
        value = self.text(node, what)
        if value in ("true", "false"):
            return value == "true"
        if value is not None:
            self.fail(node, f"{what} must be true or false, not '{value}'")
        return None

    def date(self, node: yaml.Node, what: str, approximate: bool) -> PartialDate | None:
        value = self.text(node, what)
        if value is None:
            return None
        try:
            return parse_iso(value, approximate=approximate)
        except DateError as err:
            self.fail(node, f"{what}: {err}")
            return None

    def dated(self, fields: dict[str, tuple[yaml.Node, yaml.Node]], what: str) -> PartialDate | None:
        """The optional `date` field, with its `approximate` marker."""
        approximate = "approximate" in fields and self.flag(fields["approximate"][1], f"{what} approximate")
        if "date" not in fields:
            if "approximate" in fields:
                self.fail(fields["approximate"][0], f"{what} gives 'approximate' without a 'date'")
            return None
        return self.date(fields["date"][1], f"{what} date", bool(approximate))

    def codes(self, node: yaml.Node, what: str) -> tuple[list[str], dict[str, Location]]:
        """Country codes with their locations; only the form is checked here."""
        codes: list[str] = []
        locs: dict[str, Location] = {}
        for item in self.items(node, what):
            code = self.text(item, f"a code in {what}")
            if code is None:
                continue
            if len(code) != 2 or not code.isascii() or not code.isalpha() or not code.isupper():
                self.fail(
                    item,
                    f"'{code}' in {what} is not an ISO 3166-1 alpha-2 code (two capital letters)",
                )
                continue
            if code in locs:
                self.fail(item, f"'{code}' appears twice in {what}")
                continue
            codes.append(code)
            locs[code] = self.loc(item)
        return codes, locs

    def ident(self, node: yaml.Node, what: str) -> str | None:
        value = self.text(node, what)
        if value is not None and not _is_ident(value):
            self.fail(node, f"{what} '{value}' must be lower-case letters, digits and dashes")
            return None
        return value

    @staticmethod
    def label(node: yaml.Node, noun: str, fallback: str) -> str:
        """How messages name an item: by its id when it has one, else by position."""
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                is_id = getattr(key, "value", None) == "id" and isinstance(value, yaml.ScalarNode)
                if is_id and value.value.strip():
                    return f"{noun} '{value.value}'"
        return fallback

    # -- the log ----------------------------------------------------------

    def read_log(self, root: yaml.Node, path: str) -> EventLog | None:
        top = self.mapping(root, "the log", ("format", "sources", "events"), ("corpus", "roles"))
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
        roles = self.read_roles(top["roles"][1]) if "roles" in top else Roles()
        sources = self._read_list(top, "sources", "source", self.read_source)
        events = self._read_list(top, "events", "event", self.read_event)
        events = [replace(e, order=i) for i, e in enumerate(events)]  # file order breaks date ties
        return EventLog(path, corpus, roles, tuple(sources), tuple(events), locs)

    def _read_list(
        self,
        top: dict[str, tuple[yaml.Node, yaml.Node]],
        name: str,
        what: str,
        read: Callable[[yaml.Node, str], _T | None],
    ) -> list[_T]:
        if name not in top:
            return []
        out = []
        for i, node in enumerate(self.items(top[name][1], name), start=1):
            item = read(node, f"{what} #{i}")
            if item is not None:
                out.append(item)
        return out

    def read_roles(self, node: yaml.Node) -> Roles:
        fields = self.mapping(node, "roles", (), ("party", "broker"))
        if fields is None:
            return Roles()
        party = self.codes(fields["party"][1], "roles.party")[0] if "party" in fields else []
        broker = self.codes(fields["broker"][1], "roles.broker")[0] if "broker" in fields else []
        return Roles(tuple(party), tuple(broker))

    def read_source(self, node: yaml.Node, what: str) -> Source | None:
        what = self.label(node, "source", what)
        fields = self.mapping(
            node,
            what,
            ("id",),
            ("file", "url", "outlet", "published", "published_basis", "published_clue", "note"),
        )
        if fields is None:
            return None
        values = self._texts(fields, what, ("file", "url", "outlet", "published_clue", "note"))
        source_id = self.ident(fields["id"][1], "source id") if "id" in fields else None
        if ("file" in fields) == ("url" in fields):
            self.fail(node, f"{what} needs exactly one of 'file' (a local article) or 'url'")
        url = values.get("url")
        if url is not None and not url.startswith(("https://", "http://")):
            self.fail(fields["url"][1], f"{what} url must start with https:// or http://")
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
        if source_id is None:
            return None
        return Source(
            id=source_id,
            location=self.loc(node),
            file=values.get("file"),
            url=url,
            outlet=values.get("outlet"),
            published=published,
            published_basis=basis,
            published_clue=values.get("published_clue"),
            note=values.get("note"),
            locs={name: self.loc(value) for name, (_, value) in fields.items()},
        )

    def read_event(self, node: yaml.Node, what: str) -> Event | None:
        what = self.label(node, "event", what)
        fields = self.mapping(
            node,
            what,
            ("id", "kind", "countries", "title", "cite"),
            ("date", "approximate", "date_basis", "date_note", "status", "subjects", "note"),
        )
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
                    citations.append(citation)
            if not fields["cite"][1].value:
                self.fail(fields["cite"][1], f"{what} must cite at least one source")
        if event_id is None or kind is None or title is None:
            return None
        locs = {name: self.loc(value) for name, (_, value) in fields.items()}
        locs.update({f"countries.{c}": loc for c, loc in country_locs.items()})
        locs.update({f"subjects.{c}": loc for c, loc in subject_locs.items()})
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
        )

    def _check_subjects(
        self,
        node: yaml.Node,
        fields: dict[str, tuple[yaml.Node, yaml.Node]],
        what: str,
        kind: Kind,
        countries: list[str],
        subjects: list[str],
        subject_locs: dict[str, Location],
    ) -> None:
        if kind in SUBJECT_KINDS and "subjects" not in fields:
            self.fail(node, f"{what} is of kind '{kind}', which must name its 'subjects'")
        elif kind not in SUBJECT_KINDS and "subjects" in fields:
            self.fail(fields["subjects"][0], f"{what} is of kind '{kind}', which takes no 'subjects'")
        if not isinstance(fields.get("countries", (None, None))[1], yaml.SequenceNode):
            return  # already reported; a second message would only repeat it
        for code in subjects:
            if code not in countries:
                self.problems.append(
                    Problem(subject_locs[code], f"subject '{code}' of {what} is not among its countries")
                )

    def read_citation(self, node: yaml.Node, what: str) -> Citation | None:
        fields = self.mapping(node, what, ("source",), ("quote", "note", "date", "approximate"))
        if fields is None:
            return None
        source = self.ident(fields["source"][1], f"{what} source") if "source" in fields else None
        values = self._texts(fields, what, ("quote", "note"))
        when = self.dated(fields, what)
        if source is None:
            return None
        return Citation(
            source=source,
            location=self.loc(node),
            quote=values.get("quote"),
            note=values.get("note"),
            date=when,
            locs={name: self.loc(value) for name, (_, value) in fields.items()},
        )

    def _texts(
        self, fields: dict[str, tuple[yaml.Node, yaml.Node]], what: str, names: tuple[str, ...]
    ) -> dict[str, str]:
        out = {}
        for name in names:
            if name in fields:
                value = self.text(fields[name][1], f"{what} {name}")
                if value is not None:
                    out[name] = value
        return out


class _Mark(Protocol):
    """Both PyYAML's and libyaml's position marks."""

    line: int
    column: int


def _where(name: str, mark: _Mark | None) -> Location:
    """A YAML mark (0-based) as a location (1-based); the file's start if unknown."""
    return Location(name, mark.line + 1, mark.column + 1) if mark is not None else Location(name, 1, 1)


def _is_ident(value: str) -> bool:
    return (
        value.isascii()
        and value[:1].isalnum()
        and value == value.lower()
        and all(ch.isalnum() or ch == "-" for ch in value)
    )


def _describe(node: yaml.Node) -> str:
    if isinstance(node, yaml.MappingNode):
        return "a mapping"
    if isinstance(node, yaml.SequenceNode):
        return "a list"
    return f"the text '{node.value}'" if node.value else "an empty value"
