"""Why a quote does not verify, and where: the first part absent as a whole, a match only inside a
longer word, other capitals, or how far the quote matches before the first word that differs.

A miss is explained after every quote of the article was looked for
(`quotes.Article.find_all`), so that when misses are many, what explaining
them looks for is indexed in one pass too (`quoteindex.widen`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal, Protocol

from tracker.log.quotewords import Budget, GaveUp, Listed, Scan, joins

if TYPE_CHECKING:
    from tracker.log.quoteindex import Index


class Article(Protocol):
    """What explaining a miss asks of an article (`quotes.Article` is one); a protocol, so that
    the matcher, which calls this module, is not imported back by it."""

    normalised: str

    def offset(self, n: int) -> int: ...

    def line(self, offset: int) -> int: ...

    def lowered(self) -> str: ...

    def search(
        self, part: str, start: int, stop: int, budget: Budget, index: Index | None = None
    ) -> int | None: ...


_SHOWN = 60  # characters of text shown in a reason

MissKind = Literal["refused", "absent", "inside-word", "case", "differs", "order", "weak", "gave-up"]


@dataclass(frozen=True, slots=True)
class Miss:
    """Why a quote does not verify, one line, to follow "quote not found in FILE: ".

    `kind` lets a caller tell a refused quote from an absent one; `line` is the
    article line the reason points at, if any.
    """

    reason: str
    kind: MissKind = "absent"
    line: int | None = None


def shown(text: str, *, tail: bool = False) -> str:
    """`text` quoted for a message, cut to _SHOWN characters (keeping its end if `tail`)."""
    if len(text) > _SHOWN:
        text = "…" + text[-(_SHOWN - 1) :] if tail else text[: _SHOWN - 1] + "…"
    return repr(text)


def explain(article: Article, parts: list[str], index: Index | None) -> Miss:
    """Why the parts do not verify: the first part absent as a whole, else their order."""
    if len(parts) == 1:  # already searched for
        return _explain_part(article, parts[0], index)
    for number, part in enumerate(parts, 1):
        try:
            found = article.search(part, 0, len(article.normalised), Budget(), index)
        except GaveUp:
            found = 0  # too common to tell: say nothing about this part
        if found is None:
            miss = _explain_part(article, part, index)
            prefix = f"part {number} of {len(parts)} ({shown(part)}): "
            return Miss(prefix + miss.reason, miss.kind, miss.line)
    try:
        first = article.search(parts[0], 0, len(article.normalised), Budget(), index)
    except GaveUp:
        first = None
    line = None if first is None else article.line(article.offset(first))
    where = "" if line is None else f" (the first part is at line {line})"
    return Miss(
        f"every part is in the article, but not in this order within one paragraph{where}", "order", line
    )


def _explain_part(article: Article, part: str, index: Index | None) -> Miss:
    """One part's miss: found only inside a longer word, with other capitals, or how far it matches."""
    text = article.normalised
    places = None if index is None else index.places.get(part)
    raw = text.find(part) if places is None else Listed(text, part, places).first()
    if raw >= 0:
        a, b = raw, raw + len(part)
        low, high = max(0, a - _SHOWN), min(len(text), b + _SHOWN)  # enough to show
        while a > low and joins(text[a - 1], text[a]):
            a -= 1
        while b < high and joins(text[b - 1], text[b]):
            b += 1
        word = "…" * (a == low > 0) + text[a:b] + "…" * (b == high < len(text))
        line = article.line(article.offset(a))
        return Miss(f"found only inside a longer word at line {line}: {shown(word)}", "inside-word", line)
    case = _other_case(article, part, index)
    if case is not None:
        line = article.line(article.offset(case))
        other = shown(text[case : case + len(part)])
        return Miss(f"differs only in capitals: the article has {other} at line {line}", "case", line)
    return _longest_prefix(article, part, index)


def _other_case(article: Article, part: str, index: Index | None) -> int | None:
    """A whole-word position where `part` appears with other capitals, if case mapping keeps lengths."""
    lower, wanted = article.lowered(), part.lower()
    if not lower or len(wanted) != len(part):
        return None
    places = None if index is None or index.lower is None else index.lower.places.get(wanted)
    scan = Scan(lower, wanted, plain=True) if places is None else Listed(lower, wanted, places, plain=True)
    text, budget, position = article.normalised, Budget(), 0
    try:
        while (position := scan.next(position, len(lower))) >= 0:
            end = position + len(part)
            if not (position > 0 and joins(text[position - 1], text[position])) and not (
                end < len(text) and joins(text[end - 1], text[end])
            ):
                return position
            budget.spend(len(part))
            position += 1
    except GaveUp:
        pass
    return None


def _longest_prefix(article: Article, part: str, index: Index | None) -> Miss:
    """Where the longest whole-word prefix of `part` ends, and the first word that differs.

    Prefixes end at the part's spaces and must hold a letter or digit; one
    found implies every shorter one is found there too, so a binary search
    over character positions needs about log2(len(part)) searches.
    """
    first = next(i for i, char in enumerate(part) if char.isalnum())
    low, high = part.find(" ", first), part.rfind(" ")
    if low < 0:
        return Miss("not in the article", "absent")
    shortest, best = low, None  # best: (cut, position)
    while low <= high:
        cut = part.rfind(" ", 0, (low + high) // 2 + 1)
        try:
            found = article.search(part[:cut], 0, len(article.normalised), Budget(), index)
        except GaveUp:
            found = None
        if found is None:
            high = cut - 1
            continue
        best = (cut, found)
        low = part.find(" ", cut + 1)
        if low < 0:
            break
    if best is None:
        return Miss(f"not in the article, not even its first word {shown(part[:shortest])}", "absent")
    cut, position = best
    end = position + cut
    line = article.line(article.offset(position))
    ours = part[cut + 1 :].split(" ", 1)[0]
    rest = article.normalised[end : end + 2 * _SHOWN].lstrip(" ")
    theirs = f"where the article has {shown(rest.split(' ', 1)[0])}" if rest else "where the article ends"
    return Miss(
        f"matches up to {shown(part[:cut], tail=True)} at line {line}, "
        f"then the quote has {shown(ours)} {theirs}",
        "differs",
        line,
    )
