"""The HTML export, checked in a real browser (headless Chromium) and by parsing it.

Skipped only where no Chromium can be found; .ci/run installs Debian's.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from browser import (
    chromium,
    colours,
    document_width,
    dump_dom,
    framed_screenshot,
    screenshot,
    wider_than_their_section,
)
from conftest import SHIPPED, run, run_json

from tracker.render.html import CSP, anchor, safe_url

needs_browser = pytest.mark.skipif(
    chromium() is None, reason="no Chromium installed (CI installs Debian's chromium in .ci/run)"
)


@pytest.fixture(scope="module")
def page(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("html") / "report.html"
    result = run("export", "html", str(path), "--data", str(SHIPPED))
    assert result.exit_code == 0, result.stderr
    return path


class Requests(HTMLParser):
    """Everything in a page that could make a browser fetch something, and the links out."""

    def __init__(self) -> None:
        super().__init__()
        self.fetches: list[str] = []
        self.links: list[str] = []
        self.csp: list[str] = []
        self.styles: list[str] = []
        self.ids: list[str] = []
        self._in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if values.get("id"):
            self.ids.append(values["id"] or "")
        if tag == "meta" and (values.get("http-equiv") or "").lower() == "content-security-policy":
            self.csp.append(values.get("content") or "")
        if tag == "script" or (tag == "link" and "stylesheet" in (values.get("rel") or "")):
            self.fetches.append(f"<{tag}>")
        for name, value in attrs:
            if value is None:
                continue
            if tag == "a" and name == "href":
                self.links.append(value)
            elif name in ("src", "href", "srcset", "data", "poster", "action", "background", "xlink:href"):
                self.fetches.append(f"{tag} {name}={value}")
            elif name == "style":
                self.styles.append(value)
        self._in_style = tag == "style"

    def handle_endtag(self, tag: str) -> None:
        self._in_style = False

    def handle_data(self, data: str) -> None:
        if self._in_style:
            self.styles.append(data)


def test_the_page_asks_for_nothing_outside_itself(page):
    parsed = Requests()
    parsed.feed(page.read_text(encoding="utf-8"))
    assert parsed.csp == [CSP]
    assert "default-src 'none'" in CSP
    assert parsed.fetches == []
    css = "\n".join(parsed.styles)
    assert "@import" not in css and "url(" not in css
    sources = {r["url"] for r in run_json("sources", "--data", str(SHIPPED)) if r["url"]}
    outside = [link for link in parsed.links if not link.startswith("#")]
    assert outside and set(outside) <= sources  # navigation to the sources, never a request


def test_one_anchor_per_event_and_source_and_every_link_inside_lands(page):
    parsed = Requests()
    parsed.feed(page.read_text(encoding="utf-8"))
    events = run_json("timeline", "--data", str(SHIPPED), "--as-of", "2030-01-01")
    sources = run_json("sources", "--data", str(SHIPPED))
    assert len(parsed.ids) == len(set(parsed.ids))
    assert {i for i in parsed.ids if i.startswith("event-")} == {anchor("event-", e["id"]) for e in events}
    assert {i for i in parsed.ids if i.startswith("source-")} == {anchor("source-", s["id"]) for s in sources}
    assert {link[1:] for link in parsed.links if link.startswith("#")} <= set(parsed.ids)


@needs_browser
def test_the_browser_shows_the_members_candidates_and_events(page):
    dom = dump_dom(page)
    assert "<script" not in dom
    table = dom[dom.index('id="signatories-table"') :]
    table = table[: table.index("</table>")]
    members = re.findall(r'<th scope="row">([^<]+) <span class="muted">\((\w\w)\)', table)
    expected = run_json("signatories", "--data", str(SHIPPED), "--as-of", "2025-11-07")
    assert [code for _, code in members] == [r["code"] for r in expected]
    assert members[0] == ("United Arab Emirates", "AE")
    candidates = dom[dom.index('id="candidates"') :]
    candidates = candidates[: candidates.index("</section>")]
    for row in run_json("candidates", "--data", str(SHIPPED), "--as-of", "2025-11-07"):
        assert f"{row['country']} <span" in candidates
    events = run_json("timeline", "--data", str(SHIPPED), "--as-of", "2030-01-01")
    assert dom.count('class="event"') == len(events)
    for event in events:
        assert f'id="{anchor("event-", event["id"])}"' in dom
    assert "<svg" in dom and "overdue" in dom
    assert dom.count("<details") == len(re.findall(r'id="on-\d{4}-\d\d-\d\d"', dom)) >= 10


@needs_browser
@pytest.mark.slow  # pixels, in CI: the DOM the browser built is checked in the README's line, above
def test_the_screenshot_is_not_blank(page, tmp_path):
    png = tmp_path / "page.png"
    screenshot(page, png, 1200, 2000)
    distinct, inked = colours(png)
    assert distinct > 50  # text, the status colours and the timeline's fills
    assert inked > 0.03


def test_log_text_is_escaped_and_only_web_links_are_links(tmp_path, write_log):
    from conftest import GOOD_EVENT, HEADER

    yaml_title = r'"<script>alert(1)</script> & \"quoted\" \u001b[31m"'
    log = write_log(
        HEADER.replace("https://example.org/report", "'https://example.org/a\"onclick=\"x<b>'")
        + GOOD_EVENT.replace("title: France announces it will join", f"title: {yaml_title}")
        + "    note: <img src=https://evil.example/x.png>\n"
    )
    out = tmp_path / "page.html"
    result = run("export", "html", str(out), "--as-of", "2025-12-01", "--data", str(log))
    assert result.exit_code == 0, result.stderr
    text = out.read_text(encoding="utf-8")
    assert "<script>" not in text and "<img" not in text and "\x1b" not in text
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quoted&quot; \\x1b[31m" in text
    assert (
        'href="https://example.org/a&quot;onclick=&quot;x&lt;b&gt;"' in text
    )  # the checker allows only http(s)
    parsed = Requests()
    parsed.feed(text)
    assert parsed.fetches == []


def test_safe_url_and_anchor():
    assert safe_url("https://example.org/a?b=c") == "https://example.org/a?b=c"
    for bad in ("javascript:alert(1)", "file:///etc/passwd", "data:text/html,x", "https://a b", "//x", None):
        assert safe_url(bad) is None
    assert anchor("event-", "a b/<c>") == "event-a%20b%2F%3Cc%3E"


@needs_browser
@pytest.mark.parametrize(  # one phone in the README's line; the smallest phone and a desktop in CI
    "width", [pytest.param(360, marks=pytest.mark.slow), 390, pytest.param(1280, marks=pytest.mark.slow)]
)
def test_no_reader_scrolls_sideways_on_a_phone_or_a_desktop(page, width):
    """The document is no wider than its viewport: tables become cards on a phone, long words and
    ids wrap there, and the timeline scrolls within its own box."""
    document, viewport = document_width(page, width)
    assert (document, viewport) == (width, width)


@needs_browser
@pytest.mark.slow
def test_the_phone_screenshot_is_not_blank(page, tmp_path):
    png = tmp_path / "phone.png"
    framed_screenshot(page, png, 390, 1600)
    distinct, inked = colours(png)
    assert distinct > 30 and inked > 0.02


def test_tables_reflow_to_cards_and_dates_stay_whole(page):
    text = page.read_text(encoding="utf-8")
    assert "@media (max-width: 40rem)" in text and "table.cards thead { display: none; }" in text
    assert text.count('<table id="signatories-table" class="cards">') == 1
    assert '<td data-label="Announced" class="when">2020-08-13</td>' in text
    assert ".when, .status, time { white-space: nowrap; }" in text
    assert 'id <code class="id">saudi-arabia-palestinian-statehood-condition</code>' in text


def test_a_month_is_shown_as_a_month_and_sources_by_outlet_and_title(page):
    text = page.read_text(encoding="utf-8")
    # Saudi Arabia became a candidate in October 2025 (a month): not "2025-10-31".
    assert '<summary><span class="when">2025-10 (counted from 2025-10-31)</span>: Saudi Arabia' in text
    assert (
        '<a href="https://www.firstpost.com/world/kazakhstan-set-to-join-abraham-accords-in-symbolic-move-'
        'at-central-asia-summit-13948545.html/amp" rel="noreferrer">Firstpost, <span class="source-title">'
        "Kazakhstan set to join Abraham Accords in symbolic move at Central Asia summit</span></a>"
    ) in text
    assert "seeds/" not in text and ".txt</code>" not in text  # no path a reader cannot open
    assert "no web address: a copy is kept with the log" in text  # seed-002 has no page


def test_a_shared_link_has_a_title_and_a_description(page):
    text = page.read_text(encoding="utf-8")
    description = re.search(r'<meta name="description" content="([^"]+)">', text)
    assert description is not None
    assert description.group(1).startswith("5 members of the Abraham Accords as of 2026-06-26 (United Arab")
    assert "News reviewed through 2026-06-26." in description.group(1)
    assert '<meta property="og:title" content="The Abraham Accords as of 2026-06-26">' in text


@needs_browser
@pytest.mark.slow
@pytest.mark.parametrize("width", [1024, 1280])
def test_every_section_fits_the_pages_column_on_a_desktop(page, width):
    """Nothing sticks out into the margin: the history of each expectation is under its state, not in
    a column of ids, and the signatories' and candidates' tables, wider than the column at these
    widths, scroll in a box of their own."""
    assert wider_than_their_section(page, width) == []
