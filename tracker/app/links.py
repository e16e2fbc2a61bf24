"""`tracker check --links`: are the log's web pages still there, and do they still say what is quoted?

Opt-in, and with `add source URL` the only use of the network. Each web
source is fetched once (within `web`'s bounds) and reported live,
redirected (to another page, as `urls.page` compares them) or gone; a page
that answers is read as `add source` reads it, and each quote of that source
is looked for in it with the one quote matcher. Everything found is a
located warning: a page that moved or changed does not make the log wrong,
since its snapshot is what the quotes are checked against.
"""

from __future__ import annotations

from collections.abc import Iterator

from tracker import urls
from tracker.app import web
from tracker.model import EventLog, Problem, Severity


def _text(fetched: web.Fetched) -> str:
    try:
        return web.extract(fetched).text
    except web.PageError:
        return fetched.text()  # no extractor or no main text: look in the whole page


def links(log: EventLog) -> Iterator[Problem]:
    """One warning per web source that moved or is gone, and per quote its live page lacks."""
    from tracker.log.quotes import Article, Miss

    for source in log.sources:
        if source.url is None:
            continue
        where = source.at("url")
        try:
            fetched = web.fetch(source.url)
        except web.PageError as err:
            yield Problem(where, f"source '{source.id}' is gone: {err}", Severity.WARNING)
            continue
        if urls.page(fetched.url) != urls.page(source.url):  # not a slash added or a host's case
            yield Problem(where, f"source '{source.id}' redirects to {fetched.url}", Severity.WARNING)
        page = Article(_text(fetched))
        for event in log.events:
            for citation in event.citations:
                if citation.source != source.id or citation.quote is None:
                    continue
                if isinstance(page.find(citation.quote), Miss):
                    yield Problem(
                        citation.at("quote"),
                        f"the live page of source '{source.id}' no longer contains this quote "
                        f"(event '{event.id}'); its snapshot still does",
                        Severity.WARNING,
                    )
