"""libyaml's event stream composed into light nodes, with the guards a hostile file needs.

Nodes are never constructed into objects, so no tag can run code, and never
resolved, so every scalar stays the string the curator wrote: `NO` stays
Norway's code and `1992` stays text until a field says otherwise. PyYAML's
own composer keeps two marks on every node, needs several times the memory,
and recurses deep enough on hostile nesting to crash; this one is a loop.
The items of chosen top-level lists (the log's `sources` and `events`) are
handed to a reader as soon as each is parsed and their nodes dropped, so
memory follows the model, not the YAML. Aliases are refused and reported.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar, Protocol

import yaml

from tracker.model import Collector, Location, Problem, Problems

MAX_DEPTH = 32
_BASE = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
# No tag, the non-specific `!`, and the standard tags of the three kinds of node.
PLAIN_TAGS = {None, "!", *(f"tag:yaml.org,2002:{t}" for t in ("str", "seq", "map"))}
NULL_WORDS = {"", "~", "null", "Null", "NULL"}


class _StringLoader(_BASE):  # type: ignore[misc, valid-type]
    """Composes nodes only; with no implicit resolvers every scalar is a str."""

    yaml_implicit_resolvers: ClassVar[dict[str, list[object]]] = {}


# libyaml's scalar events serve as scalar nodes as they are: value, tag, style, start_mark.
Scalar = yaml.ScalarEvent


class Collection:
    """A list or mapping and where it starts; PyYAML's nodes carry two marks each."""

    __slots__ = ("start_mark", "tag", "value")
    style = None

    def __init__(self, value: Any, tag: str | None, start_mark: Any) -> None:
        self.value, self.tag, self.start_mark = value, tag, start_mark


class Seq(Collection):
    __slots__ = ()
    value: list[Node]


class Map(Collection):
    __slots__ = ()
    value: list[tuple[Node, Node]]


Node = Scalar | Collection
# Reads one item of a streamed list: (node, label for messages, index) -> model object or None.
ItemReader = Callable[[Node, str, int], object]


class ReadSeq(Seq):
    """A top-level list whose items were read as they were parsed."""

    __slots__ = ("count", "items", "read", "what")

    def __init__(self, tag: str | None, start_mark: Any, what: str, read: ItemReader) -> None:
        super().__init__([], tag, start_mark)
        self.what, self.read = what, read
        self.items: list[object] = []  # only the items that were read: a bad item leaves nothing behind
        self.count = 0

    def take(self, node: Node) -> None:
        item = self.read(node, f"{self.what} #{self.count + 1}", self.count)
        self.count += 1
        if item is not None:
            self.items.append(item)


class Mark(Protocol):
    """Both PyYAML's and libyaml's position marks."""

    line: int
    column: int


def where(name: str, mark: Mark | None) -> Location:
    """A YAML mark (0-based) as a location (1-based); the file's start if unknown."""
    return Location(name, mark.line + 1, mark.column + 1) if mark is not None else Location(name, 1, 1)


def pos(node: Node) -> int:
    """Where a node starts, 1-based and packed (model.pack)."""
    mark: Mark = node.start_mark  # type: ignore[assignment]
    return (mark.line + 1) << 32 | (mark.column + 1)


class TooDeep(Exception):
    def __init__(self, where: Location) -> None:
        self.where = where


def compose(
    raw: bytes, name: str, streamed: dict[str, tuple[str, ItemReader]]
) -> tuple[Node | None, Problems]:
    """The single document's root (None for an empty stream) and the aliases refused in it.

    `streamed` maps a top-level key to the noun its items are called in
    messages and the reader each item is handed to. Raises yaml.YAMLError for
    bad syntax and TooDeep past MAX_DEPTH levels.
    """
    loader = _StringLoader(raw)
    try:
        composer = _Composer(loader, name, streamed)
        return composer.document(), composer.aliases.report()
    finally:
        loader.dispose()


class _Composer:
    """Builds nodes from libyaml's events without recursion, refusing aliases and deep nesting."""

    def __init__(self, loader: Any, name: str, streamed: dict[str, tuple[str, ItemReader]]) -> None:
        self.loader, self.name, self.streamed = loader, name, streamed
        self.aliases = Collector()

    def document(self) -> Node | None:
        self.loader.get_event()  # StreamStart
        if isinstance(self.loader.peek_event(), yaml.StreamEndEvent):
            return None
        self.loader.get_event()  # DocumentStart
        root = self._compose()
        self.loader.get_event()  # DocumentEnd
        extra = self.loader.get_event()
        if not isinstance(extra, yaml.StreamEndEvent):
            raise yaml.MarkedYAMLError(
                "expected a single document in the stream",
                None,
                "but found another document",
                extra.start_mark,
            )
        return root

    def _compose(self) -> Node:
        """The next node in full. The loop is the hot path of loading: keep it lean."""
        stack: list[Collection] = []
        keys: list[Node | None] = []  # per open mapping: the key waiting for its value
        get_event = self.loader.get_event
        while True:
            event = get_event()
            kind = type(event)
            node: Node
            if kind is Scalar:
                node = event
            elif kind is yaml.SequenceEndEvent or kind is yaml.MappingEndEvent:
                done = stack.pop()
                keys.pop()
                if not stack:
                    return done
                if type(stack[-1]) is ReadSeq:
                    stack[-1].take(done)
                continue
            elif kind is yaml.MappingStartEvent:
                node = Map([], event.tag, event.start_mark)
            elif kind is yaml.SequenceStartEvent:
                node = self._sequence(event, stack, keys)
            else:  # an alias: refused, with a placeholder so that reading can go on
                mark = event.start_mark
                self.aliases.append(
                    Problem(where(self.name, mark), "YAML aliases are not allowed; write the value out")
                )
                node = Scalar(None, None, (False, True), "", mark, mark, "'")
            if stack:
                parent = stack[-1]
                parent_kind = type(parent)
                if parent_kind is Map:
                    key = keys[-1]
                    if key is None:
                        keys[-1] = node
                    else:
                        parent.value.append((key, node))
                        keys[-1] = None
                elif parent_kind is ReadSeq:
                    if type(node) is Scalar:
                        parent.take(node)  # type: ignore[attr-defined]
                else:
                    parent.value.append(node)
            if type(node) is not Scalar:
                if len(stack) >= MAX_DEPTH:
                    raise TooDeep(where(self.name, event.start_mark))
                stack.append(node)  # type: ignore[arg-type]
                keys.append(None)
            elif not stack:
                return node

    def _sequence(self, event: Any, stack: list[Collection], keys: list[Node | None]) -> Seq:
        """A plain list, or one of the streamed top-level lists, read item by item."""
        key = keys[-1] if len(stack) == 1 and isinstance(stack[0], Map) else None
        if isinstance(key, Scalar) and key.tag is None and key.value in self.streamed:
            noun, read = self.streamed[key.value]
            return ReadSeq(event.tag, event.start_mark, noun, read)
        return Seq([], event.tag, event.start_mark)


def describe(node: Node) -> str:
    if isinstance(node, Map):
        return "a mapping"
    if isinstance(node, Seq):
        return "a list"
    return f"the text '{node.value}'" if node.value else "an empty value"
