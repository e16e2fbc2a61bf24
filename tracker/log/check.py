"""Checks that need the whole log: identities, references, countries, quotes, sources, sequences.

The loader has already checked each value on its own; here nothing is
assumed about order, and every problem is reported with its location.
`check` runs each rule in `RULES` in turn: a rule takes the log and gives
its problems, and the problems are collected in bounded memory.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Iterable, Iterator
from datetime import date
from pathlib import Path

from tracker import countries, urls
from tracker.files import Corpus, OutsideCorpus
from tracker.log import assertions, promises
from tracker.log.corrections import future as corrections_future
from tracker.log.corrections import retired_hint
from tracker.log.corrections import rules as corrections_rules
from tracker.log.quotes import MIN_WORDS, Article, Match, Miss, verify
from tracker.model import (
    STATUS_KINDS,
    TREATY_KINDS,
    Collector,
    Entity,
    Event,
    EventLog,
    EventStatus,
    Kind,
    Location,
    Problem,
    Problems,
    Severity,
    Source,
)

# A failing check names the nearest passage of this many missing quotes at most: each costs a fuzzy search.
HINT_LIMIT = 100


def check(log: EventLog, today: date) -> Problems:
    """The problems of a structurally loaded log, in file order (bounded, as `Collector` keeps them).

    `today` is the day the check runs: nothing may have happened or been
    published after it.
    """
    found = Collector()
    for rule in RULES:
        found.extend(rule(log))
    found.extend(_future(log, today))
    found.extend(corrections_future(log, today))
    return found.report()


def warnings(log: EventLog) -> Problems:
    """Advice on a valid log, in file order: `tracker check` prints it, nothing else reads it."""
    found = Collector()
    for rule in WARNINGS:
        found.extend(rule(log))
    return found.report()


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
            hint = retired_hint(log, "event", target)
            problems.append(Problem(where, f"event '{event.id}' {field} unknown event '{target}'{hint}"))
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
    if log.reviewed is not None and log.reviewed.start > today:
        problems.append(
            Problem(
                log.locs.get("reviewed", Location(log.path, 1, 1)),
                f"the review date {log.reviewed} is after today ({today.isoformat()}): "
                "the news cannot have been read that far",
            )
        )
    for source in log.sources:
        if source.retrieved is not None and source.retrieved.start > today:
            problems.append(
                Problem(
                    source.at("retrieved"),
                    f"source '{source.id}' is retrieved {source.retrieved}, "
                    f"after today ({today.isoformat()})",
                )
            )
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


def _duplicate_ids(log: EventLog) -> Iterable[Problem]:
    problems = Collector()
    for what, items in (("source", log.sources), ("event", log.events)):
        first: dict[str, Source | Event] = {}
        for item in items:
            if item.id not in first:
                first[item.id] = item
                continue
            line = first[item.id].at("id").line
            problems.append(Problem(item.at("id"), f"duplicate {what} id '{item.id}' (first at line {line})"))
    return problems.report()


def _country_codes(log: EventLog) -> Iterable[Problem]:
    problems = Collector()
    non_members = set(log.roles.party) | set(log.roles.broker)
    for code in sorted(non_members):
        if countries.name(code) is None:
            problems.append(
                Problem(
                    log.locs["roles"],
                    f"unknown country code '{code}' in roles",
                )
            )
    for problem in _entities(log):
        problems.append(problem)
    declared = {e.id for e in log.entities}
    used = {code for event in log.events for code in (*event.countries, *event.subjects)}
    known = {code for code in used if code in declared or countries.name(code) is not None}  # looked up once
    for event in log.events:
        for field in ("countries", "subjects"):
            for code in getattr(event, field):
                if code not in known:
                    message = (
                        f"unknown country code '{code}' (not in ISO 3166-1)"
                        if code.isupper()
                        else f"'{code}' is not an entity of the log; ISO codes are written in capitals: "
                        f"'{code.upper()}'"
                        if countries.name(code.upper()) is not None
                        else f"unknown entity '{code}': a party with no ISO 3166-1 code is declared "
                        "under 'entities' with its name"
                    )
                    problems.append(Problem(event.at(f"{field}.{code}"), message))
                elif field == "subjects" and code in non_members:
                    role = log.roles.role_of(code)
                    problems.append(
                        Problem(
                            event.at(f"{field}.{code}"),
                            f"'{code}' is the accords' {role} and cannot be a subject of event '{event.id}'",
                        )
                    )
    return problems.report()


def _entities(log: EventLog) -> Iterable[Problem]:
    """Entities are for parties with no ISO code: one declaration each, and none for a country
    that has a code (that would invent a second name for it)."""
    first: dict[str, Entity] = {}
    for entity in log.entities:
        at = entity.at or log.locs.get("entities") or Location(log.path, 1, 1)
        if entity.id in first:
            prior = first[entity.id].at
            line = prior.line if prior is not None else 0
            yield Problem(at, f"duplicate entity id '{entity.id}' (first at line {line})")
            continue
        first[entity.id] = entity
        try:
            code = countries.read(entity.name)
        except countries.CountryError:
            continue
        yield Problem(
            at,
            f"entity '{entity.id}' is named '{entity.name}', which ISO 3166-1 lists as '{code}': "
            "use the code in events, and keep 'entities' for parties with none",
        )


def _citations(log: EventLog) -> Iterable[Problem]:
    problems = Collector()
    sources = log.source_map()
    hints = 0
    texts: dict[str, Article | None] = {}  # each article read and indexed once
    try:
        corpus: Corpus | None = Corpus(Path(log.path), log.corpus)
    except OutsideCorpus as err:
        corpus = None
        problems.append(Problem(log.locs["corpus"], f"corpus '{log.corpus}' {err.why}"))
    if corpus is not None:
        for source in log.sources:
            if source.is_local and source.id not in texts:
                text, problem = _read_local(corpus, log, source)
                texts[source.id] = text
                if problem is not None:
                    problems.append(problem)
    answers = _answers(log, texts)
    for event in log.events:
        for citation in event.citations:
            cited = sources.get(citation.source)
            if cited is None:
                hint = retired_hint(log, "source", citation.source)
                problems.append(
                    Problem(
                        citation.at("source"),
                        f"event '{event.id}' cites unknown source '{citation.source}'{hint}",
                    )
                )
                continue
            if not cited.is_local:
                problems.append(
                    Problem(
                        citation.at("source"),
                        f"source '{cited.id}' has no stored text ('file') to check the quote against; "
                        "add the page with `tracker add source URL` (or --text-file), which stores its text",
                    )
                )
                continue
            if citation.quote is None:
                continue  # the reader has said that the quote is missing
            article = texts.get(cited.id)
            found = answers[cited.id][citation.quote] if article is not None else None
            if isinstance(found, Miss):
                hint = ""
                if found.kind not in ("refused", "weak", "gave-up") and hints < HINT_LIMIT:
                    assert article is not None
                    hints += 1
                    hint = _hint(log, article, citation.quote, cited, texts)
                problems.append(
                    Problem(
                        citation.at("quote"),
                        f"quote not found in {log.local_file(cited)} (source '{cited.id}'): "
                        f"{_excerpt(citation.quote)}; {found.reason}{hint}",
                    )
                )
    return problems.report()


def _answers(log: EventLog, texts: dict[str, Article | None]) -> dict[str, dict[str, Match | Miss]]:
    """Every quote's answer in its source's article, each article's quotes verified together, in one pass."""
    quotes: dict[str, list[str]] = {}
    for event in log.events:
        for citation in event.citations:
            if citation.quote is not None and texts.get(citation.source) is not None:
                quotes.setdefault(citation.source, []).append(citation.quote)
    answers: dict[str, dict[str, Match | Miss]] = {}
    for source_id, wanted in quotes.items():
        article = texts[source_id]
        assert article is not None
        answers[source_id] = dict(zip(wanted, verify(article, wanted, min_words=MIN_WORDS), strict=True))
    return answers


def _hint(
    log: EventLog, article: Article, quote: str, cited: Source, texts: dict[str, Article | None]
) -> str:
    """Where a missing quote may really be: the nearest passage, and another article that has it verbatim."""
    from tracker.log.passages import Grade, fuzzy

    hint = ""
    near = fuzzy(article, quote)
    if near.grade is Grade.FUZZY and near.passage is not None:
        hint = f"; the nearest passage ({near.score:g}%) is at line {near.line}: {_excerpt(near.passage, 80)}"
    sources = log.source_map()
    for other_id, other in texts.items():
        if other is None or other is article or other_id == cited.id:
            continue
        elsewhere = other.find(quote)
        if not isinstance(elsewhere, Miss):
            shown = log.local_file(sources[other_id])
            return hint + f"; it is verbatim in {shown} (source '{other_id}') at line {elsewhere.line}"
    return hint


def _corpus(log: EventLog) -> Corpus | None:
    """The log's corpus, through the bound on what is read; None when the bound refuses it
    (`_citations` reports why)."""
    try:
        return Corpus(Path(log.path), log.corpus)
    except OutsideCorpus:
        return None


def _read_local(corpus: Corpus, log: EventLog, source: Source) -> tuple[Article | None, Problem | None]:
    """A local source's text, indexed for quotes, or the reason it cannot be used."""
    assert source.file is not None
    where = source.at("file")
    shown = log.local_file(source)
    try:
        raw = corpus.read(source.file)
    except OutsideCorpus as err:
        if err.how == "link":
            return None, Problem(where, f"source file {shown} leads outside the corpus folder through a link")
        if err.how == "hidden":
            return None, Problem(
                where,
                f"source file {shown} is hidden or in a hidden folder; "
                "keep articles in visible files of the corpus folder",
            )
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
        article = Article(raw.decode("utf-8-sig"))
    except UnicodeDecodeError:
        return None, Problem(where, f"source file {shown} is not UTF-8 text")
    digest = hashlib.sha256(raw).hexdigest()
    if source.sha256 is not None and digest != source.sha256:
        return article, Problem(
            source.at("sha256"),
            f"source file {shown} has changed since it was cited: its sha256 is now {digest}; "
            "check its quotes, then pin the new hash",
        )
    return article, None


def _excerpt(text: str, limit: int = 60) -> str:
    flat = " ".join(text.split())
    return repr(flat if len(flat) <= limit else flat[: limit - 1] + "…")


def _roles(log: EventLog) -> Iterator[Problem]:
    """A country is the accords' party or their broker, not both."""
    for code in log.roles.broker:
        if code in log.roles.party:
            where = log.locs.get(f"roles.broker.{code}", log.locs["roles"])
            yield Problem(where, f"'{code}' is both the accords' party and their broker; give it one role")


def _duplicate_sources(log: EventLog) -> Iterator[Problem]:
    """One article under two ids would count twice among an event's distinct sources.

    Stored texts are the same article when they are the same file (another
    spelling of the path, a link, a hard link) or byte-identical copies; URLs
    when `urls.page` gives them one spelling (the one comparison of URLs). A web page
    with a snapshot is compared both ways.
    """
    seen: dict[object, Source] = {}
    corpus = _corpus(log)  # None: reported by `_citations`
    for source in log.sources:
        keys: list[tuple[object, str, str]] = []
        if source.url is not None:
            keys.append((("url", urls.page(source.url)), "url", "the same URL"))
        if source.file is not None and corpus is not None:
            identity = _file_identity(corpus, source.file)
            if identity is not None:
                keys += [
                    (("file", identity[0]), "file", "the same file by another path"),
                    (("sha256", identity[1]), "file", "a byte-identical copy of its file"),
                ]
        for key, field, how in keys:
            first = seen.setdefault(key, source)
            if first is not source and first.id != source.id:  # a repeated id is reported as such
                yield Problem(
                    source.at(field),
                    f"source '{source.id}' is the same article as source '{first.id}' "
                    f"(line {first.location.line}): {how}",
                )
                break


def _file_identity(corpus: Corpus, file: str) -> tuple[str, str] | None:
    """Where a local article really is and the hash of its bytes; None if it cannot be read."""
    try:
        raw = corpus.read(file)
    except (OSError, OutsideCorpus):
        return None  # reported by `_citations`
    return os.path.realpath(corpus.path(file)), hashlib.sha256(raw).hexdigest()


_SEQUENCE = (Kind.ANNOUNCEMENT, Kind.CONFIRMATION, Kind.SIGNING, Kind.WITHDRAWAL)


def _signings(log: EventLog) -> Iterator[Problem]:
    """Signings in an order that can have happened; expected events are predictions and exempt.

    A signing needs an announcement or confirmation of the country that could
    have come before it (its period starts no later than the signing's ends);
    a second signing needs a withdrawal between the two, in the order the
    roster replays events; a withdrawal and a signing on the same day cannot
    be ordered at all.
    """
    by_country: dict[str, list[Event]] = {}
    for event in log.events:
        if event.status is EventStatus.OCCURRED and event.date is not None and event.kind in _SEQUENCE:
            for code in event.subjects:
                by_country.setdefault(code, []).append(event)
    for code, events in by_country.items():
        events.sort(key=_replay_order)
        declared = min(
            (e.date.start for e in events if e.kind in (Kind.ANNOUNCEMENT, Kind.CONFIRMATION) and e.date),
            default=date.max,
        )
        signed: Event | None = None
        days: dict[tuple[Kind, str], Event] = {}
        for event in events:
            assert event.date is not None
            if event.kind in (Kind.SIGNING, Kind.WITHDRAWAL) and event.date.day is not None:
                other = Kind.WITHDRAWAL if event.kind is Kind.SIGNING else Kind.SIGNING
                clash = days.get((other, event.date.iso()))
                days.setdefault((event.kind, event.date.iso()), event)
                if clash is not None:
                    later, first = (event, clash) if event.order > clash.order else (clash, event)
                    yield Problem(
                        later.at(f"subjects.{code}"),
                        f"'{code}' signs and withdraws on the same day, {event.date.iso()} (events "
                        f"'{first.id}' at line {first.location.line} and '{later.id}'): "
                        "which came first cannot be told",
                    )
            if event.kind is Kind.WITHDRAWAL:
                signed = None
            elif event.kind is Kind.SIGNING:
                if event.date.end < declared:
                    yield Problem(
                        event.at(f"subjects.{code}"),
                        f"event '{event.id}' signs for '{code}', but no announcement or confirmation "
                        f"of '{code}' comes before it",
                    )
                if signed is not None:
                    yield Problem(
                        event.at(f"subjects.{code}"),
                        f"event '{event.id}' signs for '{code}' again, with no withdrawal since "
                        f"event '{signed.id}' (line {signed.location.line})",
                    )
                signed = event


def _replay_order(event: Event) -> tuple[date, date, int]:
    """As the roster replays events (queries.base.sort_key): last day, first day, file order."""
    assert event.date is not None
    return (event.date.end, event.date.start, event.order)


def _warning(where: Location, message: str) -> Problem:
    return Problem(where, message, Severity.WARNING)


def _unpinned(log: EventLog) -> Iterator[Problem]:
    """A local article without its hash could change unnoticed where no quote covers the change."""
    corpus = _corpus(log)
    if corpus is None:
        return
    for source in log.sources:
        if source.file is None or source.sha256 is not None:
            continue
        identity = _file_identity(corpus, source.file)
        if identity is not None:
            yield _warning(
                source.at("file"),
                f"source '{source.id}' does not pin its article; add 'sha256: {identity[1]}' "
                "so that a changed article is caught",
            )


def _single_source(log: EventLog) -> Iterator[Problem]:
    """A change of status that only one source reports is a claim still waiting for a second."""
    for event in log.events:
        if event.status is EventStatus.OCCURRED and event.kind in STATUS_KINDS and len(event.source_ids) == 1:
            yield _warning(
                event.at("id"),
                f"event '{event.id}' changes the status of {', '.join(event.subjects)} on a single source "
                f"('{event.source_ids[0]}'); cite a second source if one reports it",
            )


def _undated(log: EventLog) -> Iterator[Problem]:
    """A source without a publication date is left out of every --known-by answer: say why it has none."""
    for source in log.sources:
        if source.published is None and source.undated is None:
            yield _warning(
                source.at("id"),
                f"source '{source.id}' has no publication date, so --known-by leaves it out; add "
                "'published' where the page gives one, or 'undated' saying why none can be established",
            )


def _untitled(log: EventLog) -> Iterator[Problem]:
    """A reference without a title cannot be cited; a source with no headline gets a supplied one."""
    for source in log.sources:
        if source.title is None:
            yield _warning(
                source.at("id"),
                f"source '{source.id}' has no title; add its headline, or a description with "
                "'title_basis: supplied' where it has none",
            )


def _behind_review(log: EventLog) -> Iterator[Problem]:
    """The review date says how far the news was read: no source may be newer than it."""
    if log.reviewed is None:
        return
    for source in log.sources:
        if source.published is not None and source.published.start > log.reviewed.end:
            yield _warning(
                log.locs.get("reviewed", source.at("published")),
                f"source '{source.id}' is published {source.published}, after the review date "
                f"{log.reviewed}; move 'reviewed' to the day through which the news has been read",
            )


WARNINGS: list[Callable[[EventLog], Iterable[Problem]]] = [
    _unpinned,
    _single_source,
    _undated,
    _untitled,
    _behind_review,
]

RULES: list[Callable[[EventLog], Iterable[Problem]]] = [
    corrections_rules,  # tracker.log.corrections: the record of corrections, append-only
    _duplicate_ids,
    _country_codes,
    _roles,
    _citations,
    _duplicate_sources,
    _signings,
    _resolutions,
    _anticipating_sources,
    promises.verdicts,  # stalled, partly fulfilled, ambiguous: expectations judged like promises
    assertions.duplicate_ids,  # assertions are replayed by queries.assertions, after these rules
]


# -- treaty acts and origins ------------------------------------------------------------------


def _treaty_acts(log: EventLog) -> Iterator[Problem]:
    """A ratification or an entry into force acts on an agreement that was signed: an occurred act on a
    member needs an occurred signing of it whose period starts no later than the act's ends."""
    signed: dict[str, date] = {}
    for event in log.events:
        if event.status is EventStatus.OCCURRED and event.kind is Kind.SIGNING and event.date is not None:
            for code in event.subjects:
                signed[code] = min(signed.get(code, date.max), event.date.start)
    for event in log.events:
        if event.kind not in TREATY_KINDS or event.status is not EventStatus.OCCURRED or event.date is None:
            continue
        for code in event.subjects:
            if signed.get(code, date.max) > event.date.end:
                what = "ratifies" if event.kind is Kind.RATIFICATION else "brings into force"
                yield Problem(
                    event.at(f"subjects.{code}"),
                    f"event '{event.id}' {what} the agreement of '{code}', but no signing of '{code}' "
                    "comes before it",
                )


def _origins(log: EventLog) -> Iterator[Problem]:
    """A source's `origin` names another source or a label, never itself, and following origins from
    source to source ends: a circle would leave the sources with no original."""
    repeats = {s.id: s.origin for s in log.sources if s.origin is not None}
    sources = log.source_map()
    reported: set[str] = set()
    for source in log.sources:
        if source.origin is None:
            continue
        if source.origin == source.id:
            yield Problem(
                source.at("origin"), f"source '{source.id}' gives itself as its origin; omit 'origin'"
            )
            continue
        seen = [source.id]
        current = source.origin
        while current in repeats and current not in seen:
            seen.append(current)
            current = repeats[current]
        circle = seen[seen.index(current) :] if current in seen else []
        if (
            len(circle) > 1 and circle[0] not in reported
        ):  # a source naming itself is reported above  # each circle once, at the source where it was met
            reported.update(circle)
            path = " → ".join(f"'{i}'" for i in [*circle, current])
            yield Problem(
                sources[circle[0]].at("origin"),
                f"origins go round in a circle: {path}; one must be the original",
            )


RULES += [_treaty_acts, _origins]
