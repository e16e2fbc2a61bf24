"""Web pages for curators: fetch one page within bounds, and read its text and metadata.

Only `add source URL` and `check --links` use the network. A fetch is http or
https only, with a timeout, a size limit, a bounded number of redirects and
no cookies; what it cannot fetch is a `PageError` whose message says why, in
the program's own words. Extraction (trafilatura for the main text and the
metadata, htmldate for the publication date) is imported only here, inside
the function that needs it, so the answering path never pays for it.
"""

from __future__ import annotations

import urllib.error
import urllib.request
from dataclasses import dataclass, field
from email.message import Message

from tracker import urls

TIMEOUT = 20.0  # seconds for the connection and for each read
SIZE_LIMIT = 5 * 1024 * 1024  # bytes of a page; a news article is well under 1 MiB
MAX_REDIRECTS = 5
AGENT = "abraham-accords-tracker (curation; +https://github.com)"
TEXT_TYPES = ("text/html", "application/xhtml+xml", "text/plain")
CURATE_EXTRA = "pip install 'abraham-accords-tracker[curate]'"


class PageError(Exception):
    """A page that cannot be fetched or read, in words for the curator."""


@dataclass(frozen=True)
class Fetched:
    url: str  # where the page was found, after redirects
    requested: str
    status: int
    content_type: str
    body: bytes
    charset: str | None = None

    @property
    def redirected(self) -> bool:
        return self.url != self.requested

    def text(self) -> str:
        return self.body.decode(self.charset or "utf-8", errors="replace")


@dataclass(frozen=True)
class Page:
    """What a page says of itself, as extracted; a field it does not give is None."""

    url: str
    text: str
    title: str | None = None
    outlet: str | None = None
    authors: tuple[str, ...] = ()
    published: str | None = None  # YYYY-MM-DD, from the page's own metadata or text
    notes: list[str] = field(default_factory=list)


class _Redirects(urllib.request.HTTPRedirectHandler):
    max_redirections = MAX_REDIRECTS

    def redirect_request(
        self,
        req: urllib.request.Request,
        fp: object,
        code: int,
        msg: str,
        headers: Message,
        newurl: str,
    ) -> urllib.request.Request | None:
        if not newurl.lower().startswith(("http://", "https://")):
            raise PageError(f"the page redirects to {newurl}, which is not an http or https address")
        return super().redirect_request(req, fp, code, msg, headers, newurl)  # type: ignore[arg-type]


def require_extra() -> None:
    """Refuse before any fetch when the extractor is not installed: the curator learns it at once."""
    from importlib.util import find_spec

    for name in ("trafilatura", "htmldate"):
        if find_spec(name) is None:
            raise PageError(f"reading a web page needs the curate extra ({name} is missing): {CURATE_EXTRA}")


def fetch(url: str, *, limit: int = SIZE_LIMIT, timeout: float = TIMEOUT) -> Fetched:
    """The page at `url`: its final address, status, type and at most `limit` bytes."""
    if not url.lower().startswith(("http://", "https://")):
        raise PageError(f"{url} is not an http or https address")
    # No cookie processor: build_opener adds none unless asked; proxies follow the environment.
    opener = urllib.request.build_opener(_Redirects())
    wired = urls.wire(url)  # a request line is ASCII: a typed Unicode address is escaped, as browsers do
    request = urllib.request.Request(wired, headers={"User-Agent": AGENT, "Accept": "text/html, */*;q=0.1"})
    try:
        with opener.open(request, timeout=timeout) as response:
            body = response.read(limit + 1)
            headers = response.headers
            final = response.geturl()
            if final == wired:  # not redirected: the address as the curator gave it
                final = url
            status = response.status
    except PageError:
        raise
    except urllib.error.HTTPError as err:
        if err.code in (301, 302, 303, 307, 308):
            raise PageError(f"{url} redirects more than {MAX_REDIRECTS} times") from None
        raise PageError(f"{url} answered {err.code} {err.reason}") from None
    except urllib.error.URLError as err:
        raise PageError(
            f"cannot fetch {url}: {getattr(err.reason, 'strerror', None) or err.reason}"
        ) from None
    except (TimeoutError, OSError) as err:
        raise PageError(f"cannot fetch {url}: {err.strerror or err}") from None
    except ValueError as err:
        raise PageError(f"cannot fetch {url}: {err}") from None
    if len(body) > limit:
        raise PageError(f"{url} is larger than {limit:,} bytes; save its text and use --text-file")
    content_type = headers.get_content_type()
    if content_type not in TEXT_TYPES:
        raise PageError(
            f"{url} is {content_type}, not a web page; save its text and add it with --text-file and --url"
        )
    return Fetched(final, url, status, content_type, body, headers.get_content_charset())


def extract(fetched: Fetched) -> Page:
    """The page's main text and metadata (trafilatura, htmldate); refuses a page with no text."""
    if fetched.content_type == "text/plain":
        return Page(fetched.url, fetched.text())
    require_extra()
    import htmldate
    import trafilatura

    html = fetched.text()
    text = trafilatura.extract(html, url=fetched.url, include_comments=False, include_tables=False)
    if not text or not text.strip():
        raise PageError(f"no article text found at {fetched.url}; save its text and use --text-file")
    meta = trafilatura.extract_metadata(html, default_url=fetched.url)
    published = htmldate.find_date(html, url=fetched.url, original_date=True, extensive_search=False)
    authors: tuple[str, ...] = ()
    outlet = (meta.sitename or None) if meta is not None else None
    if outlet is not None and _is_address(outlet, fetched.url):
        outlet = None  # trafilatura falls back to the host name: an outlet is only what the page says
    if meta is not None and meta.author:
        authors = tuple(name.strip() for name in meta.author.split(";") if name.strip())
    return Page(
        url=fetched.url,
        text=text.strip() + "\n",
        title=(meta.title or None) if meta is not None else None,
        outlet=outlet,
        authors=authors,
        published=published or None,
    )


def _is_address(name: str, url: str) -> bool:
    """Whether a site name is only the page's host (with or without www. and a port)."""
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    hosts = {parts.netloc.lower(), (parts.hostname or "").lower()}
    hosts |= {h.removeprefix("www.") for h in hosts}
    return name.strip().lower().removeprefix("www.") in hosts
