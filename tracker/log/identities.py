"""The rules on identities: one id per source and event, known country codes and entities, and one
role per country.

Rules of `check.RULES`, apart from it as the log's names for things (ISO
3166-1 codes through `tracker.countries`, the log's own entities and roles).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from tracker import countries
from tracker.model import Collector, Entity, Event, EventLog, Location, Problem, Source

if TYPE_CHECKING:
    from tracker.log.parts import Context


def duplicate_ids(log: EventLog, context: Context) -> Iterable[Problem]:
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


def country_codes(log: EventLog, context: Context) -> Iterable[Problem]:
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


def roles(log: EventLog, context: Context) -> Iterator[Problem]:
    """A country is the accords' party or their broker, not both."""
    for code in log.roles.broker:
        if code in log.roles.party:
            where = log.locs.get(f"roles.broker.{code}", log.locs["roles"])
            yield Problem(where, f"'{code}' is both the accords' party and their broker; give it one role")
