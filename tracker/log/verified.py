"""Quotes verified against an article, each (article, quote) once, and remembered between runs.

A verification depends on the article's bytes, the quote and the matcher,
and on nothing else: it is remembered under the article's hash, the quote's
digest and `MATCHER_VERSION` (with `MIN_WORDS`), so an unchanged quote in an
unchanged article is not searched again, whatever else changed in the log.
Only quotes that verify are remembered; a miss is searched again, so its
reason and hint are always a fresh search's.
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Iterable

from tracker.log.memo import Memo, key
from tracker.log.quotemisses import Miss
from tracker.log.quotes import MATCHER_VERSION, MIN_WORDS, Article, verify


class Text:
    """An article's text and the hash of its bytes; indexed for quotes (`Article`) when first needed."""

    __slots__ = ("_article", "digest", "name", "text")

    def __init__(self, text: str, digest: str) -> None:
        self.text, self.digest = text, digest
        self.name = key("quotes", MATCHER_VERSION, MIN_WORDS, digest)  # its verified quotes' key
        self._article: Article | None = None

    @property
    def article(self) -> Article:
        if self._article is None:
            self._article = Article(self.text)
        return self._article


@functools.lru_cache(maxsize=1 << 16)  # a log quotes the same passage in many events
def quote_digest(quote: str) -> bytes:
    """What remembers a quote: 16 bytes of its BLAKE2b hash."""
    return hashlib.blake2b(quote.encode("utf-8", "surrogatepass"), digest_size=16).digest()


def known(memo: Memo | None, text: Text) -> set[bytes] | None:
    """The digests of the quotes known to verify in `text` (none without a memo)."""
    return memo.quote_set(text.name) if memo is not None else None


def verified(memo: Memo | None, text: Text, quotes: Iterable[str]) -> dict[str, Miss | None]:
    """Each distinct quote's miss in `text`, or None where it verifies."""
    name = text.name
    known = memo.quote_set(name) if memo is not None else None
    out: dict[str, Miss | None] = {}
    todo: list[tuple[str, bytes | None]] = []
    for quote in dict.fromkeys(quotes):
        digest = quote_digest(quote) if known is not None else None
        if known is not None and digest in known:
            out[quote] = None
        else:
            todo.append((quote, digest))
    if not todo:
        return out
    answers = verify(text.article, [quote for quote, _ in todo], min_words=MIN_WORDS)  # in one pass
    for (quote, digest), found in zip(todo, answers, strict=True):
        if isinstance(found, Miss):
            out[quote] = found
            continue
        out[quote] = None
        if known is not None and digest is not None:
            known.add(digest)
            assert memo is not None
            memo.unsaved.add(name)
    return out
