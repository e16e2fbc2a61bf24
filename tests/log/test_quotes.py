"""The quote matcher: whole words, any Unicode form, ellipses, and misses that say where."""

from __future__ import annotations

import json
import unicodedata

import pytest
from conftest import REPO
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from tracker.log.quotemisses import Miss
from tracker.log.quotes import MIN_WORDS, Article, Match
from tracker.log.quotetext import normalise

NFC = lambda text: unicodedata.normalize("NFC", text)  # noqa: E731
NFD = lambda text: unicodedata.normalize("NFD", text)  # noqa: E731

SEED_000 = (REPO / "seeds" / "000_a9e363f1bd691638.txt").read_bytes().decode("utf-8-sig")
KAZAKHSTAN = (
    "Kazakhstan is expected to be announced on Thursday.\n"
    "Officials said Kazakhstan is expected to join the accords, a senior official said.\n"
    "Saudi Arabia is unlikely to join the accords soon.\n"
)


def match(article: str, quote: str, **options: int) -> Match:
    found = Article(article).find(quote, **options)
    assert isinstance(found, Match), found
    return found


def miss(article: str, quote: str, **options: int) -> Miss:
    found = Article(article).find(quote, **options)
    assert isinstance(found, Miss), found
    return found


def line_of(text: str, offset: int) -> int:
    """The line of an offset, counted independently of the module (\\n and \\r\\n only)."""
    return text[:offset].replace("\r\n", "\n").count("\n") + 1


# --- exact matches and normalisation -------------------------------------------


def test_exact_quote_gives_offsets_line_and_passage():
    found = match(KAZAKHSTAN, "Kazakhstan is expected to join the accords")
    start = KAZAKHSTAN.index("Kazakhstan is expected to join")
    assert found == Match(
        start, start + 42, 2, "Kazakhstan is expected to join the accords", ((start, start + 42),)
    )


@pytest.mark.parametrize(
    ("article", "quote"),
    [
        ("Germany was named as a “possible” member.", 'named as a "possible" member'),
        ('Germany was named as a "possible" member.', "named as a “possible” member"),
        ("the US’ hope is that Kazakhstan’s entry", "the US' hope is that Kazakhstan's entry"),
        ("the US' hope is that Kazakhstan's entry", "the US‘ hope is that Kazakhstan‛s entry"),
        ("he said „bald“ and ‚ja‘", "he said \"bald\" and 'ja'"),
    ],
)
def test_curly_low_and_straight_quote_marks_are_the_same(article, quote):
    found = match(article, quote)
    assert (
        found.start == article.index(quote.split()[0]) and found.passage == article[found.start : found.end]
    )


def test_whitespace_runs_newlines_and_tabs_fold_on_both_sides():
    article = "Germany  was named\nas a\t“possible”\r\n  member, officials said."
    found = match(article, 'Germany was\n  named as a "possible"    member')
    assert found.passage == "Germany  was named\nas a\t“possible”\r\n  member"
    assert (found.start, found.line) == (0, 1)


def test_no_break_space_is_a_space_both_ways():
    article = "Crown Prince Mohammed bin\u00a0Salman is expected"
    found = match(article, "Mohammed bin Salman")
    assert found.passage == "Mohammed bin\u00a0Salman"
    assert match("Mohammed bin Salman is", "Mohammed\u00a0bin\u202fSalman").passage == "Mohammed bin Salman"


def test_every_unicode_space_folds():
    spaces = [chr(c) for c in range(0x110000) if chr(c).isspace()]
    for space in spaces:
        assert normalise(f" a{space}{space}b{space}") == "a b"
        assert match(f"x a{space}b y", "a b").passage == f"a{space}b"


@pytest.mark.parametrize("article_form", [NFC, NFD])
@pytest.mark.parametrize("quote_form", [NFC, NFD])
def test_composed_and_decomposed_accents_match_either_way(article_form, quote_form):
    article = article_form("Le café de Zürich est fermé.")
    found = match(article, quote_form("café de Zürich"))
    assert found.passage == article_form("café de Zürich")
    assert found.start == 3 and found.end == 3 + len(article_form("café de Zürich"))


@pytest.mark.parametrize("article_form", [NFC, NFD])
def test_hangul_jamo_and_syllables_match_either_way(article_form):
    article = article_form("대한민국 국회는 오늘 회의를 열었다.")
    for quote in (NFC("국회는 오늘"), NFD("국회는 오늘")):
        found = match(article, quote)
        assert found.passage == article_form("국회는 오늘")
        assert found.start == len(article_form("대한민국 "))


def test_vietnamese_marks_in_any_order_match():
    stacked = "Vie\u0323\u0302t Nam"  # dot below then circumflex: canonical order
    swapped = "Vie\u0302\u0323t Nam"  # circumflex then dot below: same text
    composed = "Việt Nam"
    for article in (stacked, swapped, composed):
        for quote in (stacked, swapped, composed):
            assert match(f"Hà Nội, {article} hôm nay", quote).passage == article


def test_a_decomposed_accent_is_not_a_separate_word():
    # The old substring test let "cafe" verify inside the decomposed "café".
    assert miss(NFD("un café noir"), "un cafe").kind == "differs"
    inside = miss(NFD("les cafés"), "café")
    assert inside.reason == "found only inside a longer word at line 1: 'cafés'"


def test_line_numbers_count_crlf_once():
    article = "one\r\ntwo\r\n\r\nthree four\r\nfive"
    found = match(article, "three four")
    assert (found.start, found.line, found.passage) == (article.index("three"), 4, "three four")
    assert match(article, "five").line == 5


def test_line_numbers_and_offsets_after_decomposed_text():
    article = NFD("Élysée, Zürich, Hà Nội.\nCafé crème.\nThe quote is here.")
    found = match(article, "The quote is here.")
    assert found.start == article.index("The quote")
    assert (found.line, found.passage) == (3, "The quote is here.")
    found = match(article, NFC("Café crème"))
    assert (found.start, found.line, found.passage) == (article.index(NFD("Café")), 2, NFD("Café crème"))


def test_a_lone_carriage_return_is_a_line_break():
    assert match("one\rtwo\rthree", "three").line == 3


def test_a_byte_order_mark_left_in_the_text_is_harmless():
    found = match("\ufeffKazakhstan is expected", "Kazakhstan is")
    assert (found.start, found.line) == (1, 1)


# Format characters a page puts inside words: invisible, so an identical-looking quote must verify.
INVISIBLE = {"soft hyphen": "\u00ad", "zero-width space": "\u200b", "zero-width non-joiner": "\u200c",
             "zero-width joiner": "\u200d", "word joiner": "\u2060", "zero-width no-break space": "\ufeff"}  # fmt: skip


@pytest.mark.parametrize("hidden", INVISIBLE.values(), ids=INVISIBLE.keys())
def test_invisible_characters_inside_words_are_ignored_in_the_article(hidden):
    article = f"Officials said.\nKazakhstan is ex{hidden}pected to join the ac{hidden}{hidden}cords, officials said.\n"
    found = match(article, "Kazakhstan is expected to join the accords")
    start = article.index("Kazakhstan")
    assert (found.start, found.end, found.line) == (start, article.index(","), 2)  # offsets in the original
    assert found.passage == f"Kazakhstan is ex{hidden}pected to join the ac{hidden}{hidden}cords"


@pytest.mark.parametrize("hidden", INVISIBLE.values(), ids=INVISIBLE.keys())
def test_invisible_characters_in_the_quote_are_ignored(hidden):
    found = match(KAZAKHSTAN, f"{hidden}Kazakhstan is ex{hidden}pected to join the accords{hidden}")
    assert found.passage == "Kazakhstan is expected to join the accords" and found.line == 2


@pytest.mark.parametrize("hidden", INVISIBLE.values(), ids=INVISIBLE.keys())
def test_a_word_with_an_invisible_character_is_still_one_word(hidden):
    article = f"Saudi Arabia is un{hidden}likely to join the ac{hidden}cords soon.\n"
    inside = miss(article, "likely to join")
    assert inside.kind == "inside-word" and inside.reason.endswith("at line 1: 'unlikely to join'")
    assert miss(article, "cords soon").kind == "inside-word"
    found = match(f"\n{hidden}likely to join{hidden}.", "likely to join")
    assert (found.start, found.end, found.line) == (2, 16, 2)  # no invisible character at either end


def test_check_verifies_a_quote_whose_article_hides_characters_in_its_words(write_log):
    from conftest import ARTICLE, GOOD_EVENT, HEADER, run

    path = write_log(
        HEADER + GOOD_EVENT,
        article=ARTICLE.replace("accords", "ac\u00adcords").replace("would", "wo\u200buld"),
    )
    result = run("check", "--json", "--data", str(path))
    assert result.exit_code == 0, result.stdout
    assert [r for r in json.loads(result.stdout) if r["severity"] == "error"] == []


def test_a_miss_beyond_invisible_characters_says_where_in_the_original():
    article = "First\u00ad line.\nSecond\u200b line\u2060 says the ac\u00adcords were signed.\n"
    found = miss(article, "says the accords were not signed")
    assert found.kind == "differs" and found.line == 2
    assert found.reason == (
        "matches up to 'says the accords were' at line 2, then the quote has 'not' where the article has 'signed.'"
    )


def test_a_mark_after_an_invisible_character_still_composes():
    article = "the caf\u200b\u0301e was named"  # NFD across a zero-width space
    assert match("the cafe\u0301 was named", "the café was").passage == "the cafe\u0301 was"
    assert match(article.replace("\u0301e", "e\u0301"), "the café was").line == 1


def test_a_whole_sentence_after_an_invisible_character_is_not_weak():
    article = "It was agreed.\u200b Talks resume.\u00ad The rest follows."
    assert match(article, "Talks resume.", min_words=MIN_WORDS).passage == "Talks resume."


def test_normalise_matches_the_old_checker_on_quote_marks_and_spaces():
    assert normalise("“a”  ‘b’\n c") == "\"a\" 'b' c"
    assert normalise(NFD("  Zürich\u00a0 ")) == "Zürich"


# --- whole words ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("quote", "word"),
    [
        ("likely to join the accords", "unlikely to join the accords"),  # start inside a word
        ("join the accord", "join the accords"),  # end inside a word
        ("nlikely", "unlikely"),  # both ends
        ("zakhstan is expected", "Kazakhstan is expected"),
        ("Kazakh", "Kazakhstan"),
    ],
)
def test_a_quote_inside_a_longer_word_is_refused_and_named(quote, word):
    found = miss(KAZAKHSTAN, quote)
    assert found.kind == "inside-word"
    line = line_of(KAZAKHSTAN, KAZAKHSTAN.index(word))
    assert found.reason == f"found only inside a longer word at line {line}: {word!r}"
    assert found.line == line


def test_digits_are_word_characters():
    assert miss("ties in 2020 under the accords", "020 under").kind == "inside-word"
    assert match("ties in 2020 under the accords", "2020 under").start == 8


def test_hyphens_and_apostrophes_are_boundaries():
    assert match("the Trump-brokered Abraham Accords", "Trump").start == 4
    assert match("the Trump-brokered Abraham Accords", "brokered Abraham").start == 10
    assert match("Washington’s bid", "Washington").end == 10


@pytest.mark.parametrize("quote", [".", "  ", "", "—", "…", "...", "“ ”", "\u00a0", "- , ;"])
def test_a_quote_without_letters_or_digits_is_refused(quote):
    found = Article("Anything. At all — really... “ ” - , ;").find(quote)
    assert found == Miss("the quote has no letters or digits", "refused")


def test_page_furniture_run_into_a_sentence_is_a_boundary():
    found = match(SEED_000, "Trump has been upbeat about the prospects")
    assert (found.line, found.passage) == (9, "Trump has been upbeat about the prospects")
    assert SEED_000[found.start - 6 : found.start] == "Shorts"
    # The same boundary from the other side: "Shorts" is a whole word here.
    assert match("More ShortsTrump has been", "More Shorts").passage == "More Shorts"


def test_camel_case_boundary_is_only_lower_to_upper():
    assert miss("More ShortsTrump has been", "rump has been").reason == (
        "found only inside a longer word at line 1: 'Trump has been'"
    )
    assert miss("the USAID budget", "AID budget").kind == "inside-word"  # upper to upper joins
    assert miss("the iPhones sold", "Phone").kind == "inside-word"


def test_case_differences_are_refused_and_explained():
    found = miss(KAZAKHSTAN, "kazakhstan is expected to be announced")
    assert found == Miss(
        "differs only in capitals: the article has 'Kazakhstan is expected to be announced' at line 1",
        "case",
        1,
    )


def test_combining_marks_stay_with_the_character_before_them():
    assert miss("x \u0301abc", "\u0301abc").kind == "inside-word"  # a quote may not start with a mark
    assert miss("a \u2019\u0345\u0323 b", "a \u2019").kind == "inside-word"  # nor stop short of them
    # NFC rewrites U+0344 as two marks: a quote may not start between them.
    assert isinstance(Article("\u2019\u0344\u0130").find("\u0301\u0130"), Miss)


def test_scripts_without_spaces_match_at_any_character():
    assert match("日本の首相は東京で会談した。", "東京で会談").start == 6


# --- ellipsis -----------------------------------------------------------------------

PARAGRAPHS = "Alpha beta gamma delta epsilon.\nZeta eta theta.\n\nIota kappa lambda.\n"


@pytest.mark.parametrize("ellipsis", ["…", "...", " … ", " ... ", "....", "…."])
def test_ellipsis_parts_in_order_match_with_each_part_located(ellipsis):
    found = match(PARAGRAPHS, f"Alpha beta{ellipsis}delta epsilon")
    assert found.passage == "Alpha beta gamma delta epsilon"
    assert found.parts == ((0, 10), (17, 30))
    found = match(PARAGRAPHS, f"beta{ellipsis}epsilon.{ellipsis}theta")  # across a single line break
    assert (found.passage, found.line) == ("beta gamma delta epsilon.\nZeta eta theta", 1)


def test_ellipsis_parts_out_of_order_are_refused():
    found = miss(PARAGRAPHS, "delta epsilon … Alpha beta")
    assert found == Miss(
        "every part is in the article, but not in this order within one paragraph (the first part is at line 1)",
        "order",
        1,
    )


@pytest.mark.parametrize("gap", ["\n\n", "\n \t\n", "\r\n\r\n", "\n\n\n", "\r\r"])
def test_ellipsis_parts_across_a_paragraph_break_are_refused(gap):
    article = f"Alpha beta.{gap}Iota kappa."
    assert miss(article, "Alpha … kappa").kind == "order"
    assert match(article, "Alpha beta. Iota kappa").passage == f"Alpha beta.{gap}Iota kappa"  # no ellipsis


def test_ellipsis_match_may_be_in_a_later_paragraph():
    article = "Alpha beta.\n\nIota alone.\n\nIota kappa lambda."
    found = match(article, "Iota … lambda")
    assert (found.passage, found.line) == ("Iota kappa lambda", 5)


def test_an_ellipsis_part_may_not_span_a_paragraph_break():
    article = "Alpha beta.\n\nIota kappa lambda."
    assert miss(article, "beta. Iota … lambda").kind == "order"


def test_leading_and_trailing_ellipses_only_mark_a_cut_quote():
    for quote in ("… beta gamma", "beta gamma …", "...beta gamma...", "… beta gamma …"):
        assert match(PARAGRAPHS, quote).passage == "beta gamma"


def test_an_empty_part_between_ellipses_is_refused():
    assert miss(PARAGRAPHS, "Alpha … … delta") == Miss(
        "the quote has an empty part between two ellipses", "refused"
    )


def test_each_ellipsis_part_obeys_the_rules_of_a_whole_quote():
    assert miss(PARAGRAPHS, "Alpha … , … delta") == Miss(
        "part 2 of 3 (',') has no letters or digits", "refused"
    )
    assert miss(PARAGRAPHS, "Alpha bet … delta") == Miss(
        "part 1 of 2 ('Alpha bet'): found only inside a longer word at line 1: 'Alpha beta'", "inside-word", 1
    )
    assert miss(PARAGRAPHS, "Alpha … delta omega").reason == (
        "part 2 of 2 ('delta omega'): matches up to 'delta' at line 1, "
        "then the quote has 'omega' where the article has 'epsilon.'"
    )


def test_the_shipped_quote_with_the_articles_own_ellipsis_verifies():
    article = (REPO / "seeds" / "002_8053211c4aa149c3.txt").read_text("utf-8")
    found = match(article, "going to be joining … and those announcements")
    assert found.passage == "going to be joining … and those announcements"


# --- explaining a miss --------------------------------------------------------------


def test_a_one_word_difference_names_the_line_and_both_words():
    found = miss(KAZAKHSTAN, "Officials said Kazakhstan is expected to sign the accords")
    assert found == Miss(
        "matches up to 'Officials said Kazakhstan is expected to' at line 2, "
        "then the quote has 'sign' where the article has 'join'",
        "differs",
        2,
    )


def test_a_different_dash_is_pointed_at():
    found = miss("Israel — and the UAE signed.", "Israel - and the UAE")
    assert (
        found.reason == "matches up to 'Israel' at line 1, then the quote has '-' where the article has '—'"
    )


def test_a_long_matching_prefix_is_shown_by_its_end():
    found = miss(
        SEED_000, "Although Kazakhstan already maintains full diplomatic and economic relations with Iran"
    )
    assert found.reason == (
        "matches up to '…ready maintains full diplomatic and economic relations with' at line 2, "
        "then the quote has 'Iran' where the article has 'Israel,'"
    )


def test_a_quote_that_runs_past_the_article_says_so():
    assert miss("the accords.", "the accords. Later").reason == (
        "matches up to 'the accords.' at line 1, then the quote has 'Later' where the article ends"
    )


def test_absent_quotes_say_so():
    assert miss(KAZAKHSTAN, "Norway") == Miss("not in the article", "absent")
    assert miss(KAZAKHSTAN, "Norway joins") == Miss(
        "not in the article, not even its first word 'Norway'", "absent"
    )


# --- minimum length -----------------------------------------------------------------

SENTENCES = "Talks continue. Nothing was agreed. Officials said so\nYes, they did!\n“We agree.” He left."


def test_min_words_is_off_by_default():
    assert match(SENTENCES, "Officials said").passage == "Officials said"


def test_short_quotes_are_weak_when_asked():
    found = miss(SENTENCES, "Officials said", min_words=MIN_WORDS)
    assert found == Miss(
        "the quote is too short to prove anything: 2 words, fewer than 4, and not a whole sentence of the article",
        "weak",
        1,
    )
    assert miss(SENTENCES, "Nothing was agreed", min_words=MIN_WORDS).kind == "weak"  # not the whole sentence
    assert miss(SENTENCES, "said so", min_words=MIN_WORDS).kind == "weak"


@pytest.mark.parametrize(
    "quote", ["Talks continue.", "Nothing was agreed.", "Yes, they did!", "“We agree.”", "He left."]
)
def test_a_short_whole_sentence_is_not_weak(quote):
    assert match(SENTENCES, quote, min_words=MIN_WORDS).passage == quote


def test_long_enough_quotes_pass_and_each_ellipsis_part_is_counted():
    assert match(SENTENCES, "Nothing was agreed. Officials", min_words=MIN_WORDS).start == 16
    assert miss(SENTENCES, "Talks continue … said so", min_words=MIN_WORDS).reason.startswith(
        "part 1 of 2 is too short to prove anything: 2 words"
    )


def test_every_shipped_quote_verifies_and_none_is_weak():
    import yaml

    log = yaml.safe_load((REPO / "data" / "events.yaml").read_text("utf-8"))
    files = {source["id"]: source["file"] for source in log["sources"] if "file" in source}
    articles = {
        sid: Article((REPO / "data" / log["corpus"] / name).read_bytes().decode("utf-8-sig"))
        for sid, name in files.items()
    }
    quotes = [
        (cite["source"], cite["quote"])
        for event in log["events"]
        for cite in event.get("cite", [])
        if cite.get("quote") and cite["source"] in files
    ]
    assert len(quotes) > 50  # the shipped log, not an empty selection
    for source, quote in quotes:
        assert isinstance(articles[source].find(quote, min_words=MIN_WORDS), Match), quote


# --- large and pathological inputs (no timing: they must just finish) ---------------

SIZE = 2 * 1024 * 1024


def test_many_near_misses_in_a_large_article_finish():
    article = "a " * (SIZE // 2)
    found = miss(article, "a " * 2000 + "b")
    assert found.reason.startswith("matches up to '…a a a") and found.reason.endswith(
        "where the article has 'a'"
    )
    assert match(article + "b", "a a b").start == SIZE - 4


def test_a_quote_inside_one_huge_word_finishes():
    assert miss("a" * SIZE, "a").kind == "inside-word"
    assert miss("a" * SIZE, "a" * (SIZE // 2)).kind == "inside-word"
    assert miss("A" * SIZE, "A").kind == "inside-word"
    assert miss("ab " * (SIZE // 3), "a").kind == "inside-word"


def test_a_quote_inside_too_many_words_gives_up_rather_than_hang():
    assert miss("aé " * 20000, "a").kind == "gave-up"


# --- properties -------------------------------------------------------------------------

PROPERTIES = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
TOKENS = ["likely", "unlikely", "join", "joined", "the", "Accords", "Trump", "ShortsTrump", "2020", "café",
          "Zürich", "東京", "Kassym-Jomart", "it’s", "“possible”", "(US)", ".", ",", "—", "-", "'"]  # fmt: skip
SEPARATORS = [" ", " ", " ", "", "  ", "\n", "\r\n", "\n\n", "\u00a0", "\t"]
articles = st.lists(
    st.tuples(st.sampled_from(TOKENS), st.sampled_from(SEPARATORS)), min_size=1, max_size=25
).map(lambda pairs: "".join(token + separator for token, separator in pairs))


def word_char(char: str) -> bool:
    return char.isalnum() or char == "_" or unicodedata.category(char)[0] == "M"


def boundary(left: str, right: str) -> bool:
    """The documented rule, written out again independently of the module."""
    if not (word_char(left) and word_char(right)):
        return True
    if unicodedata.category(right)[0] == "M":
        return False
    if any(0x3040 <= ord(c) <= 0x9FFF for c in (left, right)):
        return True
    return unicodedata.category(left) == "Ll" and unicodedata.category(right) in ("Lu", "Lt")


@PROPERTIES
@given(articles, st.data())
def test_any_whole_word_slice_verifies_where_it_is(article, data):
    starts = [
        i
        for i in range(len(article))
        if not article[i].isspace() and (i == 0 or boundary(article[i - 1], article[i]))
    ]
    start = data.draw(st.sampled_from(starts))
    ends = [
        j
        for j in range(start + 1, len(article) + 1)
        if not article[j - 1].isspace() and (j == len(article) or boundary(article[j - 1], article[j]))
    ]
    end = data.draw(st.sampled_from(ends))
    quote = article[start:end]
    assume(any(char.isalnum() for char in quote) and "..." not in quote)
    found = match(article, quote)
    assert found.start <= start
    before, after = article[found.start - 1 : found.start], article[found.end : found.end + 1]
    assert not before or boundary(before, article[found.start])  # the match found is whole words too
    assert not after or boundary(article[found.end - 1], after)
    assert found.passage == article[found.start : found.end]
    assert normalise(found.passage) == normalise(quote)
    assert found.line == line_of(article, found.start)
    assert found.parts == ((found.start, found.end),)


@PROPERTIES
@given(articles, articles, st.data())
def test_invisible_characters_anywhere_never_change_the_verdict(article, quote, data):
    """Inserted into the article or the quote, they change nothing but offsets into the article."""

    def sprinkle(text: str) -> tuple[str, list[int]]:
        spots = sorted(data.draw(st.lists(st.integers(0, len(text)), max_size=6)))
        spots = [spot for spot in spots if text[spot - 1 : spot + 1] != "\r\n"]  # that would make two lines
        hidden = [data.draw(st.sampled_from(list(INVISIBLE.values()))) for _ in spots]
        for spot, char in zip(reversed(spots), reversed(hidden), strict=True):
            text = text[:spot] + char + text[spot:]
        return text, spots

    plain = Article(article).find(quote)
    sprinkled, _ = sprinkle(article)
    hidden_quote, _ = sprinkle(quote)
    found = Article(sprinkled).find(hidden_quote)
    assert type(found) is type(plain)
    if isinstance(plain, Miss):
        assert (found.reason, found.kind, found.line) == (plain.reason, plain.kind, plain.line)
        return
    assert isinstance(found, Match)
    assert found.line == plain.line and found.passage == sprinkled[found.start : found.end]
    strip = str.maketrans(dict.fromkeys(INVISIBLE.values()))
    assert found.passage.translate(strip) == plain.passage
    assert found.passage[:1] not in INVISIBLE.values() and found.passage[-1:] not in INVISIBLE.values()


ACCENTED = ["Việt", "Nam", "café", "cafe", "é", "e", "Zürich", "Zurich", "한국어", "국회", "Ångström", "ñ", "n"]  # fmt: skip
accented = st.lists(st.sampled_from([*ACCENTED, " ", "\n", "\n\n", "…", "."]), min_size=1, max_size=12).map(
    "".join
)


@PROPERTIES
@given(accented, accented)
def test_unicode_forms_never_change_the_verdict(article, quote):
    verdicts = set()
    for article_form in (NFC, NFD):
        for quote_form in (NFC, NFD):
            found = Article(article_form(article)).find(quote_form(quote))
            if isinstance(found, Match):
                verdicts.add(("match", NFC(found.passage), found.line))
            else:
                verdicts.add(("miss", found.reason, found.line))
    assert len(verdicts) == 1, verdicts


def check_any(article: str, quote: str) -> None:
    document = Article(article)
    assert document.normalised == normalise(article)
    found = document.find(quote)
    if isinstance(found, Miss):
        assert found.reason and "\n" not in found.reason
        return
    assert 0 <= found.start <= found.end <= len(article)
    assert found.passage == article[found.start : found.end]
    assert found.line == document.line(found.start) >= 1
    assert found.parts[0][0] == found.start and found.parts[-1][1] == found.end
    if "…" not in quote and "..." not in quote:
        assert normalise(found.passage) == normalise(quote)


@PROPERTIES
@given(st.text(), st.text())
def test_find_never_raises_on_any_text(article, quote):
    check_any(article, quote)
    check_any(article, NFD(quote))


@PROPERTIES
@given(st.text(min_size=1), st.data())
def test_find_never_raises_on_slices_of_any_text(article, data):
    start = data.draw(st.integers(0, len(article) - 1))
    end = data.draw(st.integers(start + 1, len(article)))
    check_any(article, article[start:end])
    check_any(NFD(article), article[start:end])


REWRITTEN = [*"aeEoA Tt.\n", "\r\n", "\u00a0", "\u2000", "\u2019", "…", "東", "\u01c5", "ß", "\u0130", "\ufeff",
             "\u0301", "\u0323", "\u0302", "\u0345", "\u0344", "\u0958", "\u0915", "\u093c", "\u0b47", "\u0b3e",
             "\u1100", "\u1161", "\u11a8", "\u0e01", "\u0e34"]  # fmt: skip
rewritten = st.lists(st.sampled_from(REWRITTEN), min_size=1, max_size=30).map("".join)


@PROPERTIES
@given(rewritten, st.data())
def test_offsets_stay_right_where_nfc_rewrites_reorders_and_expands(article, data):
    """Marks out of order, U+0344 and U+0958 that NFC expands, jamo and Oriya vowels that it composes."""
    start = data.draw(st.integers(0, len(article) - 1))
    end = data.draw(st.integers(start + 1, len(article)))
    for text in (article, NFD(article), NFC(article)):
        check_any(text, article[start:end])
        check_any(text, normalise(article)[start:end] or "x")


@PROPERTIES
@given(st.text())
def test_normalise_is_idempotent(text):
    assert normalise(normalise(text)) == normalise(text)


def test_the_fuzzy_search_for_a_missing_quote_is_bounded_by_quote_and_article_size():
    """A log cannot make every command run for minutes with long wrong quotes against a large article."""
    from tracker.log.passages import FUZZY_WORK, Grade, fuzzy

    small = Article("Officials said the talks would resume after the summit in the capital.\n" * 20)
    near = fuzzy(small, "Officials said the talk would resume after the sumit in the capital.")
    assert near.grade is Grade.FUZZY and near.line == 1  # an ordinary miss still finds its passage
    huge = Article("word " * (FUZZY_WORK // 20))  # too large for even a short quote's search
    missed = fuzzy(huge, "a quote that is not in the article at all, of some length")
    assert missed.grade is Grade.ABSENT and missed.score is None  # not searched at all
