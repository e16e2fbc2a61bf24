"""Reading single values of the log from composed nodes, each bad one a problem at its place.

`Values` holds the primitives the reader builds on: a mapping checked
against its shape, text, lists, choices, flags, dates, country codes and
ids. Nothing here knows what a source or an event is.
"""

from __future__ import annotations

import sys
import unicodedata
from collections.abc import Iterator
from enum import Enum
from functools import cache
from typing import TypeVar

from tracker.dates import DateError, parse_iso
from tracker.log import schema
from tracker.log.schema import CODE, IDENT, Shape
from tracker.log.yamlstream import NULL_WORDS, PLAIN_TAGS, Map, Node, Scalar, Seq, describe, pos, where
from tracker.model import Collector, Location, PartialDate, Problem, unpack

_E = TypeVar("_E", bound=Enum)


class Values:
    """The primitives of reading: one problem per bad value, collected, never raised."""

    def __init__(self, file: str) -> None:
        self.file = file
        self.problems = Collector()  # bounded: a log of a million bad items keeps a thousand

    def loc(self, node: Node) -> Location:
        return where(self.file, node.start_mark)

    @classmethod
    def positions(cls, fields: dict[str, tuple[Node, Node]]) -> dict[str, int]:
        """Where the fields that `checking` reports on were written; the rest are done with."""
        return {name: pos(fields[name][1]) for name in schema.CHECKED_FIELDS if name in fields}

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
                first = unpack(pos(fields[name][0]))[0]
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
            locs[code] = pos(item)
        return codes, locs

    def lines(self, node: Node, what: str) -> tuple[str, ...]:
        """A list of one-line texts, such as a byline's names."""
        found = [self.text(item, f"an entry of {what}", one_line=True) for item in self.items(node, what)]
        if isinstance(node, Seq) and not node.value:
            self.fail(node, f"{what} is an empty list; omit the field")
        return tuple(value.strip() for value in found if value is not None)

    def url(self, node: Node, what: str) -> str | None:
        """An http or https address with a host and no spaces: anything else is a located problem."""
        value = self.text(node, what)
        if value is None:
            return None
        if problem := url_problem(value):
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


def url_problem(value: str) -> str | None:
    """Why a value is not a web address the log can cite, or None."""
    from urllib.parse import urlsplit

    if not value.lower().startswith(("https://", "http://")):
        return "must start with https:// or http://"
    if any(ch.isspace() for ch in value):
        return "must not contain spaces or line breaks"
    # No URL holds a control character (RFC 3986, 3987): one would reach a calendar, a feed or a link
    # raw, or altered; the address means the same percent-encoded.
    control = next((ch for ch in value if unicodedata.category(ch) == "Cc"), None)
    if control is not None:
        encoded = "".join(f"%{byte:02X}" for byte in control.encode("utf-8"))
        return f"must not contain the control character U+{ord(control):04X}; percent-encode it ({encoded})"
    try:
        parts = urlsplit(value)
        parts.port  # noqa: B018 - raises on a port that is not a number
    except ValueError:
        return "is not a well-formed URL"
    if not parts.hostname:
        return "has no host"
    return None


def is_ident(value: str) -> bool:
    return IDENT.fullmatch(value) is not None
