"""Web addresses (issue 19, third round): one page under two spellings is one article, wherever URLs are
compared (`tracker.urls.page`), and `url:` holds an address and nothing else (`tracker.urls.problem`)."""

from __future__ import annotations

import json

import pytest
from conftest import GOOD_EVENT, HEADER, open_log, run

from tracker import urls

HIDDEN = "must not contain control or invisible characters"
SAME_URL = "log.yaml:11:10: source 'again' is the same article as source 'web' (line 8): the same URL"


def problems_of(path) -> list[str]:
    return [str(p) for p in open_log(path, "log.yaml")[1]]


def two_sources(first: str, second: str) -> str:
    """HEADER with 'web' at `first` (line 8) and one more source, 'again', at `second` (line 11)."""
    header = HEADER.replace("url: https://example.org/report,", f"url: '{first}',")
    return header.replace("events:\n", f"  - id: again\n    url: '{second}'\n" + "events:\n") + GOOD_EVENT


# -- one page under two spellings -------------------------------------------------


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("https://müller.de/bericht", "https://xn--mller-kva.de/bericht"),  # IDN and its punycode
        ("https://MÜLLER.de/bericht", "https://XN--MLLER-KVA.de/bericht"),  # ... in any case
        ("https://example.org/~ali/report", "https://example.org/%7Eali/report"),  # an unreserved escape
        ("https://example.org/%7eali/report", "https://example.org/%7Eali/report"),  # hex digits' case
        ("https://example.org/a%2fb", "https://example.org/a%2Fb"),  # a reserved escape's case
        ("https://example.org/report", "https://example.org./report"),  # the root's trailing dot
        ("https://example.org/report", "https://EXAMPLE.Org/report"),  # the host's case
        ("https://example.org/report", "https://example.org:443/report"),  # https's default port
        ("http://example.org/report", "http://example.org:80/report"),  # http's
        ("https://example.org", "https://example.org/"),  # an empty path is /
        ("https://example.org/", "HTTPS://example.org/"),  # the scheme's case
        ("https://example.org/café", "https://example.org/caf%C3%A9"),  # non-ASCII and its escapes
        ("https://example.org/a/b", "https://example.org/a/./c/../b"),  # dot segments
        ("https://example.org/report", "https://example.org/report#top"),  # a fragment
    ],
)
def test_one_page_under_two_spellings_is_one_article(write_log, first, second):
    path = write_log(two_sources(first, second))
    assert problems_of(path) == [SAME_URL]
    assert urls.page(first) == urls.page(second)


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("https://example.org/report?page=1", "https://example.org/report?page=2"),
        ("https://example.org/r?a=1&b=2", "https://example.org/r?b=2&a=1"),  # order can matter
        ("https://example.org/a%2Fb", "https://example.org/a/b"),  # an escaped slash is not a slash
        ("https://example.org/report", "https://example.org/Report"),  # paths keep their case
        ("https://example.org/report", "https://example.org:80/report"),  # https on port 80
        ("https://example.org/report", "https://www.example.org/report"),
        ("https://straße.de/x", "https://strasse.de/x"),  # IDNA 2008: two domains
        ("https://müller.de/x", "https://muller.de/x"),
    ],
)
def test_addresses_that_can_name_other_pages_stay_apart(write_log, first, second):
    assert problems_of(write_log(two_sources(first, second))) == []
    assert urls.page(first) != urls.page(second)


def test_add_source_refuses_a_page_the_log_has_under_another_spelling(write_log, tmp_path, tmp_path_factory):
    path = write_log(two_sources("https://müller.de/bericht", "https://example.org/other"))
    before = path.read_bytes()
    saved = tmp_path_factory.mktemp("saved") / "bericht.txt"  # outside the corpus
    saved.write_text("A text saved from the page, quoted nowhere yet.\n", encoding="utf-8")
    result = run("add", "source", "https://XN--MLLER-KVA.de./bericht/", "--text-file", str(saved),
                 "--title", "Bericht", "--data", str(path))  # fmt: skip
    assert result.exit_code == 1
    assert "is the same article as source 'web' (line 8): the same URL" in result.stdout + result.stderr
    assert path.read_bytes() == before and not (tmp_path / "pages").exists()


# -- HTTPS:// is an address --------------------------------------------------------


def test_an_upper_case_scheme_is_an_address_everywhere(write_log, tmp_path):
    jsonschema = pytest.importorskip("jsonschema")
    from tracker.log.additions import propose_id
    from tracker.log.schemajson import json_schema

    path = write_log(HEADER.replace("https://example.org/report", "HTTPS://Example.org/report") + GOOD_EVENT)
    assert problems_of(path) == []
    validator = jsonschema.Draft202012Validator(json_schema())
    validator.validate(
        {"format": 1, "sources": [{"id": "web", "url": "HTTPS://Example.org/report"}], "events": []}
    )
    assert propose_id("HTTPS://www.example.org/news/talks", set()) == "example-talks"
    with pytest.raises(jsonschema.ValidationError):
        validator.validate(
            {"format": 1, "sources": [{"id": "web", "url": "https://exa mple.org/"}], "events": []}
        )


# -- url: holds an address and nothing else ----------------------------------------


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("example.org/report", "must start with https:// or http://"),
        ("ftp://example.org/report", "must start with https:// or http://"),
        ("https:///report", "has no host"),
        ("https://", "has no host"),
        ("https://user@/report", "has no host"),
        ("https://:443/report", "has no host"),
        ("https://exa mple.org/", "must not contain spaces or line breaks"),
        ("https://example.org/a\\nb", "must not contain spaces or line breaks"),
        ("https://example.org/report\\n", "must not contain spaces or line breaks"),
        ("https://example.org/a\\tb", "must not contain spaces or line breaks"),
        ("https://example.org/a\\u00a0b", "must not contain spaces or line breaks"),
        ("https://example.org:99999/", "is not a well-formed URL"),
        ("https://[::1/report", "is not a well-formed URL"),
        ("https://example.org/\\u200breport", f"{HIDDEN} (found U+200B)"),
        ("https://exa\\u00admple.org/", f"{HIDDEN} (found U+00AD)"),
        ("https://example.org/\\u202ereport", f"{HIDDEN} (found U+202E)"),
        ("https://example.org/\\0", f"{HIDDEN} (found U+0000)"),
        ("https://example.org/\\x7f", f"{HIDDEN} (found U+007F)"),
        ("https://./report", "has a host that is not a domain name (.)"),
        ("https://example..org/", "has a host that is not a domain name (example..org)"),
        ("https://exa<mple.org/", "has a host that is not a domain name (exa<mple.org)"),
        ("https://exa%25mple.org/", "has a host that is not a domain name (exa%25mple.org)"),
        ("https://evil.example\\\\@example.org/", "is not a well-formed URL (a backslash in its host)"),
    ],
)
def test_url_refuses_what_is_not_a_web_address_at_its_line(write_log, value, message):
    path = write_log(HEADER.replace("url: https://example.org/report,", f'url: "{value}",') + GOOD_EVENT)
    assert problems_of(path) == [f"log.yaml:8:20: source 'web' url {message}"]


@pytest.mark.parametrize(
    "value",
    ["https://example.org", "http://127.0.0.1:8080/x", "https://[::1]/x", "https://müller.de/bericht",
     "https://example.org./report", "https://example.org/a?b=c#d", "https://user:pw@example.org/",
     "HTTPS://[::1]:443/x", "https://[2001:db8::1]:8443/a", "https://u:p@[::1]:80/"],  # IPv6 with a port
)  # fmt: skip
def test_url_accepts_addresses(value):
    assert urls.problem(value) is None


def test_add_source_refuses_an_invisible_character_before_fetching(copy, site):
    result = run("add", "source", site.url("/news/kazakh\u200bstan.html"), "--data", str(copy))
    assert result.exit_code == 2
    assert f"{HIDDEN} (found U+200B)" in result.stderr
    assert site.requests == []


# -- check --links compares as check does ------------------------------------------


def test_check_links_says_nothing_of_a_redirect_to_the_same_page(site, write_log):
    from pages import ARTICLE_HTML

    site.pages["/news/kazakhstan"] = (301, "text/html", b"", {"Location": "/news/kazakhstan/"})
    site.pages["/news/kazakhstan/"] = (200, "text/html; charset=utf-8", ARTICLE_HTML.encode(), {})
    site.pages["/elsewhere"] = (301, "text/html", b"", {"Location": "/news/kazakhstan/"})
    path = write_log(two_sources(site.url("/news/kazakhstan"), site.url("/elsewhere")))
    result = run("check", "--links", "--json", "--data", str(path))
    redirects = [r["message"] for r in json.loads(result.stdout) if "redirects" in r["message"]]
    assert redirects == [f"source 'again' redirects to {site.url('/news/kazakhstan/')}"]


# -- the address a request sends ------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "sent"),
    [
        (
            "https://example.org/news/a.html?x=1#top",
            "https://example.org/news/a.html?x=1#top",
        ),  # ASCII: as is
        ("https://example.org/أخبار/a", "https://example.org/%D8%A3%D8%AE%D8%A8%D8%A7%D8%B1/a"),
        ("https://example.org/ü?q=é#é", "https://example.org/%C3%BC?q=%C3%A9#%C3%A9"),
        ("https://example.org/x%20y/ü", "https://example.org/x%20y/%C3%BC"),  # escapes kept, not doubled
        ("https://Bücher.example/", "https://xn--bcher-kva.example/"),
        ("https://user@MÜNCHEN.de:8080/", "https://user@xn--mnchen-3ya.de:8080/"),
        ("http://İSTANBUL.example/x", "http://xn--istanbul-o0e.example/x"),  # lower case is longer
    ],
)
def test_wire_sends_a_typed_unicode_address_as_ascii_as_browsers_do(typed, sent):
    assert urls.wire(typed) == sent
    assert urls.page(urls.wire(typed)) == urls.page(typed)  # the same page either way


def test_a_host_that_normalisation_makes_invalid_is_refused():
    """A fullwidth percent sign (U+FF05) is NFKC's '%', which no domain name holds: refused as such,
    since `wire` would send it normalised."""
    assert (
        urls.problem("http://exa\uff05mple.com/")
        == "has a host that is not a domain name (exa\uff05mple.com)"
    )
