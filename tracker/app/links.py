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
    from tracker.log.quotemisses import Miss
    from tracker.log.quotes import verify

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
        cited = [
            (event.id, citation.at("quote"), citation.quote)
            for event in log.events
            for citation in event.citations
            if citation.source == source.id and citation.quote is not None
        ]
        answers = verify(_text(fetched), [quote for _, _, quote in cited], min_words=0)
        for (event_id, at, _), answer in zip(cited, answers, strict=True):
            if isinstance(answer, Miss):
                yield Problem(
                    at,
                    f"the live page of source '{source.id}' no longer contains this quote "
                    f"(event '{event_id}'); its snapshot still does",
                    Severity.WARNING,
                )
