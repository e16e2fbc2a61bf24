"""Checks that need the whole log: identities, references, countries, quotes, sources, sequences.

The loader has already checked each value on its own; here nothing is
assumed about order, and every problem is reported with its location.
`check` runs each rule in `RULES` in turn: a rule takes the log and gives
its problems, and the problems are collected in bounded memory. The rules
live by subject: `identities` (ids, countries, entities, roles), `sourcerules`
(anticipating sources, duplicate articles, origins), `sequences` (signings,
treaty acts, resolutions), `citations`, `corrections`, `promises` and
`assertions`; the rule on the future is here. Advice on a valid log is
`advice.warnings`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date

from tracker.log import assertions, identities, promises, sequences, sourcerules
from tracker.log.citations import citations
from tracker.log.correctionrules import future as corrections_future
from tracker.log.correctionrules import rules as corrections_rules
from tracker.log.memo import Memo
from tracker.log.parts import Context, parts
from tracker.model import Collector, EventLog, EventStatus, Location, Problem, Problems


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
    _corrections,  # tracker.log.correctionrules: the record of corrections, append-only
    identities.duplicate_ids,
    identities.country_codes,
    identities.roles,
    _citations,
    sourcerules.duplicate_sources,
    sequences.signings,
    sequences.resolutions,
    sourcerules.anticipating_sources,
    _verdicts,  # stalled, partly fulfilled, ambiguous: expectations judged like promises
    _assertion_ids,  # assertions are replayed by queries.assertions, after these rules
    _future,
    _corrections_future,
    sequences.treaty_acts,
    sourcerules.origins,
]
