"""Incremental answers (issue 21, part 1): work on unchanged inputs is remembered, never trusted blindly.

A log read with a store (`tracker.log.memo`: chunks of entries by their bytes, quotes by article
hash, quote and matcher version) must read, check and answer exactly as it does without one: the
same model (positions included), the same problems (messages and line numbers), the same bytes.
The store in the cache folder (`tracker.app.store`) is used only when it is this user's own and
this program's version's; anything damaged in it is ignored.
"""

from __future__ import annotations

import dataclasses
import os
from datetime import date
from pathlib import Path

import pytest
from conftest import ARTICLE, GOOD_EVENT, HEADER, SHIPPED, run

from tracker.errors import Refused
from tracker.log import Memo, additions, layout, open_log, records
from tracker.log.quotes import Article
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


def test_the_records_know_every_field_of_the_model():
    assert records.usable()  # a new field in model.Event, Citation or Source: teach records.py


def test_the_shipped_log_reads_the_same_from_the_store_and_nothing_is_read_twice(monkeypatch):
    store = DictStore()
    first = same_with_and_without(SHIPPED, store)
    assert first.read > 0 and first.reused == 0
    found: list[str] = []
    real = Article.find
    monkeypatch.setattr(
        Article, "find", lambda self, quote, **kw: found.append(quote) or real(self, quote, **kw)
    )
    again = same_with_and_without(SHIPPED, store)
    assert again.read == 0 and again.reused == first.read
    # Without the store the quotes are searched (once each per article); with it, none is.
    assert len(found) == len(
        {(c.source, c.quote) for e in open_log(SHIPPED, today=TODAY)[0].events for c in e.citations}
    )


def _edited(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_an_edit_reads_again_only_its_chunk_and_verifies_only_its_quote(copy, monkeypatch):
    store = DictStore()
    same_with_and_without(copy, store)
    log, _ = open_log(copy, today=TODAY)
    event = log.events[len(log.events) // 2]
    _edited(copy, f"title: {event.title}", f"title: {event.title}, retold")
    memo = same_with_and_without(copy, store)
    assert memo.read == 1  # the chunk that holds the event; every other chunk, and the header, reused
    # A quote shortened to a passage that is still in its article: searched once, then remembered.
    quote = next(c.quote for c in event.citations if c.quote and len(c.quote.split()) > 8)
    shorter = " ".join(quote.split()[:8])
    text = copy.read_text(encoding="utf-8")
    first_line = quote.split()[0]
    assert first_line in text
    found: list[str] = []
    real = Article.find
    monkeypatch.setattr(Article, "find", lambda self, q, **kw: found.append(q) or real(self, q, **kw))
    lines = text.splitlines(keepends=True)
    citation = next(c for c in event.citations if c.quote == quote)
    at = citation.at("quote")
    line = lines[at.line - 1]
    indent = " " * (at.col - 1)
    end = at.line
    while end < len(lines) and lines[end].startswith(indent + " ") and lines[end].strip():
        end += 1  # a folded quote's further lines
    lines[at.line - 1 : end] = [line[: at.col - 1] + shorter + "\n"]
    copy.write_text("".join(lines), encoding="utf-8")
    found.clear()
    same_with_and_without(copy, store)
    assert shorter in found  # the store run searched it (and the run without the store)
    found.clear()
    memo = Memo(store)
    open_log(copy, "log.yaml", today=TODAY, store=memo)
    assert found == []  # remembered by (article hash, quote, matcher version)


@pytest.mark.parametrize(
    "text",
    [
        HEADER + GOOD_EVENT,
        (HEADER + GOOD_EVENT).replace("\n", "\r\n"),  # CRLF
        HEADER.replace("  - id: art", "- id: art").replace("    file: article.txt", "  file: article.txt")
        + GOOD_EVENT.replace("\n  ", "\n"),  # lists at column 0
        "# lists after a comment\n"
        + HEADER.replace("sources:\n", "sources:  # the texts\n\n  # first\n")
        + GOOD_EVENT
        + "\n# the end\n",
        HEADER.replace("sources:\n", "sources: [{id: art, file: article.txt}]\nold:\n")
        + GOOD_EVENT,  # a flow list is read whole; an unknown key is a problem
        HEADER + GOOD_EVENT + "reviewed: 2026-01-01\n",  # a key after the lists
        HEADER + GOOD_EVENT.replace("title: France announces", 'title: "France\n  - id: x\n announces'),
        HEADER + GOOD_EVENT + GOOD_EVENT,  # a duplicate id
        HEADER + GOOD_EVENT.replace("  - id: france-joins\n", "  -\n    id: france-joins\n"),
        HEADER + GOOD_EVENT.replace("countries: [FR, IL, US]", "countries: &c [FR, IL, US]"),
        HEADER + GOOD_EVENT + "  - id: [broken\n",
        HEADER + GOOD_EVENT.replace("quote: France", "note: |+\n      kept\n\n\n    quote: France"),
        HEADER + GOOD_EVENT + "events:\n" + GOOD_EVENT,  # a key twice
        "sources:\n" + HEADER.split("sources:\n")[1].split("events:\n")[0] + "events:\n" + GOOD_EVENT,
    ],
)
def test_unusual_layouts_read_the_same_with_a_store(tmp_path, text):
    (tmp_path / "article.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "web.txt").write_text(
        "The report says that France and Germany would join.\n", encoding="utf-8"
    )
    path = tmp_path / "log.yaml"
    path.write_bytes(text.encode("utf-8"))
    store = DictStore()
    same_with_and_without(path, store)
    same_with_and_without(path, store)  # from the store this time


def test_chunks_end_where_their_entries_say_so_an_edit_moves_no_other_boundary():
    entries = [f"  - id: e{n}\n    title: T{n}\n".encode() for n in range(2000)]
    raw = b"events:\n" + b"".join(entries)
    (listing,) = layout.listings(raw)
    assert sum(c.count for c in listing.chunks) == 2000
    assert 5 < len(listing.chunks) < 200
    edited = b"events:\n" + b"".join([*entries[:1000], b"  - id: new\n    title: X\n", *entries[1000:]])
    (again,) = layout.listings(edited)
    keys = {raw[c.start : c.end] for c in listing.chunks}
    kept = {edited[c.start : c.end] for c in again.chunks}
    assert len(keys - kept) == 1 and len(kept - keys) <= 2  # the chunk with the new entry (split at most)


def test_add_reads_only_what_it_touches_and_verifies_each_quote_once(copy, monkeypatch):
    store = DictStore()
    same_with_and_without(copy, store)  # a warm store, as after any earlier command
    found: list[str] = []
    real = Article.find
    monkeypatch.setattr(Article, "find", lambda self, q, **kw: found.append(q) or real(self, q, **kw))
    monkeypatch.setattr(
        additions, "_spot", lambda *a: pytest.fail("the log was parsed again to find its end")
    )
    memo = Memo(store)
    quote = "Kazakhstan will join the Abraham Accords"
    item = additions.event_item(
        {"id": "kz-again", "date": "2025-11-06", "kind": "report", "countries": ["KZ"], "title": "Again"},
        [additions.Citing("seed-000", "its inclusion in the accords would carry symbolic weight")],
    )
    plan = additions.plan(copy, "data/events.yaml", "events", item, today=TODAY, store=memo)
    plan.release()
    assert memo.read == 1  # the last chunk of events, with the new entry
    assert found == ["its inclusion in the accords would carry symbolic weight"]  # the new quote only, once
    assert quote not in found
    after, problems = open_log(copy, "data/events.yaml", plan.new, today=TODAY)
    assert problems == [] and after is not None and after.events[-1].id == "kz-again"


def test_add_refuses_a_log_that_was_invalid_before_it_as_it_did(write_log):
    path = write_log(HEADER + GOOD_EVENT.replace("source: art", "source: later"))
    item = additions.source_item({"id": "later", "file": "article.txt"})
    with pytest.raises(Refused) as refused:
        additions.plan(path, "log.yaml", "sources", item, today=TODAY, store=Memo(DictStore()))
    assert refused.value.invalid_log == "log.yaml"  # the addition would have mended it: still refused


def test_a_large_logs_diff_sets_the_shared_lines_aside_and_still_says_the_same(copy, monkeypatch):
    item = additions.event_item(
        {"id": "kz-again", "date": "2025-11-06", "kind": "report", "countries": ["KZ"], "title": "Again"},
        [additions.Citing("seed-000", "its inclusion in the accords would carry symbolic weight")],
    )
    plan = additions.plan(copy, "data/events.yaml", "events", item, today=TODAY)
    plan.release()
    whole = list(plan.diff())
    monkeypatch.setattr(additions, "DIFF_LINES", 0)
    assert list(plan.diff()) == whole
    assert whole[2].startswith("@@ -") and len(whole) < 30


# -- the store in the cache folder -------------------------------------------------------------


def _cold_then_warm(path: Path) -> tuple[Memo, Memo]:
    from tracker.app.answer import memo_for

    first = memo_for()
    assert first is not None
    open_log(path, today=TODAY, store=first)
    first.store.finish()
    second = memo_for()
    if second is not None:
        open_log(path, today=TODAY, store=second)
    return first, second


def memo_files(cache_home: Path) -> list[Path]:
    return sorted((cache_home / "tracker" / "store").rglob("*.memo"))


def test_the_store_lives_in_the_cache_folder_for_this_version_only(copy, cache_home, monkeypatch):
    from tracker.app import store

    first, second = _cold_then_warm(copy)
    assert second.read == 0 and second.reused == first.read
    files = memo_files(cache_home)
    assert files and {f.parent for f in files} == {cache_home / "tracker" / "store" / store.namespace()}
    assert all(f.stat().st_mode & 0o077 == 0 for f in files)
    monkeypatch.setattr(store, "__version__", "another")  # written by another version: never read
    other, _ = _cold_then_warm(copy)
    assert other.reused == 0 and other.read == first.read


def test_a_store_of_another_user_or_open_to_others_is_ignored(copy, cache_home, monkeypatch):
    from tracker.app import answer

    _cold_then_warm(copy)
    files = memo_files(cache_home)
    folder = files[0].parent
    if os.geteuid() == 0:  # as root, give the files to someone else: each is ignored
        for f in files:
            os.chown(f, 12345, 12345)
        memo = answer.memo_for()
        same = open_log(copy, today=TODAY, store=memo)
        assert memo.reused == 0 and same == open_log(copy, today=TODAY)
        for f in memo_files(cache_home):
            os.chown(f, 0, 0)
    for f in files:  # a file others may write
        f.chmod(0o666)
    memo = answer.memo_for()
    open_log(copy, today=TODAY, store=memo)
    assert memo.reused == 0
    folder.chmod(0o777)  # a folder others may write: the store is not used at all
    assert answer.memo_for() is None
    folder.chmod(0o700)
    monkeypatch.setattr(os, "geteuid", lambda: 12345)  # the cache folder is another user's
    assert answer.memo_for() is None


@pytest.mark.parametrize("damage", ["cut", "flip", "garbage", "empty", "folder", "swapped", "link"])
def test_a_damaged_store_file_is_ignored_never_an_error(copy, cache_home, damage):
    _cold_then_warm(copy)
    files = memo_files(cache_home)
    for n, f in enumerate(files):
        data = f.read_bytes()
        if damage == "cut":
            f.write_bytes(data[: len(data) // 2])
        elif damage == "flip":
            f.write_bytes(data[:-1] + bytes([data[-1] ^ 1]))
        elif damage == "garbage":
            f.write_bytes(os.urandom(len(data)))
        elif damage == "empty":
            f.write_bytes(b"")
        elif damage == "folder":
            f.unlink()
            f.mkdir()
        elif damage == "swapped":  # a whole, valid value, under another key
            f.write_bytes(files[(n + 1) % len(files)].read_bytes() if len(files) > 1 else b"")
        elif damage == "link":
            f.unlink()
            f.symlink_to(files[(n + 1) % len(files)])
    from tracker.app.answer import memo_for

    memo = memo_for()
    assert open_log(copy, today=TODAY, store=memo) == open_log(copy, today=TODAY)
    assert memo.reused == 0  # nothing damaged was believed
    for f in files:  # damaged again, for the command
        if f.is_file() and not f.is_symlink():
            f.write_bytes(b"TRKMEMO1" + os.urandom(40))
    result = run("signatories", "--json", "--as-of", "2026-01-01", "--data", str(copy))
    fresh = run("signatories", "--json", "--as-of", "2026-01-01", "--data", str(copy), "--no-cache")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == fresh.stdout and "Traceback" not in result.stderr


def test_check_and_answers_use_the_store_and_no_cache_leaves_it_alone(copy, cache_home):
    result = run("check", "--data", str(copy))
    assert result.exit_code == 0, result.stdout + result.stderr
    files = memo_files(cache_home)
    assert files
    for f in files:
        f.unlink()
    result = run("timeline", "--json", "--no-cache", "--data", str(copy))
    assert result.exit_code == 0 and memo_files(cache_home) == []
    result = run("check", "--data", str(copy), env={"TRACKER_NO_CACHE": "1"})
    assert result.exit_code == 0 and memo_files(cache_home) == []


def test_a_store_is_optional_open_log_is_the_same_without_it(copy):
    plain = open_log(copy, today=TODAY)
    memo = Memo()  # in memory only: one command's work
    assert open_log(copy, today=TODAY, store=memo) == plain
    assert dataclasses.astuple(plain[0].roles) == dataclasses.astuple(
        open_log(copy, today=TODAY, store=memo)[0].roles
    )


NASTY = sorted((Path(__file__).parent / "nasty").glob("*.yaml"))


@pytest.mark.parametrize("path", NASTY, ids=[p.stem for p in NASTY])
def test_every_nasty_log_reads_the_same_with_a_store(path):
    store = DictStore()
    same_with_and_without(path, store)
    same_with_and_without(path, store)


def _insert_as_before(raw: bytes, name: str, item: dict, spot) -> tuple[bytes, int]:
    """`insert` as it was, over the whole text: the oracle for the one that reads only the end."""
    import re

    line_re = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+\Z")
    lines = line_re.findall(raw.decode("utf-8"))
    end = spot.last
    for number in range(spot.last + 1, len(lines)):
        line = lines[number]
        body = line.lstrip(" ")
        if not body.strip():
            continue
        if len(line) - len(body) > spot.dash:
            end = number
        elif not body.startswith("#"):
            break
    end = additions._kept_lines(raw, end)
    first = lines[spot.last] if spot.last < len(lines) else "\n"
    newline = "\r\n" if first.endswith("\r\n") else "\r" if first.endswith("\r") else "\n"
    head = "".join(lines[: end + 1])
    if head and not head.endswith(("\n", "\r")):
        head += newline
    new = additions.render(item, spot.dash).replace("\n", newline)
    return (head + new + "".join(lines[end + 1 :])).encode("utf-8"), end + 2


@pytest.mark.parametrize(
    "text",
    [
        SHIPPED.read_text(encoding="utf-8"),
        HEADER + GOOD_EVENT,
        (HEADER + GOOD_EVENT).replace("\n", "\r\n"),
        (HEADER + GOOD_EVENT).replace("\n", "\r"),
        (HEADER + GOOD_EVENT).rstrip("\n"),
        HEADER + GOOD_EVENT + "    # a comment in the item\n\n\n# after it\nreviewed: 2026-01-01\n",
        HEADER + GOOD_EVENT.replace("quote: France", "note: |+\n          kept\n\n\n        quote: France"),
        HEADER + GOOD_EVENT + "  - id: x\n    note: |+\n      kept\n\n\n",
        "\ufeff" + HEADER + GOOD_EVENT + "  -\n    id: later\n    title:   é  \n",
    ],
)
@pytest.mark.parametrize("name", ["sources", "events"])
def test_an_insertion_reads_only_the_end_and_writes_what_the_whole_text_would(text, name):
    raw = text.encode("utf-8")
    item = {"id": "new-one", "title": "A new one", "note": "Über " * 20}
    spot = additions._spot(raw, name)
    assert spot is not None
    expected = _insert_as_before(raw, name, item, spot)
    assert additions.insert(raw, name, item, "log.yaml") == expected
    found = layout.listings(raw)
    if found:  # as a confirmed layout finds the end
        assert additions.insert(raw, name, item, "log.yaml", found) == expected
