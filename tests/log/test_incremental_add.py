"""add with remembered work (issue 21, part 1): it reads and checks its log once before and once after
its insertion, the second time only what the insertion touched; it places its entry and writes its
diff from the end of the log, as the whole-text insertion did."""

from __future__ import annotations

import pytest
from conftest import GOOD_EVENT, HEADER, SHIPPED
from remembered import TODAY, DictStore, same_with_and_without, searched

from tracker.errors import Refused
from tracker.log import Memo, additions, insertion, layout, open_log


def test_add_reads_only_what_it_touches_and_verifies_each_quote_once(copy, monkeypatch):
    store = DictStore()
    same_with_and_without(copy, store)  # a warm store, as after any earlier command
    found: list[str] = []
    searched(monkeypatch, found)
    monkeypatch.setattr(
        insertion, "_spot", lambda *a: pytest.fail("the log was parsed again to find its end")
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
    end = insertion._kept_lines(raw, end)
    first = lines[spot.last] if spot.last < len(lines) else "\n"
    newline = "\r\n" if first.endswith("\r\n") else "\r" if first.endswith("\r") else "\n"
    head = "".join(lines[: end + 1])
    if head and not head.endswith(("\n", "\r")):
        head += newline
    new = insertion.render(item, spot.dash).replace("\n", newline)
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
    spot = insertion._spot(raw, name)
    assert spot is not None
    expected = _insert_as_before(raw, name, item, spot)
    assert insertion.insert(raw, name, item, "log.yaml") == expected
    found = layout.listings(raw)
    if found:  # as a confirmed layout finds the end
        assert insertion.insert(raw, name, item, "log.yaml", found) == expected
