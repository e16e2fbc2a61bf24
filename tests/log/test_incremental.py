"""Incremental answers (issue 21, part 1): work on unchanged inputs is remembered, never trusted blindly.

A log read with a store (`tracker.log.memo`: chunks of entries by their bytes, quotes by article
hash, quote and matcher version) must read, check and answer exactly as it does without one: the
same model (positions included), the same problems (messages and line numbers), the same bytes.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import ARTICLE, GOOD_EVENT, HEADER, SHIPPED
from remembered import TODAY, DictStore, deep, same_with_and_without, searched, shown

from tracker.log import Memo, layout, open_log, records


def test_the_records_know_every_field_of_the_model():
    assert records.usable()  # a new field in model.Event, Citation or Source: teach records.py


def test_the_shipped_log_reads_the_same_from_the_store_and_nothing_is_read_twice(monkeypatch):
    store = DictStore()
    first = same_with_and_without(SHIPPED, store)
    assert first.read > 0 and first.reused == 0
    found: list[str] = []
    searched(monkeypatch, found)
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
    raw = copy.read_text(encoding="utf-8")
    middle = log.events[len(log.events) // 2 :]  # the first from the middle whose title is on one line
    event = next(e for e in middle if f"title: {e.title}" in raw and any(c.quote for c in e.citations))
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
    searched(monkeypatch, found)
    lines = text.splitlines(keepends=True)
    citation = next(c for c in event.citations if c.quote == quote)
    at = citation.at("quote")
    line = lines[at.line - 1]
    key = len(line) - len(line.lstrip(" "))  # the column of `quote:`
    end = at.line
    while end < len(lines) and len(lines[end]) - len(lines[end].lstrip(" ")) > key and lines[end].strip():
        end += 1  # a folded quote's further lines, indented under its key
    lines[at.line - 1 : end] = [line[: at.col - 1] + shorter + "\n"]
    copy.write_text("".join(lines), encoding="utf-8")
    found.clear()
    same_with_and_without(copy, store)
    edited, problems = open_log(copy, today=TODAY)
    assert problems == [] and shorter in [c.quote for e in edited.events for c in e.citations]
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


def test_a_memo_without_a_store_keeps_one_runs_work_and_changes_nothing(copy):
    plain, problems = open_log(copy, today=TODAY)
    memo = Memo()  # in memory only: one command's work, as add's
    for _ in range(2):  # the second time from the memory of the first
        log, again = open_log(copy, today=TODAY, store=memo)
        assert (deep(log), shown(again)) == (deep(plain), shown(problems))
    assert memo.read > 0 and memo.reused == memo.read


NASTY = sorted((Path(__file__).parents[1] / "nasty").glob("*.yaml"))


@pytest.mark.parametrize("path", NASTY, ids=[p.stem for p in NASTY])
def test_every_nasty_log_reads_the_same_with_a_store(path):
    store = DictStore()
    same_with_and_without(path, store)
    same_with_and_without(path, store)
