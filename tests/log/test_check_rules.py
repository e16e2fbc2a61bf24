"""Whole-log rules `check` refuses (issue 11, class 8), each at its own line and column.

Duplicate sources inflate "distinct sources"; signings out of sequence make
the roster replay a history that cannot have happened; a country cannot hold
two roles; a raw control character is reported where it is, not at 1:1.
"""

from __future__ import annotations

import json
import os
import shutil

import pytest
from conftest import GOOD_EVENT, HEADER, open_log, run, run_json

from tracker.urls import page


def problems_of(path) -> list[str]:
    return [str(p) for p in open_log(path, "log.yaml")[1]]


def with_source(lines: str) -> str:
    """HEADER with one more source after 'web' (it starts at line 10), then GOOD_EVENT (line 12 on)."""
    return HEADER.replace("events:\n", lines + "events:\n") + GOOD_EVENT


# -- duplicate sources ----------------------------------------------------------


@pytest.mark.parametrize("file", ["./article.txt", ".//article.txt", "./././article.txt"])
def test_the_same_file_under_another_spelling_is_one_article(write_log, file):
    path = write_log(with_source(f"  - id: again\n    file: {file}\n"))
    assert problems_of(path) == [
        "log.yaml:11:11: source 'again' is the same article as source 'art' (line 6): "
        "the same file by another path"
    ]


def test_a_link_to_the_same_file_and_a_byte_identical_copy_are_one_article(write_log, tmp_path):
    path = write_log(with_source("  - id: linked\n    file: link.txt\n  - id: copied\n    file: copy.txt\n"))
    os.symlink("article.txt", tmp_path / "link.txt")
    shutil.copy(tmp_path / "article.txt", tmp_path / "copy.txt")
    assert problems_of(path) == [
        "log.yaml:11:11: source 'linked' is the same article as source 'art' (line 6): "
        "the same file by another path",
        "log.yaml:13:11: source 'copied' is the same article as source 'art' (line 6): "
        "a byte-identical copy of its file",
    ]


def test_a_different_article_is_not_a_duplicate(write_log, tmp_path):
    path = write_log(with_source("  - id: other\n    file: other.txt\n"))
    (tmp_path / "other.txt").write_bytes((tmp_path / "article.txt").read_bytes() + b" ")
    assert problems_of(path) == []


@pytest.mark.parametrize(
    "url",
    [
        "https://example.org/report",
        "https://EXAMPLE.org/report/",
        "http://example.org/report",
        "https://example.org:443/report#section",
        "https://Example.Org/report//",
    ],
)
def test_one_url_twice_is_one_article(write_log, url):
    path = write_log(with_source(f"  - id: again\n    url: {url}\n"))
    assert problems_of(path) == [
        "log.yaml:11:10: source 'again' is the same article as source 'web' (line 8): the same URL"
    ]


@pytest.mark.parametrize(
    "url",
    [
        "https://example.org/report?page=2",
        "https://example.org/Report",
        "https://example.org:8443/report",
        "https://www.example.org/report",
    ],
)
def test_urls_that_can_name_other_pages_are_distinct(write_log, url):
    assert problems_of(write_log(with_source(f"  - id: other\n    url: {url}\n"))) == []


def test_url_key_ignores_only_trivial_differences():
    assert page("HTTP://Ex.org:80/a%2fb/") == page("https://ex.org/a%2Fb")
    assert page("https://ex.org/a?x=1") != page("https://ex.org/a?x=2")
    assert page("https://ex.org:bad/a") == page("https://EX.org:bad/a")  # no crash on a bad port


def test_duplicate_sources_reach_check_json(write_log):
    path = write_log(with_source("  - id: again\n    url: https://example.org/report/\n"))
    result = run("check", "--json", "--data", str(path))
    assert result.exit_code == 1
    assert [(p["line"], p["col"]) for p in json.loads(result.stdout)] == [(11, 10)]


# -- signings in sequence -------------------------------------------------------


def event(ident: str, kind: str, date: str | None, country: str = "DE", *, expected: bool = False) -> str:
    """An event on one country, citing the URL source; dated, its subject is on its fifth line, col 16."""
    lines = [f"  - id: {ident}"]
    lines += [f"    date: {date}"] if date else []
    lines += [f"    kind: {kind}", f"    countries: [{country}, IL, US]", f"    subjects: [{country}]"]
    lines += ["    status: expected"] if expected else []
    lines += [
        "    title: t",
        "    cite:",
        "      - {source: web, quote: France and Germany would join the accords soon}",
    ]
    return "\n".join(lines) + "\n"


def sequence(*events: str) -> str:
    """GOOD_EVENT ends at line 19: the first event here starts at line 20, each dated one is 8 lines."""
    return HEADER + GOOD_EVENT + "".join(events)


def test_a_signing_with_no_announcement_before_it_is_refused(write_log):
    path = write_log(sequence(event("de-signs", "signing", "2025-11-04")))
    assert problems_of(path) == [
        "log.yaml:24:16: event 'de-signs' signs for 'DE', but no announcement or confirmation "
        "of 'DE' comes before it"
    ]


def test_an_announcement_after_the_signing_does_not_count(write_log):
    path = write_log(
        sequence(
            event("de-signs", "signing", "2025-11-04"), event("de-announced", "announcement", "2025-11-05")
        )
    )
    assert problems_of(path) == [
        "log.yaml:24:16: event 'de-signs' signs for 'DE', but no announcement or confirmation "
        "of 'DE' comes before it"
    ]


@pytest.mark.parametrize(
    ("kind", "date"),
    [
        ("announcement", "2025-11-04"),  # the same day: it can have come first
        ("confirmation", "2025-11-01"),
        ("announcement", "2025-11"),  # a month that starts before the signing: written at its precision
        ("announcement", "2025"),
    ],
)
def test_an_announcement_or_confirmation_that_can_have_come_first_is_enough(write_log, kind, date):
    path = write_log(sequence(event("de-signs", "signing", "2025-11-04"), event("de-said", kind, date)))
    assert problems_of(path) == []


def test_expected_signings_are_predictions_and_need_no_announcement(write_log):
    path = write_log(
        sequence(
            event("de-will-sign", "signing", "2026-01-01", expected=True),
            event("de-will-sign-again", "signing", None, expected=True),
        )
    )
    assert problems_of(path) == []


def test_an_expected_announcement_does_not_announce(write_log):
    path = write_log(
        sequence(
            event("de-may-announce", "announcement", "2025-01-01", expected=True),
            event("de-signs", "signing", "2025-11-04"),
        )
    )
    assert problems_of(path) == [
        "log.yaml:33:16: event 'de-signs' signs for 'DE', but no announcement or confirmation "
        "of 'DE' comes before it"
    ]


def test_a_second_signing_needs_a_withdrawal_between(write_log):
    announced = event("de-announced", "announcement", "2025-01-01")
    first, second = (
        event("de-signs", "signing", "2025-02-01"),
        event("de-signs-again", "signing", "2025-03-01"),
    )
    path = write_log(sequence(announced, second, first))  # file order is not date order
    assert problems_of(path) == [
        "log.yaml:32:16: event 'de-signs-again' signs for 'DE' again, with no withdrawal since "
        "event 'de-signs' (line 36)"
    ]
    withdrawn = event("de-withdraws", "withdrawal", "2025-02-15")
    assert problems_of(write_log(sequence(announced, second, first, withdrawn))) == []
    late = event("de-withdraws", "withdrawal", "2025-03-15")
    assert len(problems_of(write_log(sequence(announced, second, first, late)))) == 1


def test_a_withdrawal_and_a_signing_on_one_day_cannot_be_ordered(write_log):
    announced = event("de-announced", "announcement", "2025-01-01")
    signs, withdraws = (
        event("de-signs", "signing", "2025-02-01"),
        event("de-withdraws", "withdrawal", "2025-02-01"),
    )
    assert problems_of(write_log(sequence(announced, signs, withdraws))) == [
        "log.yaml:40:16: 'DE' signs and withdraws on the same day, 2025-02-01 (events 'de-signs' at line 28 "
        "and 'de-withdraws'): which came first cannot be told"
    ]
    month = event("de-withdraws", "withdrawal", "2025-02")  # not the same day as far as the log says
    assert problems_of(write_log(sequence(announced, signs, month))) == []


def test_a_signing_of_several_countries_is_checked_for_each(write_log):
    joint = (
        "  - id: joint\n    date: 2025-11-04\n    kind: signing\n    countries: [FR, DE, IL, US]\n"
        "    subjects: [FR, DE]\n    title: t\n    cite:\n      - {source: web, quote: France and Germany would join the accords soon}\n"
    )
    assert problems_of(write_log(sequence(joint))) == [
        "log.yaml:24:20: event 'joint' signs for 'DE', but no announcement or confirmation "
        "of 'DE' comes before it"
    ]


# -- roles ----------------------------------------------------------------------


def test_a_country_cannot_be_both_party_and_broker(write_log):
    path = write_log((HEADER + GOOD_EVENT).replace("broker: [US]", "broker: [US, IL]"))
    assert problems_of(path) == [
        "log.yaml:4:16: 'IL' is both the accords' party and their broker; give it one role"
    ]


@pytest.mark.parametrize(("code", "role"), [("IL", "party"), ("US", "broker")])
@pytest.mark.parametrize("kind", ["announcement", "signing", "withdrawal", "candidacy", "condition"])
def test_a_party_or_broker_is_never_a_member(write_log, code, role, kind):
    path = write_log(sequence(event("x", kind, "2025-01-01", code)))
    assert f"log.yaml:24:16: '{code}' is the accords' {role} and cannot be a subject of event 'x'" in (
        problems_of(path)
    )


# -- control characters ---------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "where", "message"),
    [
        (b"\x01", "16:30", "control character U+0001"),
        (b"\x1b", "16:30", "control character U+001B"),
        (b"\x7f", "16:30", "control character U+007F"),
        (b"\xc2\x9b", "16:30", "control character U+009B"),
        (b"\xc2\x85", "16:30", "line break U+0085"),
        (b"\xe2\x80\xa8", "16:30", "line separator U+2028"),
        (b"\xe2\x80\xa9", "16:30", "paragraph separator U+2029"),
        (b"\xef\xbf\xbf", "16:30", "non-character U+FFFF"),
    ],
)
def test_a_raw_control_character_is_reported_where_it_is(write_log, raw, where, message):
    path = write_log(HEADER + GOOD_EVENT)
    text = path.read_bytes().replace(b"France announces", "Fr\u00e4nce\u2019s announces".encode() + raw)
    path.write_bytes(text)
    code = int(message.split("U+")[1], 16)
    assert problems_of(path) == [
        f'log.yaml:{where}: {message} in the log; YAML allows it only escaped in double quotes ("\\u{code:04x}")'
    ]


def test_every_control_character_is_reported_with_bom_and_crlf(write_log):
    path = write_log(HEADER + GOOD_EVENT)
    text = path.read_bytes().replace(b"\n", b"\r\n").replace(b"format: 1", b"\x07format: 1")
    text = b"\xef\xbb\xbf" + text.replace(b"join\r\n", b"jo\x00in\x08\r\n")
    path.write_bytes(text)
    assert [p.split(": ", 1)[0] for p in problems_of(path)] == [
        "log.yaml:1:1",
        "log.yaml:16:39",
        "log.yaml:16:42",
    ]


def test_escaped_control_characters_stay_allowed(write_log):
    path = write_log(
        (HEADER + GOOD_EVENT).replace("title: France announces it will join", 'title: "a\\x01b\\u2028"')
    )
    assert problems_of(path) == []


def test_control_characters_are_counted_past_the_limit(write_log):
    path = write_log(HEADER + GOOD_EVENT)
    path.write_bytes(path.read_bytes() + b"# " + b"\x01" * 5000 + b"\n")
    result = run("check", "--data", str(path))
    lines = result.stdout.splitlines()
    assert lines[0] == f"{path}:20:3: control character U+0001 in the log; YAML allows it only escaped " + (
        'in double quotes ("\\u0001")'
    )
    assert lines[999].startswith(f"{path}:20:1002: ") and lines[1000:] == ["... and 4,000 more problems"]
    assert result.stderr == f"{path}: 5000 problems (the first 1,000 are listed)\n"


def test_a_citation_marked_differs_must_say_how(write_log):

    marked = GOOD_EVENT + "        differs: true\n"
    path = write_log(HEADER + marked)
    result = run("check", "--data", str(path))
    assert result.exit_code == 1
    assert f"{path}:20:9: event 'france-joins' citation #1 differs: say how in its 'note'" in result.stdout
    path = write_log(HEADER + marked + "        note: Says Tuesday, not Monday.\n")
    page = run_json("country", "France", "--as-of", "2025-12-01", "--data", str(path))
    assert page["disagreements"][0]["says"] == "Says Tuesday, not Monday."
