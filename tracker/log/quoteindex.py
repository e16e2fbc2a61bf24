"""The one pass over an article for many quotes: where each of their parts begins, found at once.

`quotes.Article.find_all` looks up the parts of many quotes of one article
here rather than scanning for each; the whole-word rules then judge the places
exactly as a scan's, so the answers are the same. Apart from the matcher
because its bounds (how many places, reports, characters at a time) are about
the cost of the pass, never about an answer.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Collection, Sequence

# The one pass over an article for many quotes (`Index`). It pays when the parts are many: a pass costs
# as much as some tens of searches of the whole article, and a search for one part at most one.
_INDEX_MIN_PARTS = 64  # distinct parts, at least
_INDEX_MIN_WORK = 1 << 24  # distinct parts times normalised characters, at least
_INDEX_KEEP = 1 << 10  # places listed per part; later ones are scanned for as `find` does
_INDEX_REPORTS = 1 << 20  # places the pass may report in all before it stops (each costs Python work)
_INDEX_WASTE = 1 << 16  # reports of parts already full before the automaton is rebuilt without them
_INDEX_CHUNK = 1 << 20  # characters given to the automaton at a time (it copies what it is given)
# For many misses, the prefixes `quotemisses` may look for are indexed too: each one of a part
# of at most _PREFIXED_MAX characters, until their characters add up to _PREFIXED_CHARS.
_PREFIXED_MAX = 1 << 9
_PREFIXED_CHARS = 1 << 22


class Index:
    """Where each of many parts begins in a normalised text, found in one Aho-Corasick pass.

    `places[part]` is `(starts, covered)`: every position below `covered` where
    `part` begins, in order (whole words or not: `Article.search` judges them). Usually
    `covered` is past the end and the list is complete; a part that recurs more
    than `_INDEX_KEEP` times stops being listed there, and when the pass has
    reported `_INDEX_REPORTS` places in all it stops, every unfinished part
    covered up to where it stopped. Beyond `covered`, `Article.search` scans as `find`
    does, so the answers never depend on these bounds; they bound the pass.
    """

    __slots__ = ("lower", "places")

    def __init__(self, text: str, parts: Collection[str]) -> None:
        import ahocorasick  # C; imported only when many quotes of one article are checked

        keys = sorted(parts)
        sizes = [len(key) for key in keys]
        starts: list[list[int]] = [[] for _ in keys]
        full = len(text) + 1
        covered = [full] * len(keys)
        live: Sequence[int] = range(len(keys))
        position = reported = 0  # every report whose last character is before `position` is in
        while live and position < len(text):
            automaton = ahocorasick.Automaton(ahocorasick.STORE_INTS)
            for k in live:
                automaton.add_word(keys[k], k)
            automaton.make_automaton()
            longest = max(sizes[k] for k in live)
            waste, restart = 0, -1
            while restart < 0 and position < len(text):
                # A chunk at a time, each from early enough to hold any part that ends in it.
                begin, end = max(0, position - longest + 1), min(len(text), position + _INDEX_CHUNK)
                for last, k in automaton.iter(text[begin:end]):  # by the position of their last character
                    last += begin
                    if last < position:
                        continue  # reported from the chunk before, or before the automaton was rebuilt
                    reported += 1
                    found = starts[k]
                    if covered[k] != full:  # this part lists no more
                        waste += 1
                        if waste >= _INDEX_WASTE or reported >= _INDEX_REPORTS:
                            restart = last
                            break
                        continue
                    first = last - sizes[k] + 1
                    if found and found[-1] >= first:
                        continue  # reported before the rebuild, at the position where it happened
                    found.append(first)
                    if len(found) == _INDEX_KEEP:
                        covered[k] = first + 1
                    if reported >= _INDEX_REPORTS:
                        restart = last
                        break
                else:
                    position = end
            if restart < 0:
                break
            position = restart  # some reports ending here may be in, the rest are still to come
            if reported >= _INDEX_REPORTS:  # stop: what ends before `restart` is known
                for k in range(len(keys)):
                    covered[k] = min(covered[k], max(0, restart - sizes[k] + 1))
                break
            live = [k for k in live if covered[k] == full]
        self.places: dict[str, tuple[list[int], int]] = {}
        for key, found, bound in zip(keys, starts, covered, strict=True):
            if found and found[-1] >= bound:
                found = found[: bisect_left(found, bound)]
            self.places[key] = (found, bound)
        self.lower: Index | None = None  # for misses: the parts in lower case, in the text in lower case


def indexed(text: str, parts: Collection[str]) -> Index | None:
    """An index of `parts` in `text`, where there are enough of them to pay for the pass."""
    if len(parts) < _INDEX_MIN_PARTS or len(parts) * len(text) < _INDEX_MIN_WORK:
        return None
    return Index(text, parts)


def _prefixes(parts: Collection[str]) -> set[str]:
    """The prefixes of `parts` that `quotemisses` may look for (within the bounds above)."""
    prefixes: set[str] = set()
    room = _PREFIXED_CHARS
    for part in parts:
        if len(part) > _PREFIXED_MAX:
            continue
        cut = part.find(" ", next(i for i, char in enumerate(part) if char.isalnum()))
        while cut >= 0 and room > 0:
            prefixes.add(part[:cut])
            room -= cut
            cut = part.find(" ", cut + 1)
    return prefixes


def widen(index: Index, text: str, lowered: Callable[[], str], missed: Collection[str]) -> None:
    """For many missed parts, what explaining them looks for indexed too: their prefixes, and the parts
    in lower case in the text in lower case (`lowered()`, "" where case mapping changes its length)."""
    if len(missed) < _INDEX_MIN_PARTS:
        return
    prefixes = indexed(text, _prefixes(missed))
    if prefixes is not None:
        index.places.update(prefixes.places)
    if lower := lowered():
        index.lower = indexed(lower, {part.lower() for part in missed})
