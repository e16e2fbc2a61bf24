"""What an answer could not know, said by the command (issue 18): on stderr before a JSON answer, in a
table's caption too, not at all for a day the log covers, and on a cache hit as on a miss.

What the notices say is the queries' (tests/queries/test_reach.py, test_knowledge.py); here, where
the command puts them."""

from __future__ import annotations

from conftest import run

NOTICE = "The log records sources up to 2026-06-26; anything after that is not in it."


def test_an_old_record_says_how_far_it_reaches():
    answer = run("signatories", "--json")
    assert answer.exit_code == 0 and f"tracker: {NOTICE}" in answer.stderr.splitlines()
    table = run("signatories")
    assert NOTICE in " ".join(table.stdout.split())  # in the caption too
    assert NOTICE in table.stderr
    for covered in ("2026-06-26", "2020-09-15"):  # the review date itself is covered
        assert run("signatories", "--as-of", covered).stderr == ""
    assert run("signatories", "--as-of", "2026-06-27").stderr == f"tracker: {NOTICE}\n"


def test_the_notice_is_printed_on_a_cache_hit_too():
    first = run("signatories", "--json", env={"TRACKER_CACHE_DEBUG": "1"})
    second = run("signatories", "--json", env={"TRACKER_CACHE_DEBUG": "1"})
    assert "cache: hit" in second.stderr and second.stdout == first.stdout
    assert f"tracker: {NOTICE}" in second.stderr.splitlines()
