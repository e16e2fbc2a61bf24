"""What the tests of remembered work share: a store in memory, and the comparison of a log read with
and without one (tests/log/test_incremental.py, tests/property/test_incremental_edits.py)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from tracker.log import Memo, open_log
from tracker.model import EventLog, Problems
from tracker.queries import Signatories, Timeline
from tracker.render import Format, renderer, target

TODAY = date.today()  # the shipped log may hold anything up to the day the tests run


class DictStore(dict):
    """A store in memory: what the cache folder holds, without the folder."""

    def get(self, key, default=None):
        return dict.get(self, key)

    def put(self, key, data):
        self[key] = data


def deep(log: EventLog | None) -> object:
    """Everything a log holds, the positions that equality leaves out included."""
    if log is None:
        return None
    items = []
    for item in (*log.sources, *log.events):
        items.append((item, item.locs, [(c, c.locs) for c in getattr(item, "citations", ())]))
    return (log, log.locs, items)


def shown(problems: Problems) -> list[str]:
    return [str(p) for p in problems] + [f"and {problems.more} more"]


def answers(log: EventLog, today: date = TODAY) -> bytes:
    """Two answers' JSON bytes, as the commands print them."""
    out = b""
    for query in (Timeline(as_of=today), Signatories(today, None)):
        result = query.run(log)
        out += b"".join(renderer(query.result, Format.JSON)(result, target(Format.JSON)))
    return out


def same_with_and_without(
    path: Path, store: DictStore, today: date = TODAY, memo: Memo | None = None
) -> Memo:
    """Open the log without a store and with one (a fresh run's memo over `store`, or `memo`, which
    remembers the earlier openings of one run too): the same."""
    cold, cold_problems = open_log(path, "log.yaml", today=today)
    memo = Memo(store) if memo is None else memo
    warm, warm_problems = open_log(path, "log.yaml", today=today, store=memo)
    assert shown(warm_problems) == shown(cold_problems)
    assert deep(warm) == deep(cold)
    if cold is not None and not cold_problems:
        assert answers(warm, today) == answers(cold, today)
    return memo


def searched(monkeypatch, found: list[str]) -> None:
    """Each quote given to the matcher from now on goes into `found` (the store's wrapper calls it)."""
    from tracker.log import verified

    real = verified.verify

    def counted(article, quotes, **kw):
        found.extend(quotes)
        return real(article, quotes, **kw)

    monkeypatch.setattr(verified, "verify", counted)
