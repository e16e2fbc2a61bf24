"""The JSON records of each answer on the shipped log (docs/contract.md, "JSON output"): the fields
scripts read, computed by the queries and named by the records, as `--json` prints them."""

from __future__ import annotations

from datetime import date

import builder as build
import pytest

from tracker.errors import UsageError
from tracker.queries import Candidates, Show, Signatories, Sources, Timeline


def ask(query, log):
    return build.records(query.run(log))


def test_timeline_json_fields(shipped_log):
    rows = ask(Timeline(as_of=date.today()), shipped_log)
    assert len(rows) == len({r["id"] for r in rows}) >= 30
    signing = next(r for r in rows if r["id"] == "uae-bahrain-signing")
    assert signing["date"] == "2020-09-15" and signing["precision"] == "day"
    assert signing["kind"] == "signing" and signing["status"] == "occurred"
    assert signing["countries"] == ["AE", "BH", "IL", "US"] and signing["subjects"] == ["AE", "BH"]
    assert signing["sources"][:2] == ["seed-001", "haaretz-uae-bahrain-signing"]
    quoted = signing["citations"][0]
    assert quoted["source"] == "seed-001" and "Sept. 15, 2020" in quoted["quote"]
    embassies = next(r for r in rows if r["id"] == "kz-il-embassies")
    assert (embassies["date"], embassies["precision"], embassies["approximate"]) == ("1992", "year", True)
    ceremony = next(r for r in rows if r["id"] == "kazakhstan-signing-ceremony")
    assert (ceremony["status"], ceremony["date"], ceremony["precision"]) == ("expected", None, None)
    visit = next(r for r in rows if r["id"] == "saudi-crown-prince-visit")
    assert (visit["status"], visit["date"]) == ("expected", "2025-11-18")


def test_signatories_json_on_2025_11_07(shipped_log):
    rows = ask(Signatories(date(2025, 11, 7)), shipped_log)
    members = [r for r in rows if r["role"] == "member"]
    assert [(r["ordinal"], r["code"], r["status"]) for r in members] == [
        (1, "AE", "signed"),
        (2, "BH", "signed"),
        (3, "SD", "signed"),
        (4, "MA", "signed"),
        (5, "KZ", "announced"),
    ]
    kz = members[-1]
    assert kz["country"] == "Kazakhstan" and kz["announced"] == "2025-11-06" and kz["signed"] is None
    assert "seed-002" in kz["sources"] and kz["as_of"] == "2025-11-07"
    others = {r["code"]: (r["role"], r["ordinal"]) for r in rows if r["role"] != "member"}
    assert others == {"IL": ("party", None), "US": ("broker", None)}
    assert members[0]["country"] == "United Arab Emirates"


@pytest.mark.parametrize(
    ("as_of", "expected"),
    [
        ("2020-09-14", {"AE": "announced", "BH": "announced"}),
        ("2020-09-15", {"AE": "signed", "BH": "signed"}),
        ("2025-11-05", {"AE": "signed", "BH": "signed", "SD": "signed", "MA": "signed"}),
        (
            "2025-11-07",  # as written by a user ("November 7, 2025"): tests/cli/test_cli.py
            {"AE": "signed", "BH": "signed", "SD": "signed", "MA": "signed", "KZ": "announced"},
        ),
    ],
)
def test_signatories_on_the_dates_that_matter(shipped_log, as_of, expected):
    rows = ask(Signatories(date.fromisoformat(as_of)), shipped_log)
    assert {r["code"]: r["status"] for r in rows if r["role"] == "member"} == expected


def test_candidates_json(shipped_log):
    rows = ask(Candidates(date(2025, 11, 7)), shipped_log)
    by_code = {r["code"]: r for r in rows}
    assert {"SA", "AZ", "UZ"} <= set(by_code) and "KZ" not in by_code
    saudi = by_code["SA"]
    assert saudi["country"] == "Saudi Arabia"
    assert saudi["first_mentioned"] == "2025-10" and saudi["last_mentioned"] == "2025-11-06"
    assert saudi["mentions"] == len(saudi["sources"]) == 6
    assert saudi["sources"] == [
        "seed-000",
        "seed-002",
        "seed-004",
        "hurriyet-witkoff-new-country",
        "seed-003",
        "cupure-axios-scoop-kz",
    ]
    # UNN's report cites the officials' hope but names no talks with Saudi Arabia (names: []).
    assert saudi["implied_by"] == 1 and saudi["implied_sources"] == ["unn-trump-confirms-kz"]
    assert saudi["conditions"] == [
        "Saudi Arabia's foreign minister tells CNN there will be no normalisation without a credible, "
        "irreversible path to a Palestinian state",
        "Saudi Arabia's foreign ministry tells the US there will be no diplomatic relations with Israel "
        "without a Palestinian state on the 1967 borders",
        "Opening the Shura Council, the crown prince says Saudi Arabia will not establish relations with "
        "Israel without a Palestinian state",
        "Saudi Arabia holds that it will not act unless there is at least a path towards a Palestinian state",
    ]
    assert saudi["latest_evidence"]["id"] == "us-officials-hope-saudi-talks"  # the last day it was named
    assert saudi["expected"] == [
        {
            "id": "saudi-crown-prince-visit",
            "date": "2025-11-18",
            "title": "Saudi Crown Prince Mohammed bin Salman to visit the White House",
            "expectation": "pending",
        }
    ]
    earlier = {r["code"] for r in ask(Candidates(date(2025, 11, 5)), shipped_log)}
    assert "KZ" in earlier


def test_sources_json_names_outlets_only_where_known(shipped_log):
    rows = {r["id"]: r for r in ask(Sources(), shipped_log)}
    assert rows["seed-001"]["outlet"] == "Ynet" and rows["seed-004"]["outlet"] == "The National"
    assert rows["seed-000"]["outlet"] == "Firstpost" and rows["seed-002"]["outlet"] is None
    assert rows["seed-002"]["title_basis"] == "supplied" and rows["seed-002"]["url"] is None
    assert rows["tass-kz"]["retrieved"] == "2026-12-06" and rows["tass-kz"]["snapshot"] is True
    assert rows["seed-000"]["published_basis"] == "inferred" and rows["seed-000"]["published_clue"]
    assert rows["seed-003"]["published"] == "2025-11-06" and rows["seed-003"]["published_basis"] == "stated"
    assert all(r["cited_by"] for r in rows.values())


def test_show_json_includes_the_cited_sources(shipped_log):
    event = ask(Show("kazakhstan-mfa-confirmation"), shipped_log)
    assert (event["id"], event["date"], event["kind"]) == (
        "kazakhstan-mfa-confirmation",
        "2025-11-07",
        "confirmation",
    )
    details = {s["id"]: s for s in event["source_details"]}
    assert (
        details["anews-kz"]["url"].startswith("https://www.anews.com.tr/")
        and details["anews-kz"]["published"] == "2025-11-07"
    )


def test_show_unknown_event_suggests_close_ids(shipped_log):
    with pytest.raises(UsageError) as raised:
        Show("morocco-signin").run(shipped_log)
    assert str(raised.value) == "no event 'morocco-signin'; did you mean morocco-signing?"
