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
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from tracker import countries, urls
from tracker.files import Corpus, OutsideCorpus
from tracker.log import assertions, promises
from tracker.log.citations import citations
from tracker.log.corrections import future as corrections_future
from tracker.log.corrections import retired_hint
from tracker.log.corrections import rules as corrections_rules
from tracker.log.memo import Memo
from tracker.log.parts import Part, parts
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


@dataclass(frozen=True)
class Context:
    """What a rule may use besides the log: the day, this run's memo, and the events in parts
    (`parts`: with the summaries the reader recorded, a rule can pass over a part at once)."""

    today: date
    memo: Memo | None
    parts: list[Part]


def check(log: EventLog, today: date, memo: Memo | None = None) -> Problems:
    """The problems of a structurally loaded log, in file order (bounded, as `Collector` keeps them).

    `today` is the day the check runs: nothing may have happened or been
    published after it. `memo` remembers work between runs (`tracker.log.memo`): verified quotes,
    and the summaries of the parts of the log the incremental reader read.
    """
    context = Context(today, memo, parts(log, memo.parts if memo is not None else None))
    found = Collector()
    for rule in RULES:
        found.extend(rule(log, context))
    return found.report()


def warnings(log: EventLog) -> Problems:
    """Advice on a valid log, in file order: `tracker check` prints it, nothing else reads it."""
    found = Collector()
    for rule in WARNINGS:
        found.extend(rule(log))
    return found.report()


def _resolutions(log: EventLog, context: Context) -> list[Problem]:
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


def _future(log: EventLog, context: Context) -> list[Problem]:
    """Nothing has happened, and nothing was published, after the day the check runs."""
    today = context.today
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
    last = today.toordinal()
    for part in context.parts:
        if part.summary is not None and part.summary[4] <= last:
            continue
        for event in log.events[part.start : part.end]:
            if event.status is EventStatus.OCCURRED and event.date is not None and event.date.start > today:
                problems.append(
                    Problem(
                        event.at("date"),
                        f"event '{event.id}' occurred on {event.date}, after today ({today.isoformat()}); "
                        "an event still to come is 'status: expected'",
                    )
                )
    return problems


def _anticipating_sources(log: EventLog, context: Context) -> list[Problem]:
    """A source written before an event began supports the expectation, not the event."""
    problems = []
    sources = log.source_map()
    for part in context.parts:
        if part.summary is not None and not any(
            source.published.end.toordinal() < start
            for source_id, start in part.summary[1].items()
            if (source := sources.get(source_id)) is not None and source.published is not None
        ):
            continue
        for event in log.events[part.start : part.end]:
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


def _duplicate_ids(log: EventLog, context: Context) -> Iterable[Problem]:
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


def _country_codes(log: EventLog, context: Context) -> Iterable[Problem]:
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
    used: set[str] = set()
    for part in context.parts:
        if part.summary is not None:
            used.update(part.summary[2])
        else:
            used.update(code for event in log.events[part.start : part.end] for code in event.countries)
            used.update(code for event in log.events[part.start : part.end] for code in event.subjects)
    known = {code for code in used if code in declared or countries.name(code) is not None}  # looked up once
    for part in context.parts:
        summary = part.summary
        if summary is not None and known.issuperset(summary[2]) and non_members.isdisjoint(summary[3]):
            continue
        for event in log.events[part.start : part.end]:
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
                                f"'{code}' is the accords' {role} and cannot be a subject of event "
                                f"'{event.id}'",
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


def _corpus(log: EventLog) -> Corpus | None:
    """The log's corpus, through the bound on what is read; None when the bound refuses it
    (`citations` reports why)."""
    try:
        return Corpus(Path(log.path), log.corpus)
    except OutsideCorpus:
        return None


def _roles(log: EventLog, context: Context) -> Iterator[Problem]:
    """A country is the accords' party or their broker, not both."""
    for code in log.roles.broker:
        if code in log.roles.party:
            where = log.locs.get(f"roles.broker.{code}", log.locs["roles"])
            yield Problem(where, f"'{code}' is both the accords' party and their broker; give it one role")


def _duplicate_sources(log: EventLog, context: Context) -> Iterator[Problem]:
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


def _signings(log: EventLog, context: Context) -> Iterator[Problem]:
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


def _citations(log: EventLog, context: Context) -> Iterable[Problem]:
    return citations(log, context.memo, context.parts)


def _corrections(log: EventLog, context: Context) -> Iterable[Problem]:
    return corrections_rules(log)


def _corrections_future(log: EventLog, context: Context) -> Iterable[Problem]:
    return corrections_future(log, context.today)


def _verdicts(log: EventLog, context: Context) -> Iterable[Problem]:
    return promises.verdicts(log)


def _assertion_ids(log: EventLog, context: Context) -> Iterable[Problem]:
    return assertions.duplicate_ids(log)


# Each rule gives its problems in a log, in this order (which breaks ties at one place). Per event,
# against what the whole log fixes, and passing over a part whose summary shows nothing to report
# (parts.py): countries, citations (and their quotes), anticipating sources, the future. Across
# events, always over all of them: corrections, ids, roles, duplicate sources, sequences of
# signings, resolutions, the promises' verdicts, the assertions' ids.
RULES: list[Callable[[EventLog, Context], Iterable[Problem]]] = [
    _corrections,  # tracker.log.corrections: the record of corrections, append-only
    _duplicate_ids,
    _country_codes,
    _roles,
    _citations,
    _duplicate_sources,
    _signings,
    _resolutions,
    _anticipating_sources,
    _verdicts,  # stalled, partly fulfilled, ambiguous: expectations judged like promises
    _assertion_ids,  # assertions are replayed by queries.assertions, after these rules
    _future,
    _corrections_future,
]


# -- treaty acts and origins ------------------------------------------------------------------


def _treaty_acts(log: EventLog, context: Context) -> Iterator[Problem]:
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


def _origins(log: EventLog, context: Context) -> Iterator[Problem]:
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
