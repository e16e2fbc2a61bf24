"""Reading single values of the log from composed nodes, each bad one a problem at its place.

`Values` holds the primitives the reader builds on: a mapping checked
against its shape, text, lists, choices, flags, dates, country codes and
ids. Nothing here knows what a source or an event is.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from enum import Enum
from functools import cache
from typing import TypeVar

from tracker import urls
from tracker.dates import DateError, parse_iso
from tracker.log import schema
from tracker.log.schema import CODE, IDENT, Shape
from tracker.log.yamlstream import NULL_WORDS, PLAIN_TAGS, Map, Mark, Node, Scalar, Seq, describe, pos
from tracker.model import Collector, Location, PartialDate, Problem, unpack

_E = TypeVar("_E", bound=Enum)


class Values:
    """The primitives of reading: one problem per bad value, collected, never raised."""

    def __init__(self, file: str, above: int = 0) -> None:
        """`above` is how many lines of the file come before the text being read: a piece of a log
        read on its own (`tracker.log.incremental`) says where it is in the whole file."""
        self.file = file
        self.above = above
        self._shift = above << 32  # `above` as a packed position (model.pack) adds it
        self.problems = Collector()  # bounded: a log of a million bad items keeps a thousand

    def loc(self, node: Node) -> Location:
        mark: Mark = node.start_mark  # type: ignore[assignment]
        return Location(self.file, mark.line + 1 + self.above, mark.column + 1)

    def pos(self, node: Node) -> int:
        """Where a node starts in the whole file, packed (model.pack)."""
        return pos(node) + self._shift

    def positions(self, fields: dict[str, tuple[Node, Node]]) -> dict[str, int]:
        """Where the fields that `checking` reports on were written; the rest are done with."""
        shift = self._shift
        return {name: pos(fields[name][1]) + shift for name in schema.CHECKED_FIELDS if name in fields}

    def fail(self, node: Node, message: str) -> None:
        self.problems.append(Problem(self.loc(node), message))

    def _untagged(self, node: Node) -> bool:
        """Refuses a node carrying an explicit tag: nothing here constructs one."""
        tag = node.tag
        if tag is None or tag in PLAIN_TAGS:
            return True
        self.fail(node, f"YAML tags are not allowed (found '{tag}')")
        return False

    # mapping and text run for every value of a log: they test the common case first.

    def mapping(self, node: Node, what: str, shape: Shape) -> dict[str, tuple[Node, Node]] | None:
        """Fields of a mapping by name, with unknown, missing and repeated keys reported."""
        if node.tag is not None and not self._untagged(node):
            return None
        if type(node) is not Map:
            self.fail(node, f"{what} must be a mapping of fields, not {describe(node)}")
            return None
        fields: dict[str, tuple[Node, Node]] = {}
        unknown = False
        for pair in node.value:
            key = pair[0]
            if type(key) is not Scalar:
                self.fail(key, f"a field name in {what} must be plain text")
                continue
            if key.tag is not None and not self._untagged(key):
                continue
            name = key.value
            if name in fields:
                first = unpack(self.pos(fields[name][0]))[0]
                self.fail(key, f"duplicate key '{name}' in {what} (first at line {first})")
                continue
            fields[name] = pair
            if name not in shape.allowed:
                unknown = True
                self.fail(key, f"unknown field '{name}' in {what}; expected one of: {shape.listed}")
        for name in shape.required:
            if name not in fields:
                self.fail(node, f"{what} is missing the field '{name}'")
        if unknown:
            return {k: v for k, v in fields.items() if k in shape.allowed}
        return fields

    def text(self, node: Node, what: str, *, one_line: bool = False) -> str | None:
        if node.tag is not None and not self._untagged(node):
            return None
        if type(node) is not Scalar:
            self.fail(node, f"{what} must be text, not {describe(node)}")
            return None
        value: str = node.value
        if not node.style and value in NULL_WORDS:  # plain style: None, or "" from libyaml
            shown = value or "an empty value"
            self.fail(
                node,
                f"{what} is {shown!s}, which YAML reads as null; omit the field or quote the text",
            )
            return None
        if not value or value.isspace():
            self.fail(node, f"{what} is empty")
            return None
        if one_line and "\n" in value.strip():
            self.fail(node, f"{what} must fit on one line")
            return None
        return value

    def items(self, node: Node, what: str) -> Iterator[Node]:
        if not self._untagged(node):
            return
        if not isinstance(node, Seq):
            self.fail(node, f"{what} must be a list, not {describe(node)}")
            return
        yield from node.value

    def choice(self, node: Node, what: str, enum: type[_E]) -> _E | None:
        value = self.text(node, what)
        if value is None:
            return None
        member = _members(enum).get(value)  # a dict lookup: calling the enum is slower, per event
        if member is None:
            options = ", ".join(str(m.value) for m in enum)
            self.fail(node, f"{what} '{value}' is not one of: {options}")
        return member

    def flag(self, node: Node, what: str) -> bool | None:
        value = self.text(node, what)
        if value in ("true", "false"):
            return value == "true"
        if value is not None:
            self.fail(node, f"{what} must be true or false, not '{value}'")
        return None

    def date(self, node: Node, what: str, approximate: bool) -> PartialDate | None:
        value = self.text(node, what)
        if value is None:
            return None
        try:
            return parse_iso(value, approximate=approximate)
        except DateError as err:
            self.fail(node, f"{what}: {err}")
            return None

    def dated(self, fields: dict[str, tuple[Node, Node]], what: str) -> PartialDate | None:
        """The optional `date` field, with its `approximate` marker."""
        approximate = "approximate" in fields and self.flag(fields["approximate"][1], f"{what} approximate")
        if "date" not in fields:
            if "approximate" in fields:
                self.fail(fields["approximate"][0], f"{what} gives 'approximate' without a 'date'")
            return None
        return self.date(fields["date"][1], f"{what} date", bool(approximate))

    def codes(self, node: Node, what: str) -> tuple[list[str], dict[str, int]]:
        """Country codes with their positions; only the form is checked here."""
        codes: list[str] = []
        locs: dict[str, int] = {}
        for item in self.items(node, what):
            code = self.text(item, f"a code in {what}")
            if code is None:
                continue
            if CODE.fullmatch(code) is None and IDENT.fullmatch(code) is None:
                self.fail(
                    item,
                    f"'{code}' in {what} is not an ISO 3166-1 alpha-2 code (two capital letters) "
                    "nor the id of an entity in 'entities' (lower-case)",
                )
                continue
            if code in locs:
                self.fail(item, f"'{code}' appears twice in {what}")
                continue
            code = sys.intern(code)  # a few codes, repeated on every event
            codes.append(code)
            locs[code] = self.pos(item)
        return codes, locs

    def lines(self, node: Node, what: str) -> tuple[str, ...]:
        """A list of one-line texts, such as a byline's names."""
        found = [self.text(item, f"an entry of {what}", one_line=True) for item in self.items(node, what)]
        if isinstance(node, Seq) and not node.value:
            self.fail(node, f"{what} is an empty list; omit the field")
        return tuple(value.strip() for value in found if value is not None)

    def url(self, node: Node, what: str) -> str | None:
        """An http or https address the log can cite (`tracker.urls`): anything else is a located problem."""
        value = self.text(node, what)
        if value is None:
            return None
        if problem := urls.problem(value):
            self.fail(node, f"{what} {problem}")
            return None
        return value

    def ident(self, node: Node, what: str) -> str | None:
        value = self.text(node, what)
        if value is not None and not is_ident(value):
            self.fail(node, f"{what} '{value}' must be lower-case letters, digits and dashes")
            return None
        return value

    @staticmethod
    def label(node: Node, noun: str, fallback: str) -> str:
        """How messages name an item: by its id when it has one, else by position."""
        if isinstance(node, Map):
            for key, value in node.value:
                is_id = getattr(key, "value", None) == "id" and isinstance(value, Scalar)
                if is_id and value.value.strip():
                    return f"{noun} '{value.value}'"
        return fallback

    def _texts(
        self, fields: dict[str, tuple[Node, Node]], what: str, names: tuple[str, ...]
    ) -> dict[str, str]:
        out = {}
        for name in names:
            if name in fields:
                value = self.text(fields[name][1], f"{what} {name}")
                if value is not None:
                    out[name] = value
        return out


@cache
def _members(enum: type[_E]) -> dict[str, _E]:
    return {str(m.value): m for m in enum}


def is_ident(value: str) -> bool:
    return IDENT.fullmatch(value) is not None
