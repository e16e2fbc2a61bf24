"""Issue 17: sources a reporter can cite and prove.

Web pages are served from 127.0.0.1 by a server the tests start and stop;
no test reaches past this machine (conftest's `no_network`).
"""

from __future__ import annotations

import hashlib
import json
import re
from datetime import date
from pathlib import Path

import pytest
from conftest import HEADER, REPO, SHIPPED, WEB_QUOTE, open_log, run
from pages import ARTICLE_HTML, QUOTE, Site

from tracker.app import web


def entry(log_path: Path, source_id: str) -> dict[str, object]:
    rows = {r["id"]: r for r in json.loads(run("sources", "--json", "--data", str(log_path)).stdout)}
    return rows[source_id]


# -- the fetcher ------------------------------------------------------------


def test_fetch_and_extract_read_the_page_and_what_it_says_of_itself(site):
    page = web.extract(web.fetch(site.url("/news/kazakhstan.html")))
    assert page.title == "Kazakhstan confirms it will join the Abraham Accords"
    assert (page.outlet, page.authors, page.published) == (
        "Steppe Daily",
        ("Aigerim Sadykova",),
        "2025-11-07",
    )
    assert QUOTE in page.text
    assert "Subscribe to our newsletter" not in page.text and "Home | World" not in page.text


def test_fetch_sends_a_unicode_path_escaped_and_keeps_the_address_as_typed(site):
    site.pages["/%D8%A3%D8%AE%D8%A8%D8%A7%D8%B1/kazakhstan.html"] = site.pages["/news/kazakhstan.html"]
    typed = site.url("/أخبار/kazakhstan.html")
    fetched = web.fetch(typed)
    assert site.requests == ["/%D8%A3%D8%AE%D8%A8%D8%A7%D8%B1/kazakhstan.html"]
    assert fetched.url == typed and not fetched.redirected
    assert QUOTE in web.extract(fetched).text


def test_fetch_follows_redirects_without_cookies_and_within_bounds(site):
    moved = web.fetch(site.url("/moved"))
    assert moved.url == site.url("/news/kazakhstan.html") and moved.redirected
    web.fetch(site.url("/moved"))  # a second request after a Set-Cookie: none is sent back
    assert site.cookies_seen == []
    with pytest.raises(web.PageError, match=r"redirects more than 5 times"):
        web.fetch(site.url("/loop"))
    with pytest.raises(web.PageError, match=r"which is not an http or https address"):
        web.fetch(site.url("/ftp"))


@pytest.mark.parametrize(
    ("path", "message"),
    [
        ("/missing", r"answered 404 Not Found"),
        ("/huge.html", r"is larger than 5,242,880 bytes; save its text and use --text-file"),
        ("/report.pdf", r"is application/pdf, not a web page; save its text and add it with --text-file"),
    ],
)
def test_fetch_refuses_what_is_not_a_page_it_can_read(site, path, message):
    with pytest.raises(web.PageError, match=message):
        web.fetch(site.url(path))


# -- add source URL -----------------------------------------------------------


def test_add_source_url_stores_the_snapshot_and_the_reference(site, copy):
    url = site.url("/news/kazakhstan.html")
    result = run("add", "source", url, "--id", "steppe-kz", "--data", str(copy))
    assert result.exit_code == 0, result.stderr + result.stdout
    text = copy.read_text(encoding="utf-8")
    assert (
        "  - id: steppe-kz\n    title: Kazakhstan confirms it will join the Abraham Accords\n"
        "    outlet: Steppe Daily\n    authors: [Aigerim Sadykova]\n"
        in text
        or "  - id: steppe-kz\n    title: Kazakhstan confirms it will join the Abraham Accords\n"
        "    outlet: Steppe Daily\n    authors:\n      - Aigerim Sadykova\n"
        in text
    )
    added = entry(copy, "steppe-kz")
    assert added["url"] == url and added["published"] == "2025-11-07" and added["published_basis"] == "stated"
    assert added["retrieved"] == date.today().isoformat() and added["snapshot"] is True
    snapshot = copy.parent.parent / "seeds" / "pages" / "steppe-kz.txt"
    assert added["file"] == "pages/steppe-kz.txt" and QUOTE in snapshot.read_text(encoding="utf-8")
    digest = hashlib.sha256(snapshot.read_bytes()).hexdigest()
    assert f"    sha256: {digest}\n" in text
    # the curator can now cite it, and check proves the quote against the snapshot
    result = run("add", "event", "--id", "kz-mfa-steppe", "--date", "2025-11-07", "--kind", "statement",
                 "--country", "KZ", "--title", "The ministry restates its position", "--cite", "steppe-kz",
                 "--quote", QUOTE, "--data", str(copy))  # fmt: skip
    assert result.exit_code == 0, result.stderr
    # published after the review date: the curator is told to move it, and check holds them to it
    reviewed = open_log(copy)[0].reviewed
    records = json.loads(run("check", "--json", "--data", str(copy)).stdout)
    behind = [r["message"] for r in records if "after the review date" in r["message"]]
    if reviewed is not None and reviewed.iso() < "2025-11-07":
        assert behind == [
            f"source 'steppe-kz' is published 2025-11-07, after the review date {reviewed}; move 'reviewed' "
            "to the day through which the news has been read"
        ]
    else:
        assert behind == []


def test_add_source_url_dry_run_writes_nothing(site, copy):
    before = copy.read_bytes()
    result = run("add", "source", site.url("/news/kazakhstan.html"), "--dry-run", "--data", str(copy))
    assert result.exit_code == 0, result.stderr
    assert "+    title: Kazakhstan confirms it will join the Abraham Accords\n" in result.stdout
    assert "+    file: pages/" in result.stdout
    assert copy.read_bytes() == before
    assert not (copy.parent.parent / "seeds" / "pages" / "127-0-0-1-news-kazakhstan.txt").exists()
    assert "tracker: dry run;" in result.stderr


def test_add_source_url_records_where_a_redirect_led(site, copy):
    result = run("add", "source", site.url("/moved"), "--id", "moved", "--data", str(copy))
    assert result.exit_code == 0, result.stderr
    assert f"{site.url('/moved')} redirected to {site.url('/news/kazakhstan.html')}" in result.stdout
    assert entry(copy, "moved")["url"] == site.url("/news/kazakhstan.html")


def test_a_page_with_no_date_is_added_without_one_and_check_says_so(site, copy):
    result = run("add", "source", site.url("/background.html"), "--id", "background", "--data", str(copy))
    assert result.exit_code == 0, result.stderr
    added = entry(copy, "background")
    assert added["published"] is None and added["title"] == "Background: the Abraham Accords"
    assert added["outlet"] is None  # never guessed from the address
    warned = [r["message"] for r in json.loads(run("check", "--json", "--data", str(copy)).stdout)]
    assert any(m.startswith("source 'background' has no publication date") for m in warned)


@pytest.mark.parametrize(
    ("path", "message"),
    [
        ("/missing", "answered 404 Not Found"),
        ("/report.pdf", "is application/pdf, not a web page"),
        ("/huge.html", "is larger than 5,242,880 bytes"),
        ("/loop", "redirects more than 5 times"),
    ],
)
def test_add_source_url_refuses_what_it_cannot_read_and_writes_nothing(site, copy, path, message):
    before = copy.read_bytes()
    result = run("add", "source", site.url(path), "--data", str(copy))
    assert result.exit_code == 2 and message in result.stderr
    assert "Traceback" not in result.stderr
    assert copy.read_bytes() == before and not (copy.parent.parent / "seeds" / "pages" / "x").exists()


def test_a_saved_text_is_recorded_with_its_url_and_nothing_is_fetched(copy, tmp_path):
    saved = tmp_path / "saved.txt"
    saved.write_text(
        "Officials said on Tuesday that talks on joining the accords continue.\n", encoding="utf-8"
    )
    result = run("add", "source", "https://example.org/talks", "--text-file", str(saved), "--title",
                 "Talks continue", "--outlet", "Example News", "--published", "2025-11-04", "--basis",
                 "stated", "--data", str(copy))  # fmt: skip
    assert result.exit_code == 0, result.stderr
    added = entry(copy, "example-talks")
    assert (added["title"], added["outlet"], added["url"]) == (
        "Talks continue",
        "Example News",
        "https://example.org/talks",
    )
    stored = copy.parent.parent / "seeds" / "pages" / "example-talks.txt"
    assert stored.read_bytes() == saved.read_bytes()


def test_a_url_that_is_not_one_is_refused_before_anything_is_fetched(copy):
    for bad, why in (
        ("https://[::1/x", "is not a well-formed URL"),
        ("https:///nohost", "has no host"),
        ("https://exa mple.org/", "must not contain spaces"),
    ):
        result = run("add", "source", bad, "--data", str(copy))
        assert result.exit_code == 2 and why in result.stderr, result.stderr


# -- add never writes into the installed package ----------------------------------


def test_add_refuses_the_installed_log_and_says_how_to_copy_it(copy, monkeypatch, tmp_path):
    from tracker.log import locate

    monkeypatch.setattr(locate, "SHIPPED_LOG", copy)
    monkeypatch.setattr(locate, "default_log", lambda: copy)
    monkeypatch.delenv("TRACKER_DATA", raising=False)
    before = copy.read_bytes()
    result = run("add", "source", str(REPO / "tests" / "articles" / "later-report.txt"))
    assert result.exit_code == 2
    assert "add writes to a log of your own" in result.stderr and "tracker init FOLDER" in result.stderr
    assert copy.read_bytes() == before
    made = run("init", str(tmp_path / "mine"))
    assert made.exit_code == 0, made.stderr
    mine = tmp_path / "mine" / "data" / "events.yaml"
    assert mine.read_bytes() == before
    assert run("check", "--data", str(mine)).exit_code == 0
    again = run("init", str(tmp_path / "mine"))
    assert again.exit_code == 2 and "exists and is not an empty folder" in again.stderr


# -- check --links ----------------------------------------------------------------


def _linked_log(tmp_path: Path, site: Site) -> Path:
    """A log whose web source is a page on the local server, its snapshot taken from the page."""
    page = web.extract(web.fetch(site.url("/news/kazakhstan.html")))
    (tmp_path / "page.txt").write_text(page.text, encoding="utf-8")
    (tmp_path / "article.txt").write_text(
        "France said on Monday it would join the accords.\n", encoding="utf-8"
    )
    (tmp_path / "web.txt").write_text(f"The report says that {WEB_QUOTE}.\n", encoding="utf-8")
    (tmp_path / "gone.txt").write_text(f"A page now gone said that {WEB_QUOTE}.\n", encoding="utf-8")
    text = HEADER.replace(
        "events:\n",
        f"  - id: live\n    url: {site.url('/news/kazakhstan.html')}\n    file: page.txt\n"
        "    retrieved: 2025-11-08\n"
        f"  - id: gone\n    url: {site.url('/missing')}\n    file: gone.txt\n"
        "events:\n"
        "  - id: kz\n    date: 2025-11-07\n    kind: statement\n    countries: [KZ]\n"
        "    title: The ministry confirms\n    cite:\n"
        f"      - source: live\n        quote: {QUOTE}\n"
        f"      - source: gone\n        quote: {WEB_QUOTE}\n",
    )
    path = tmp_path / "events.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_check_links_reports_live_moved_gone_and_changed_pages_as_warnings(site, tmp_path):
    path = _linked_log(tmp_path, site)
    plain = run("check", "--json", "--data", str(path))
    assert plain.exit_code == 0  # without --links nothing is fetched
    result = run("check", "--links", "--json", "--data", str(path))
    assert result.exit_code == 0, result.stderr  # warnings, never a failure of the log
    linked = [
        r
        for r in json.loads(result.stdout)
        if ("live page" in r["message"] or "is gone" in r["message"]) and "'web'" not in r["message"]
    ]
    assert [(r["line"], r["message"]) for r in linked] == [
        (15, f"source 'gone' is gone: {site.url('/missing')} answered 404 Not Found")
    ]
    site.pages["/news/kazakhstan.html"] = (
        200,
        "text/html",
        ARTICLE_HTML.replace("confirmed on Friday", "said on Friday").encode(),
        {},
    )
    changed = json.loads(run("check", "--links", "--json", "--data", str(path)).stdout)
    lost = [r for r in changed if "no longer contains" in r["message"]]
    assert [(r["line"], r["severity"]) for r in lost] == [(25, "warning")]  # the quote of live
    assert "its snapshot still does" in lost[0]["message"]
    assert run("check", "--data", str(path)).exit_code == 0  # the snapshot still proves the quote
    text = path.read_text(encoding="utf-8").replace(site.url("/news/kazakhstan.html"), site.url("/moved"))
    path.write_text(text, encoding="utf-8")
    moved = json.loads(run("check", "--links", "--json", "--data", str(path)).stdout)
    assert any(
        r["message"] == f"source 'live' redirects to {site.url('/news/kazakhstan.html')}" for r in moved
    )


# -- the review date follows the sources -----------------------------------------


def test_a_source_newer_than_the_review_date_is_a_warning_and_strict_fails(write_log):
    log = HEADER.replace("format: 1\n", "format: 1\nreviewed: 2025-11-01\n").replace(
        "  - {id: web, url: https://example.org/report,",
        "  - {id: web, url: https://example.org/report, published: 2025-11-05, published_basis: stated,",
    )
    event = (
        "  - id: france-joins\n    date: 2025-11-05\n    kind: statement\n    countries: [FR]\n"
        f"    title: France speaks\n    cite:\n      - source: web\n        quote: {WEB_QUOTE}\n"
    )
    path = write_log(log + event)
    records = json.loads(run("check", "--json", "--data", str(path)).stdout)
    behind = [r for r in records if "after the review date" in r["message"]]
    assert [(r["line"], r["severity"]) for r in behind] == [(2, "warning")]
    assert behind[0]["message"].startswith(
        "source 'web' is published 2025-11-05, after the review date 2025-11-01"
    )
    assert run("check", "--strict", "--data", str(path)).exit_code == 1
    future = write_log(log.replace("reviewed: 2025-11-01", "reviewed: 2999-01-01") + event)
    result = run("check", "--data", str(future))
    assert result.exit_code == 1
    assert re.search(r":2:11: the review date 2999-01-01 is after today \(\d{4}-\d\d-\d\d\)", result.stdout)


def test_add_source_says_when_the_review_date_should_move(copy, tmp_path):
    saved = tmp_path / "later.txt"
    saved.write_text("A later report on the accords, published in December.\n", encoding="utf-8")
    result = run("add", "source", "https://example.org/july", "--text-file", str(saved), "--published",
                 "2026-07-15", "--basis", "stated", "--title", "July", "--data", str(copy))  # fmt: skip
    assert result.exit_code == 0, result.stderr
    reviewed = open_log(copy)[0].reviewed
    assert f"the source is published 2026-07-15, after the review date {reviewed}" in result.stderr
    behind = [r["message"] for r in json.loads(run("check", "--json", "--data", str(copy)).stdout)]
    assert any(
        m.startswith("source 'example-july' is published 2026-07-15, after the review date") for m in behind
    )
    assert run("check", "--strict", "--data", str(copy)).exit_code == 1


# -- citations a reporter can paste -------------------------------------------------


def test_cite_prints_one_reference_per_source_with_its_quotes_beneath(monkeypatch):
    monkeypatch.chdir(REPO)
    monkeypatch.setenv("TRACKER_DATA", str(SHIPPED))
    out = run("cite", "kazakhstan-mfa-confirmation").stdout
    assert out.count("[anews-kz]") == 1 and out.count("[qazinform-kz]") == 1
    assert (
        "1. A News, “Kazakhstan confirms joining Abraham Accords”, published 2025-11-07 (date inferred). "
        "https://www.anews.com.tr/world/2025/11/07/kazakhstan-confirms-joining-abraham-accords "
        "(accessed 2026-12-06) [anews-kz]\n   “Kazakhstan, which already has diplomatic ties" in out
    )
    local = run("cite", "kazakh-government-statement").stdout
    assert (
        "1. Outlet not named, “[Report that Trump announced Kazakhstan is set to join the Abraham Accords]”, "
        "published 2025-11 (date inferred). local article seeds/002_8053211c4aa149c3.txt [seed-002]"
    ) in local
    assert "site-packages" not in out + local


def test_cite_in_apa_and_chicago_for_a_web_page_and_a_local_article(monkeypatch):
    monkeypatch.chdir(REPO)
    monkeypatch.setenv("TRACKER_DATA", str(SHIPPED))
    apa = run("cite", "uae-bahrain-signing", "--style", "apa").stdout.splitlines()
    assert (
        "2. Landau, N. (2020, September 16). Israel, UAE, Bahrain Ink Historic Deals in White House Ceremony: "
        "Live Updates. Haaretz. https://www.haaretz.com/israel-news/2020-09-16/ty-article/.premium/"
        "netanyahu-to-sign-uae-bahrain-normalization-pacts-at-the-white-house/0000017f-e276-d7b2-a77f-"
        "e37731040000 [haaretz-uae-bahrain-signing]"
    ) in apa
    assert (
        "4. [Report that Trump announced Kazakhstan is set to join the Abraham Accords]. (2025, November). "
        "[seed-002]"
    ) in apa
    chicago = run("cite", "uae-bahrain-signing", "--style", "chicago").stdout.splitlines()
    assert (
        "2. Landau, Noa. “Israel, UAE, Bahrain Ink Historic Deals in White House Ceremony: Live Updates”. "
        "Haaretz, September 16, 2020. https://www.haaretz.com/israel-news/2020-09-16/ty-article/.premium/"
        "netanyahu-to-sign-uae-bahrain-normalization-pacts-at-the-white-house/0000017f-e276-d7b2-a77f-"
        "e37731040000. [haaretz-uae-bahrain-signing]"
    ) in chicago
    assert (
        "4. [Report that Trump announced Kazakhstan is set to join the Abraham Accords], November 2025. [seed-002]"
        in chicago
    )
    assert (
        "   “The initiative, launched in 2020, saw the United Arab Emirates and Bahrain normalize relations with Israel”"
        in chicago
    )


# A transcription of CSL 1.0.2's input schema (csl-data.json) for the fields tracker writes:
# the item types, the required fields, names and dates; anything else is refused.
CSL_TYPES = [
    "article", "article-journal", "article-magazine", "article-newspaper", "bill", "book", "broadcast",
    "chapter", "classic", "collection", "dataset", "document", "entry", "entry-dictionary",
    "entry-encyclopedia", "figure", "graphic", "hearing", "interview", "legal_case", "legislation",
    "manuscript", "map", "motion_picture", "musical_score", "pamphlet", "paper-conference", "patent",
    "performance", "periodical", "personal_communication", "post", "post-weblog", "regulation", "report",
    "review", "review-book", "software", "song", "speech", "standard", "thesis", "treaty", "webpage",
]  # fmt: skip
_NAME = {
    "type": "object",
    "properties": {k: {"type": "string"} for k in ("family", "given", "literal", "suffix")},
    "additionalProperties": False,
}
_DATE = {
    "type": "object",
    "properties": {
        "date-parts": {
            "type": "array",
            "items": {"type": "array", "items": {"type": ["string", "number"]}, "minItems": 1, "maxItems": 3},
            "minItems": 1,
            "maxItems": 2,
        }
    },
    "additionalProperties": False,
}
CSL_SCHEMA = {
    "type": "array",
    "items": {
        "type": "object",
        "properties": {
            "type": {"enum": CSL_TYPES},
            "id": {"type": ["string", "number"]},
            "title": {"type": "string"},
            "container-title": {"type": "string"},
            "URL": {"type": "string"},
            "note": {"type": "string"},
            "author": {"type": "array", "items": _NAME},
            "issued": _DATE,
            "accessed": _DATE,
        },
        "required": ["type", "id"],
        "additionalProperties": False,
    },
}


def test_csl_json_follows_the_csl_schema_and_names_newspapers_as_such(monkeypatch):
    import jsonschema

    monkeypatch.setenv("TRACKER_DATA", str(SHIPPED))
    for event in ("uae-bahrain-signing", "morocco-signing", "kazakhstan-announcement"):
        items = json.loads(run("cite", event, "--style", "csl-json").stdout)
        jsonschema.validate(items, CSL_SCHEMA)
    items = {i["id"]: i for i in json.loads(run("cite", "uae-bahrain-signing", "--style", "csl-json").stdout)}
    haaretz = items["haaretz-uae-bahrain-signing"]
    assert haaretz["type"] == "article-newspaper" and haaretz["container-title"] == "Haaretz"
    assert haaretz["author"] == [{"family": "Landau", "given": "Noa"}]
    assert haaretz["accessed"] == {"date-parts": [[2026, 12, 6]]}
    assert (
        items["seed-002"]["title"]
        == "[Report that Trump announced Kazakhstan is set to join the Abraham Accords]"
    )
    morocco = {i["id"]: i for i in json.loads(run("cite", "morocco-signing", "--style", "csl-json").stdout)}
    assert morocco["wiki-morocco"]["type"] == "entry-encyclopedia"


# -- the shipped log ----------------------------------------------------------------


def test_every_quote_in_the_shipped_log_is_verified_and_every_source_is_a_reference():
    log, problems = open_log(SHIPPED)
    assert problems == [] and log is not None
    quotes = sum(1 for e in log.events for c in e.citations if c.quote is not None)
    citations = sum(len(e.citations) for e in log.events)
    assert quotes == citations
    result = run("check", "--data", str(SHIPPED))
    assert f"{quotes} quotes verified in {len(log.sources)} stored texts" in result.stdout
    assert all(s.title for s in log.sources)
    assert all(s.published is not None or s.undated for s in log.sources)
    assert all(s.file for s in log.sources)
    web_pages = [s for s in log.sources if s.url and s.retrieved]
    assert len(web_pages) >= 20 and all(s.sha256 for s in web_pages)


def test_no_install_path_in_what_check_prints(monkeypatch):
    monkeypatch.delenv("TRACKER_DATA", raising=False)
    result = run("check")
    assert result.exit_code == 0
    assert result.stdout.splitlines()[-1].startswith("data/events.yaml: OK, ")
    assert "site-packages" not in result.stdout + result.stderr


@pytest.mark.parametrize(
    ("second", "how"),
    [
        ("  - {id: again, url: https://example.org/other, file: web.txt}\n", "the same file by another path"),
        (
            "  - {id: again, url: https://example.org/other, file: copy.txt}\n",
            "a byte-identical copy of its file",
        ),
        ("  - {id: again, file: web.txt}\n", "the same file by another path"),
    ],
)
def test_a_snapshot_is_compared_by_its_file_as_well_as_its_url(write_log, second, how):
    path = write_log(HEADER.replace("events:\n", second + "events: []\n"))
    (path.parent / "copy.txt").write_bytes((path.parent / "web.txt").read_bytes())
    problems = [p.message for p in open_log(path)[1]]
    assert problems == [f"source 'again' is the same article as source 'web' (line 8): {how}"]


def test_add_citation_cites_another_source_for_an_event_already_in_the_log(copy):
    before = copy.read_bytes()
    args = ["add", "citation", "kz-il-consular-ties", "--cite", "seed-004", "--quote",
            "Kazakhstan has had diplomatic relations with Israel for many years", "--cite-note",
            "Gives no year.", "--data", str(copy)]  # fmt: skip
    result = run(*args)
    assert result.exit_code == 0, result.stderr
    after = copy.read_bytes()
    assert after.startswith(
        before[: before.index(b"  - id: kz-il-embassies")].replace(b"\n  - id: kz-il-embassies", b"")
    )
    event = next(e for e in open_log(copy)[0].events if e.id == "kz-il-consular-ties")
    assert [(c.source, c.note) for c in event.citations] == [
        ("seed-001", None),
        ("seed-004", "Gives no year."),
    ]
    assert len(after) > len(before) and after.endswith(before[before.index(b"  - id: kz-il-embassies") :])
    wrong = run("add", "citation", "kz-il-consular-ties", "--cite", "seed-004", "--quote",
                "Kazakhstan ratified nothing of the sort on that day", "--data", str(copy))  # fmt: skip
    assert wrong.exit_code == 1 and "quote not found in ../seeds/004_9e117858c8f9e611.txt" in wrong.stderr
    unquoted = run("add", "citation", "kz-il-consular-ties", "--cite", "seed-004", "--data", str(copy))
    assert unquoted.exit_code == 2 and "needs its --quote" in unquoted.stderr
    assert copy.read_bytes() == after


def test_add_source_url_names_the_missing_extra_before_fetching(site, copy, monkeypatch):
    import importlib.util

    real = importlib.util.find_spec
    monkeypatch.setattr(
        importlib.util, "find_spec", lambda name, *a: None if name == "trafilatura" else real(name, *a)
    )
    result = run("add", "source", site.url("/news/kazakhstan.html"), "--data", str(copy))
    assert result.exit_code == 2
    assert (
        "needs the curate extra (trafilatura is missing): pip install 'abraham-accords-tracker[curate]'"
        in result.stderr
    )
    assert site.requests == []  # nothing was fetched


def test_cite_names_the_missing_extra_of_a_citation_style(monkeypatch):
    import importlib.util

    real = importlib.util.find_spec
    monkeypatch.setattr(
        importlib.util, "find_spec", lambda name, *a: None if name == "citeproc" else real(name, *a)
    )
    result = run("cite", "kazakhstan-announcement", "--style", "chicago", "--no-cache")
    assert result.exit_code == 2 and result.stdout == ""
    assert (
        "--style chicago needs the cite extra: pip install 'abraham-accords-tracker[cite]'" in result.stderr
    )
