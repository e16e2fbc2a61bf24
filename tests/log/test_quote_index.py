"""Many quotes of one article in one pass (`verify`, `Article.find_all`): the same answers as `find`.

`find` searches for one quote by scanning the article; `find_all` looks the
parts of all its quotes up in an Aho-Corasick index built in one pass. Every
test here compares the two, answer for answer (a Match's offsets, line and
passage; a Miss's reason, kind and line), on articles and quotes made to
trip them: quotes that overlap, repeat, are prefixes of each other, cross
invisible characters or paragraph breaks, carry ellipses, or recur inside
words often enough that the search gives up. The index is forced on (it is
built only for many parts of a long article), and its bounds are also shrunk
to a few places, so that a part's list runs out and the scan takes over, the
automaton is rebuilt, the pass stops early, and the text is given to the
automaton in chunks of a few characters, on small texts.
"""

from __future__ import annotations

import contextlib
import unicodedata
from collections.abc import Iterator

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tracker.log import quoteindex, quotetext
from tracker.log.quotemisses import Miss
from tracker.log.quotes import MATCHER_VERSION, MIN_WORDS, Article, Match, verify
from tracker.log.quotetext import normalise

PROPERTIES = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
INVISIBLE = ["\u00ad", "\u200b", "\u200c", "\u200d", "\u2060", "\ufeff"]

# Bounds of the one pass: as shipped but always on, then small enough to run out on a few words.
ALWAYS = {"_INDEX_MIN_PARTS": 1, "_INDEX_MIN_WORK": 0}
CHUNKED = {**ALWAYS, "_INDEX_CHUNK": 3}
TIGHT = {**ALWAYS, "_INDEX_KEEP": 2, "_INDEX_REPORTS": 40, "_INDEX_WASTE": 3, "_INDEX_CHUNK": 5}
TIGHTER = {**ALWAYS, "_INDEX_KEEP": 1, "_INDEX_REPORTS": 7, "_INDEX_WASTE": 1, "_INDEX_CHUNK": 1}
BOUNDS = [ALWAYS, CHUNKED, TIGHT, TIGHTER]


@contextlib.contextmanager
def bounds(values: dict[str, int]) -> Iterator[None]:
    with pytest.MonkeyPatch.context() as patch:
        for name, value in values.items():
            patch.setattr(quoteindex, name, value)
        yield


def one_by_one(text: str, wanted: list[str], min_words: int) -> list[Match | Miss]:
    article = Article(text)
    return [article.find(quote, min_words=min_words) for quote in wanted]


def assert_same(text: str, wanted: list[str]) -> None:
    """`find_all` answers as `find` does, whatever its bounds, with and without the minimum length."""
    for min_words in (0, MIN_WORDS):
        expected = one_by_one(text, wanted, min_words)
        for values in BOUNDS:
            with bounds(values):
                assert Article(text).find_all(wanted, min_words=min_words) == expected, (values, min_words)


def brute_places(text: str, part: str) -> list[int]:
    found, position = [], text.find(part)
    while position >= 0:
        found.append(position)
        position = text.find(part, position + 1)
    return found


# --- the index itself ---------------------------------------------------------------------

PIECES = ["a", "b", "ab", "ba", "aa", " ", "é", "😀", "東"]


@PROPERTIES
@given(
    st.lists(st.sampled_from(PIECES), max_size=40).map("".join),
    st.lists(st.lists(st.sampled_from(PIECES), min_size=1, max_size=4).map("".join), min_size=1, max_size=8),
    st.sampled_from(BOUNDS),
)
def test_the_index_lists_every_place_before_where_it_stopped(text, parts, values):
    """Each part's list is exactly its places below `covered` (astral characters count as one)."""
    with bounds(values):
        index = quoteindex.Index(text, set(parts))
    for part in parts:
        listed, covered = index.places[part]
        assert listed == [p for p in brute_places(text, part) if p < covered]
        assert covered <= len(text) + 1
        if values in (ALWAYS, CHUNKED):
            assert covered == len(text) + 1  # nothing ran out: complete


def test_a_part_that_recurs_too_often_keeps_its_first_places_and_the_rest_is_scanned():
    text = "ab " * 50 + "the end"
    with bounds({**ALWAYS, "_INDEX_KEEP": 4}):
        index = quoteindex.Index(text, {"ab", "end"})
        assert index.places["ab"] == ([0, 3, 6, 9], 10)
        assert index.places["end"] == ([text.index("end")], len(text) + 1)
        assert Article(text).find_all(["the end", "ab ab"]) == one_by_one(text, ["the end", "ab ab"], 0)


def test_a_place_reported_again_after_a_rebuild_is_listed_once():
    """The automaton reports 'ab' then 'b' at the same end; 'b', full, has it rebuilt, and 'ab' comes again."""
    with bounds({**ALWAYS, "_INDEX_KEEP": 2, "_INDEX_WASTE": 1}):
        index = quoteindex.Index("b b ab", {"ab", "b"})
    assert index.places == {"ab": ([4], 7), "b": ([0, 2], 3)}


def test_the_pass_stops_after_its_reports_and_covers_what_it_read():
    text = "x y " * 20 + "z"
    with bounds({**ALWAYS, "_INDEX_REPORTS": 5}):
        index = quoteindex.Index(text, {"x", "y", "z"})
    # Stopped at the fifth report, the 'x' at 8: what ends before it is known, for every part.
    assert index.places["x"] == ([0, 4], 8)
    assert index.places["y"] == ([2, 6], 8)
    assert index.places["z"] == ([], 8)
    assert_same(text, ["x y x y", "z", "y z", "x", "nothing here"])


# --- the same answers ---------------------------------------------------------------------

ARTICLE = (
    "Saudi Arabia will join the Abraham Accords, officials said. Saudi Arabia will not, others said.\n"
    "The ac\u00adcords were signed in 2020 by the UAE and Bah\u200brain; Morocco and Sudan fol\u2060lowed.\n"
    "\n"
    "Impact ShortsTrump has been clear: \u201cthe accords will grow\u201d, he said. Cafe\u0301 Zürich, 東京.\n"
    "Kazakhstan joined\u00a0in November. Unlikely, likely, joined, join \u2014 the accords.\r\n"
    "\r\n"
    "Saudi Arabia will join the Abraham Accords. Saudi Arabia will join the Abraham Accords.\n"
)
ADVERSARIAL = [
    "Saudi Arabia will join the Abraham Accords",  # twice in the article: the first place counts
    "Saudi Arabia will join the Abraham Accords, officials said.",
    "Saudi Arabia will",  # a prefix of the others, and weak
    "Saudi Arabia will not",
    "Saudi Arabia",
    "Arabia will join",  # overlaps the others
    "will join the Abraham Accords. Saudi Arabia will join",  # overlaps itself at the repetition
    "The accords were signed in 2020",  # across a soft hyphen
    "the UAE and Bahrain; Morocco and Sudan followed.",  # across a zero-width space and a word joiner
    "the ac\u00adcords were signed",  # an invisible character in the quote too (and capitals differ)
    "cords were signed in 2020",  # inside a word that hides a soft hyphen
    "Trump has been clear",  # the boundary inside ShortsTrump
    "rump has been clear",
    '"the accords will grow", he said.',
    "Café Zürich, 東京.",  # NFC quote of an NFD article
    "Cafe\u0301 Zu\u0308rich",  # NFD quote
    "Cafe Zürich",  # stops short of a mark
    "東京",
    "Kazakhstan joined in November.",  # across a no-break space
    "likely, joined, join",
    "Unlikely, likely … join — the accords",  # an ellipsis within one line
    "Saudi Arabia will … Abraham Accords",
    "Saudi Arabia will... the accords will grow",  # across a blank line: refused
    "the accords will grow … Kazakhstan joined",  # across a line break (not a paragraph's)
    "Sudan followed. Impact ShortsTrump",  # a quote without an ellipsis may cross a paragraph break
    "… Morocco and Sudan …",
    "Morocco … … Sudan",  # an empty part
    "the Abraham Accords … the Abraham Accords",  # the same part twice, in order
    "signed in 2021 by the UAE and Bahrain",  # differs: where, and the word
    "signed in 2020 BY the UAE",
    "saudi arabia will join the abraham accords",  # capitals
    "Saudi Arabia will join the Abraham Accords officially",
    "Nothing of the kind was said at all",
    "...",
    "",
    "Saudi",
    "2020",
]


def test_adversarial_quotes_get_the_same_answers_each_way():
    answers = one_by_one(ARTICLE, ADVERSARIAL, MIN_WORDS)
    kinds = {answer.kind if isinstance(answer, Miss) else "match" for answer in answers}
    assert kinds == {"match", "refused", "absent", "inside-word", "case", "differs", "order", "weak"}
    assert_same(ARTICLE, ADVERSARIAL)
    assert_same(ARTICLE, ADVERSARIAL * 2 + list(reversed(ADVERSARIAL)))  # repeats, in any order


def test_a_quote_that_gives_up_gives_up_either_way():
    text = "aé " * 20000 + "a b c dd"
    wanted = ["a", "a b c", "é a", "a b c d"]
    answers = one_by_one(text, wanted, 0)
    kinds = ["gave-up", "match", "gave-up", "inside-word"]
    assert [a.kind if isinstance(a, Miss) else "match" for a in answers] == kinds
    for values in (ALWAYS, {**ALWAYS, "_INDEX_KEEP": 100}, TIGHT):
        with bounds(values):
            assert Article(text).find_all(wanted) == answers


def test_places_inside_ascii_words_cost_no_work_either_way():
    """The scan's regex skips a place followed by an ASCII letter for free; so does the listed search."""
    text = "abx " * 20000 + "ab"
    wanted = ["ab", "abx abx ab"]
    answers = one_by_one(text, wanted, 0)
    assert [answer.start for answer in answers if isinstance(answer, Match)] == [80000, 79992]
    for values in (ALWAYS, {**ALWAYS, "_INDEX_KEEP": 30000, "_INDEX_REPORTS": 1 << 20}):
        with bounds(values):
            assert Article(text).find_all(wanted) == answers


def test_a_part_cut_off_by_the_paragraph_end_is_judged_at_the_end():
    """The ellipsis search stops at a paragraph's end: a part that ends there is still whole words."""
    text = "one two three four\n\nthree four five"
    wanted = ["one … three four", "two … four", "one … four five", "three … five"]
    assert_same(text, wanted)
    assert isinstance(Article(text).find("one … three four"), Match)


TOKENS = ["likely", "unlikely", "join", "joined", "the", "Accords", "accords", "Trump", "ShortsTrump", "2020",
          "café", "cafe\u0301", "Zürich", "東京", "東", "Kassym-Jomart", "it’s", "“possible”", "(US)", ".", ",",
          "—", "-", "'", "a", "aa", "ab", "😀", "ac\u00adcords", "jo\u200bin", "\u2060the"]  # fmt: skip
SEPARATORS = [" ", " ", " ", "", "  ", "\n", "\r\n", "\n\n", "\u00a0", "\t", " … ", "... ", ". "]
texts = st.lists(
    st.tuples(st.sampled_from(TOKENS), st.sampled_from(SEPARATORS)), min_size=1, max_size=40
).map(lambda pairs: "".join(token + separator for token, separator in pairs))


@st.composite
def corpora(draw: st.DrawFn) -> tuple[str, list[str]]:
    """An article and quotes cut from it (anywhere: inside words too), joined by ellipses, mangled, or made up."""
    text = draw(texts)
    plain = normalise(text)

    def cut(source: str) -> str:
        start = draw(st.integers(0, max(0, len(source) - 1)))
        return source[start : draw(st.integers(start, len(source)))]

    wanted: list[str] = []
    for _ in range(draw(st.integers(1, 12))):
        how = draw(
            st.sampled_from(["raw", "normalised", "ellipsis", "prefix", "repeat", "mangled", "made up"])
        )
        if how == "raw":
            wanted.append(cut(text))
        elif how == "normalised":
            wanted.append(cut(plain))
        elif how == "ellipsis":
            wanted.append(draw(st.sampled_from([" … ", "...", "…", " ... "])).join([cut(plain), cut(plain)]))
        elif how in ("prefix", "repeat") and wanted:
            earlier = draw(st.sampled_from(wanted))
            wanted.append(
                earlier[: draw(st.integers(1, max(1, len(earlier))))] if how == "prefix" else earlier
            )
        elif how == "mangled":
            quote = cut(plain)
            spot = draw(st.integers(0, len(quote)))
            wanted.append(
                quote[:spot] + draw(st.sampled_from([*INVISIBLE, "x", " ", "A", "\u0301"])) + quote[spot:]
            )
        else:
            wanted.append(draw(texts))
    return text, wanted


@PROPERTIES
@given(corpora())
def test_the_one_pass_answers_as_the_search_for_each_quote(corpus):
    text, wanted = corpus
    assert_same(text, wanted)
    assert_same(unicodedata.normalize("NFD", text), wanted)


@PROPERTIES
@given(st.text(max_size=60), st.lists(st.text(max_size=12), min_size=1, max_size=6))
def test_the_one_pass_answers_as_the_search_on_any_text(text, wanted):
    assert_same(text, [*wanted, text[len(text) // 3 :]])


# --- the entry point for a cache, and the callers -------------------------------------------


def test_verify_answers_each_quote_in_order_from_text_or_an_article():
    wanted = ["Saudi Arabia will join the Abraham Accords", "Saudi Arabia will", "not there at all, no"]
    expected = one_by_one(ARTICLE, wanted, MIN_WORDS)
    assert verify(ARTICLE, wanted, min_words=MIN_WORDS) == expected
    assert verify(Article(ARTICLE), wanted, min_words=MIN_WORDS) == expected
    assert [type(answer) for answer in expected] == [Match, Miss, Miss]
    assert expected[1].kind == "weak" and isinstance(verify(ARTICLE, wanted[1:2], min_words=0)[0], Match)
    assert verify(ARTICLE, [], min_words=0) == []
    assert isinstance(MATCHER_VERSION, int)


def test_a_long_article_with_many_quotes_is_indexed_once(monkeypatch):
    """As shipped, the index is built for many parts of a long article, and not for a few."""
    built = []
    real = quoteindex.Index

    def counting(text: str, parts: set[str]) -> quoteindex.Index:
        built.append(len(parts))
        return real(text, parts)

    monkeypatch.setattr(quoteindex, "Index", counting)
    sentences = [f"Sentence number {n} says the accords will grow by {n} members." for n in range(5000)]
    text = "\n".join(sentences)
    wanted = [f"number {n} says the accords" for n in range(0, 5000, 50)] + ["number 7 says the accords"] * 3
    article = Article(text)
    assert article.find_all(wanted[:5]) == one_by_one(text, wanted[:5], 0)
    assert built == []  # five parts: searched for one by one
    answers = article.find_all(wanted, min_words=MIN_WORDS)
    assert built == [101]  # once, for the distinct parts
    assert answers == one_by_one(text, wanted, MIN_WORDS)
    assert all(isinstance(answer, Match) for answer in answers)
    assert [answer.line for answer in answers[:3]] == [1, 51, 101]


def test_many_misses_are_explained_from_indexes_too(monkeypatch):
    """Where they are many, the prefixes a miss's explanation looks for and its lower case are indexed."""
    built = []
    real = quoteindex.Index

    def counting(text: str, parts: set[str]) -> quoteindex.Index:
        built.append((len(text), len(parts)))
        return real(text, parts)

    monkeypatch.setattr(quoteindex, "Index", counting)
    text = "\n".join(f"Sentence number {n} says the accords will grow by {n} members." for n in range(5000))
    wanted = [f"Number {n} says the accords" for n in range(0, 5000, 50)]  # capitals differ
    wanted += [f"number {n} says the treaty will" for n in range(0, 5000, 50)]  # differs after 'says the'
    answers = Article(text).find_all(wanted, min_words=MIN_WORDS)
    prefixes = {" ".join(quote.split()[:k]) for quote in wanted for k in range(1, len(quote.split()))}
    assert len(prefixes) == 702  # "Number", "number", and three or four for each number
    assert built == [(len(text), 200), (len(text), 702), (len(text), 200)]  # parts, prefixes, lower case
    assert answers == one_by_one(text, wanted, MIN_WORDS)
    assert answers[0] == Miss(
        "differs only in capitals: the article has 'number 0 says the accords' at line 1", "case", 1
    )
    assert answers[-1] == Miss(
        "matches up to 'number 4950 says the' at line 4951, then the quote has 'treaty' where the article has 'accords'",
        "differs",
        4951,
    )


@PROPERTIES
@given(st.text(max_size=300).map(lambda text: text * (1 + quotetext._TRANSLATE_LONG // max(1, len(text)))))
def test_long_texts_translate_as_short_ones_do(text):
    assert quotetext._translate(text) == text.translate(quotetext._TABLE)
