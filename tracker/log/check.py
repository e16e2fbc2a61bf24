"""Checks that need the whole log: identities, references, countries, quotes.

The loader has already checked each value on its own; here nothing is
assumed about order, and every problem is reported with its location.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from tracker import countries
from tracker.files import OutsideCorpus, corpus_file, corpus_problem
from tracker.model import Event, EventLog, EventStatus, Problem, Source
from tracker.quotes import Article, Miss


def check(log: EventLog, today: date | None = None) -> list[Problem]:
    """Every problem in a structurally loaded log, in file order; `today` is the day it runs."""
    today = today or date.today()
    problems: list[Problem] = []
    problems += _duplicate_ids(log)
    problems += _country_codes(log)
    problems += _citations(log)
    problems += _resolutions(log)
    problems += _future(log, today)
    problems += _anticipating_sources(log)
    return sorted(problems, key=lambda p: p.location)


def _resolutions(log: EventLog) -> list[Problem]:
    """`fulfils` and `calls_off` name an expected event, resolved once, by an event that occurred."""
    problems = []
    events: dict[str, Event] = {}
    for event in log.events:
        events.setdefault(event.id, event)
    resolved: dict[str, Event] = {}
    for event in log.events:
        target = event.resolves
        if target is None:
            continue
        field = "fulfils" if event.fulfils else "calls_off"
        where = event.at(field)
        expected = events.get(target)
        if event.status is not EventStatus.OCCURRED:
            problems.append(
                Problem(
                    where, f"event '{event.id}' is expected: only an event that occurred can resolve another"
                )
            )
        if expected is None:
            problems.append(Problem(where, f"event '{event.id}' {field} unknown event '{target}'"))
        elif expected.status is not EventStatus.EXPECTED:
            problems.append(
                Problem(where, f"event '{event.id}' {field} '{target}', which is not an expected event")
            )
        elif target in resolved:
            first = resolved[target]
            problems.append(
                Problem(
                    where,
                    f"expected event '{target}' is already resolved by '{first.id}' "
                    f"(line {first.at('fulfils' if first.fulfils else 'calls_off').line})",
                )
            )
        else:
            resolved[target] = event
    return problems


def _future(log: EventLog, today: date) -> list[Problem]:
    """Nothing has happened, and nothing was published, after the day the check runs."""
    problems = []
    for source in log.sources:
        if source.published is not None and source.published.start > today:
            problems.append(
                Problem(
                    source.at("published"),
                    f"source '{source.id}' is published {source.published}, "
                    f"after today ({today.isoformat()})",
                )
            )
    for event in log.events:
        if event.status is EventStatus.OCCURRED and event.date is not None and event.date.start > today:
            problems.append(
                Problem(
                    event.at("date"),
                    f"event '{event.id}' occurred on {event.date}, after today ({today.isoformat()}); "
                    "an event still to come is 'status: expected'",
                )
            )
    return problems


def _anticipating_sources(log: EventLog) -> list[Problem]:
    """A source written before an event began supports the expectation, not the event."""
    problems = []
    sources = log.source_map()
    for event in log.events:
        if event.status is not EventStatus.OCCURRED or event.date is None:
            continue
        for citation in event.citations:
            source = sources.get(citation.source)
            if source is None or source.published is None or source.published.end >= event.date.start:
                continue
            problems.append(
                Problem(
                    citation.at("source"),
                    f"source '{source.id}' was published {source.published}, before event '{event.id}' "
                    f"({event.date}) began: it supports an expectation, not the event",
                )
            )
    return problems


def _duplicate_ids(log: EventLog) -> list[Problem]:
    problems = []
    for what, items in (("source", log.sources), ("event", log.events)):
        first: dict[str, Source | Event] = {}
        for item in items:
            if item.id not in first:
                first[item.id] = item
                continue
            line = first[item.id].at("id").line
            problems.append(Problem(item.at("id"), f"duplicate {what} id '{item.id}' (first at line {line})"))
    return problems


def _country_codes(log: EventLog) -> list[Problem]:
    problems = []
    non_members = set(log.roles.party) | set(log.roles.broker)
    for code in sorted(non_members):
        if countries.name(code) is None:
            problems.append(
                Problem(
                    log.locs["roles"],
                    f"unknown country code '{code}' in roles",
                )
            )
    used = {code for event in log.events for code in (*event.countries, *event.subjects)}
    known = {code for code in used if countries.name(code) is not None}  # each code looked up once
    for event in log.events:
        for field in ("countries", "subjects"):
            for code in getattr(event, field):
                if code not in known:
                    problems.append(
                        Problem(
                            event.at(f"{field}.{code}"), f"unknown country code '{code}' (not in ISO 3166-1)"
                        )
                    )
                elif field == "subjects" and code in non_members:
                    role = log.roles.role_of(code)
                    problems.append(
                        Problem(
                            event.at(f"{field}.{code}"),
                            f"'{code}' is the accords' {role} and cannot be a subject of event '{event.id}'",
                        )
                    )
    return problems


def _citations(log: EventLog) -> list[Problem]:
    problems: list[Problem] = []
    sources = log.source_map()
    texts: dict[str, Article | None] = {}  # each article read and indexed once
    root = log.corpus_root
    unusable = corpus_problem(Path(log.path), log.corpus)
    if unusable is not None:
        problems.append(Problem(log.locs["corpus"], f"corpus '{log.corpus}' {unusable}"))
    else:
        for source in log.sources:
            if source.is_local and source.id not in texts:
                text, problem = _read_local(root, log, source)
                texts[source.id] = text
                if problem is not None:
                    problems.append(problem)
    for event in log.events:
        for citation in event.citations:
            cited = sources.get(citation.source)
            if cited is None:
                problems.append(
                    Problem(
                        citation.at("source"),
                        f"event '{event.id}' cites unknown source '{citation.source}'",
                    )
                )
                continue
            if not cited.is_local:
                if citation.quote is not None:
                    problems.append(
                        Problem(
                            citation.at("quote"),
                            f"source '{cited.id}' is a URL with no local copy: its quote cannot be "
                            "verified; drop the quote or add the article under the corpus",
                        )
                    )
                continue
            if citation.quote is None:
                problems.append(
                    Problem(
                        citation.location,
                        f"citation of local source '{cited.id}' needs a verbatim 'quote'",
                    )
                )
                continue
            article = texts.get(cited.id)
            found = article.find(citation.quote) if article is not None else None
            if isinstance(found, Miss):
                problems.append(
                    Problem(
                        citation.at("quote"),
                        f"quote not found in {log.local_file(cited)} (source '{cited.id}'): "
                        f"{_excerpt(citation.quote)}; {found.reason}",
                    )
                )
    return problems


def _read_local(root: Path, log: EventLog, source: Source) -> tuple[Article | None, Problem | None]:
    """A local source's text, indexed for quotes, or the reason it cannot be used."""
    assert source.file is not None
    where = source.at("file")
    shown = log.local_file(source)
    try:
        raw = corpus_file(root, source.file)
    except OutsideCorpus as err:
        if err.how == "link":
            return None, Problem(where, f"source file {shown} leads outside the corpus folder through a link")
        return None, Problem(
            where, f"source file '{source.file}' must be a path inside the corpus folder '{log.corpus}'"
        )
    except FileNotFoundError:
        return None, Problem(where, f"source file {shown} does not exist")
    except OSError as err:
        return None, Problem(where, f"cannot read source file {shown}: {err.strerror or err}")
    if b"\0" in raw:
        return None, Problem(where, f"source file {shown} is binary, not text")
    try:
        return Article(raw.decode("utf-8-sig")), None
    except UnicodeDecodeError:
        return None, Problem(where, f"source file {shown} is not UTF-8 text")


def _excerpt(text: str, limit: int = 60) -> str:
    flat = " ".join(text.split())
    return repr(flat if len(flat) <= limit else flat[: limit - 1] + "…")
