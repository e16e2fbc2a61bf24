"""Logs built in memory: `tracker.model` objects with sensible defaults, a line or two each.

Query and render tests state the log they need as data and call `Query.run(log)` and the renderers
directly: no YAML, no quote checking, no Typer. What a log on disk adds (reading, locations,
checking every quote against its article) is tested once, in tests/log; the CLI's wiring in
tests/cli and tests/e2e.

    log = build.log(
        build.event("fr-announces", "2025-11-03", "announcement", subjects=["FR"]),
        build.event("fr-signs", "2025-12", "signing", subjects=["FR"], cite=[build.cite("late")]),
        sources=[build.source("late", published="2025-12-02")],
    )
    Signatories(date(2026, 1, 1)).run(log)

Defaults: an event's title is its id; it cites the source "src" (declared by `log` unless given);
an event's countries are its `subjects`, with the log's party and broker beside them for an
announcement, a confirmation or a signing (as the accords' are); `order` and
locations follow the position in `log`.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterable
from typing import Any

from tracker.model import (
    Citation,
    DateBasis,
    Entity,
    Event,
    EventLog,
    EventStatus,
    Kind,
    Location,
    PartialDate,
    PublishedBasis,
    Roles,
    Source,
    TitleBasis,
)

FILE = "log.yaml"
PARTY, BROKER = ("IL",), ("US",)
JOINING = frozenset({Kind.ANNOUNCEMENT, Kind.CONFIRMATION, Kind.SIGNING})  # the party and broker take part


def day(text: str | None) -> PartialDate | None:
    """A date as the log writes it: "2025-11-03", "2025-11", "2025"; a leading "~" for approximate."""
    if text is None:
        return None
    approximate = text.startswith("~")
    parts = [int(part) for part in text.lstrip("~").split("-")]
    return PartialDate(*parts, approximate=approximate)  # type: ignore[arg-type]


def source(
    id: str,
    *,
    published: str | None = None,
    basis: str = "stated",
    url: str | None = None,
    file: str | None = None,
    retrieved: str | None = None,
    title: str | None = None,
    title_basis: str = "stated",
    **fields: Any,
) -> Source:
    """A source; `published` sets its date (stated unless `basis` says inferred)."""
    return Source(
        id=id,
        location=Location(FILE, 1, 1),
        file=file,
        url=url,
        published=day(published),
        published_basis=PublishedBasis(basis) if published is not None else None,
        retrieved=day(retrieved),
        title=title,
        title_basis=TitleBasis(title_basis),
        **fields,
    )


def cite(
    source: str = "src",
    quote: str | None = "A quote.",
    *,
    names: Iterable[str] | None = None,
    date: str | None = None,
    **fields: Any,
) -> Citation:
    """A citation of `source`; `names` the subjects it names (None: all), `date` the date it gives."""
    return Citation(
        source=source,
        location=Location(FILE, 1, 1),
        quote=quote,
        names=tuple(names) if names is not None else None,
        date=day(date),
        **fields,
    )


def event(
    id: str,
    when: str | None,
    kind: str = "statement",
    *,
    subjects: Iterable[str] = (),
    countries: Iterable[str] | None = None,
    expected: bool = False,
    cite: Iterable[Citation] | None = None,
    sources: Iterable[str] = (),
    title: str | None = None,
    reported: bool = False,
    **fields: Any,
) -> Event:
    """An event on `when` (None: undated). `sources` cites each by id; `cite` gives the citations."""
    subjects = tuple(subjects)
    if countries is None:
        roles = PARTY + BROKER if Kind(kind) in JOINING else ()
        countries = (*subjects, *(c for c in roles if c not in subjects))
    citations = tuple(cite) if cite is not None else tuple(_cite(s) for s in sources) or (_cite("src"),)
    return Event(
        id=id,
        location=Location(FILE, 1, 1),
        kind=Kind(kind),
        title=title if title is not None else id,
        date=day(when),
        date_basis=DateBasis.REPORTED if reported else DateBasis.EVENT,
        status=EventStatus.EXPECTED if expected else EventStatus.OCCURRED,
        countries=tuple(countries),
        subjects=subjects,
        citations=citations,
        **fields,
    )


_cite = cite


def log(
    *events: Event,
    sources: Iterable[Source] = (),
    party: Iterable[str] = PARTY,
    broker: Iterable[str] = BROKER,
    reviewed: str | None = None,
    entities: Iterable[Entity] = (),
    path: str = FILE,
    corpus: str = ".",
) -> EventLog:
    """A log of these events in this order; every cited source not given is declared, undated."""
    given = list(sources)
    declared = {s.id for s in given}
    for item in events:
        for citation in item.citations:
            if citation.source not in declared:
                declared.add(citation.source)
                given.append(source(citation.source))
    placed = tuple(
        dataclasses.replace(item, order=index, location=Location(path, index + 1, 5))
        for index, item in enumerate(events)
    )
    return EventLog(
        path=path,
        corpus=corpus,
        roles=Roles(tuple(party), tuple(broker)),
        sources=tuple(given),
        events=placed,
        reviewed=day(reviewed),
        entities=tuple(entities),
    )


def entity(id: str, name: str, note: str | None = None) -> Entity:
    return Entity(id, name, note)


def records(result: object) -> Any:
    """A result's JSON records, as `--json` prints them (the same bytes, read back)."""
    from tracker.render import json as render_json

    return json.loads(b"".join(render_json.chunks(render_json.records(result))))


def rendered(result: object, fmt: str = "json", *, width: int = 100) -> str:
    """A result as its renderer prints it in `fmt` (a table for a console `width` wide, no colour)."""
    from tracker.render import Format, Target, renderer

    out = Target(Format(fmt))
    if out.format is Format.TABLE:
        from rich.console import Console

        out = Target(Format.TABLE, Console(highlight=False, width=width, color_system=None))
    render = renderer(type(result), out.format)
    assert render is not None, f"{type(result).__name__} prints no {fmt}"
    return b"".join(render(result, out)).decode("utf-8")
