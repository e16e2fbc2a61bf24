"""A news site on 127.0.0.1 for the tests: fixture pages, redirects and refusals, started and stopped
by the `site` fixture (tests/conftest.py). No test reaches past this machine."""

from __future__ import annotations

import contextlib
import http.server
import threading
from collections.abc import Iterator

import pytest

from tracker.app import web

ARTICLE_HTML = """<!doctype html>
<html><head>
<title>Kazakhstan confirms it will join the Abraham Accords | Steppe Daily</title>
<meta property="og:title" content="Kazakhstan confirms it will join the Abraham Accords">
<meta property="og:site_name" content="Steppe Daily">
<meta name="author" content="Aigerim Sadykova">
<meta property="article:published_time" content="2025-11-07T09:30:00+05:00">
</head><body>
<nav>Home | World | Opinion</nav>
<article>
<h1>Kazakhstan confirms it will join the Abraham Accords</h1>
<p>Kazakhstan's foreign ministry confirmed on Friday that the country will join the Abraham Accords,
a day after the announcement in Washington.</p>
<p>The ministry said the decision was consistent with the country's balanced and constructive foreign
policy, and that it would keep supporting a settlement based on two states for two peoples.</p>
<p>Officials in Astana said a signing ceremony would be announced later, without giving a date.</p>
</article>
<footer>Subscribe to our newsletter</footer>
</body></html>
"""

UNDATED_HTML = """<!doctype html>
<html><head><title>Background: the Abraham Accords</title></head><body><article>
<h1>Background: the Abraham Accords</h1>
<p>The Abraham Accords are a series of agreements under which several states normalised their relations
with Israel, starting with the United Arab Emirates and Bahrain in a ceremony at the White House.</p>
<p>Morocco and Sudan followed, and further countries have since been named as possible members by
officials in Washington, who say that talks with several governments are continuing.</p>
</article></body></html>
"""

QUOTE = "confirmed on Friday that the country will join the Abraham Accords"


class Site:
    """Pages by path: (status, content type, body, extra headers); `pages` may change between requests."""

    def __init__(self) -> None:
        self.pages: dict[str, tuple[int, str, bytes, dict[str, str]]] = {
            "/news/kazakhstan.html": (200, "text/html; charset=utf-8", ARTICLE_HTML.encode(), {}),
            "/background.html": (200, "text/html; charset=utf-8", UNDATED_HTML.encode(), {}),
            "/moved": (301, "text/html", b"", {"Location": "/news/kazakhstan.html"}),
            "/loop": (302, "text/html", b"", {"Location": "/loop"}),
            "/missing": (404, "text/html", b"<h1>Not found</h1>", {}),
            "/huge.html": (200, "text/html", b"<p>" + b"a " * (web.SIZE_LIMIT // 2 + 10) + b"</p>", {}),
            "/report.pdf": (200, "application/pdf", b"%PDF-1.4\n%...", {}),
            "/ftp": (302, "text/html", b"", {"Location": "ftp://127.0.0.1/file"}),
        }
        self.cookies_seen: list[str] = []
        self.requests: list[str] = []  # the paths asked for, in order

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    port = 0


@contextlib.contextmanager
def serve() -> Iterator[Site]:
    """The site on an unused port of 127.0.0.1, for as long as the block runs."""
    served = Site()

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            served.requests.append(self.path)
            if self.headers.get("Cookie"):
                served.cookies_seen.append(self.headers["Cookie"])
            status, kind, body, extra = served.pages.get(self.path, (404, "text/html", b"", {}))
            self.send_response(status)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Set-Cookie", "session=abc; Path=/")
            for key, value in extra.items():
                self.send_header(key, value)
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    served.port = server.server_address[1]
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield served
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


@pytest.fixture
def site(monkeypatch: pytest.MonkeyPatch) -> Iterator[Site]:
    monkeypatch.setenv("NO_PROXY", "127.0.0.1,localhost")
    monkeypatch.setenv("no_proxy", "127.0.0.1,localhost")
    with serve() as served:
        yield served
