"""A reporter's questions on the shipped log: a country's page (lifecycle, candidacy, expectations,
where sources differ) and the changes in a window, as the Country and Changes queries answer them.

Citations are in tests/render/test_citations.py, country names in tests/model/test_countries.py,
article paths from the working folder in tests/cli/test_paths.py.
"""

from __future__ import annotations

from datetime import date

import builder as build

from tracker.queries import Changes, Country


def day(text: str) -> date:
    return date.fromisoformat(text)


def country(shipped_log, name: str, as_of: str, known_by: str | None = None):
    return build.records(Country(name, day(as_of), day(known_by) if known_by else None).run(shipped_log))


def changes(shipped_log, since: str, until: str):
    return build.records(Changes(day(since), day(until)).run(shipped_log))


# -- country -------------------------------------------------------------------


def test_country_gives_kazakhstans_lifecycle_from_candidate_to_announced(shipped_log):
    page = country(shipped_log, "Kazakhstan", "2025-11-10")
    assert (page["code"], page["country"], page["role"], page["status"]) == (
        "KZ",
        "Kazakhstan",
        "member",
        "announced",
    )
    assert page["as_of"] == "2025-11-10"
    assert [(s["from"], s["status"], s["date"], s["event"]) for s in page["lifecycle"]] == [
        (None, "candidate", "2025-08", "reuters-azerbaijan-central-asia"),
        ("candidate", "announced", "2025-11-06", "kazakhstan-announcement"),
    ]
    assert page["lifecycle"][1]["sources"] == ["seed-002", "anews-kz", "tass-kz", "aa-kz"]
    assert page["candidacy"]["named_by"] == ["seed-001"]
    assert page["candidacy"]["implied_by"] == [
        "commonspace-az",
        "ocmedia-az",
        "pakistantoday-az-central-asia",
    ]
    states = {e["event"]: e["expectation"] for e in page["expectations"]}
    assert states == {
        "kazakhstan-signing-at-summit-expected": "overdue",
        "kazakhstan-announcement-expected": "fulfilled",
        "kazakhstan-signing-ceremony": "pending",
    }
    assert [r["event"] for r in page["relations"]] == [
        "kz-il-consular-ties",
        "kz-il-embassies",
        "netanyahu-visits-kazakhstan",
    ]
    assert "kazakhstan-mfa-confirmation" in [e["id"] for e in page["events"]]
    # seed-003's expectation that Tokayev would announce it is the expectation itself, not a
    # disagreement; the sources differ on when Kazakhstan's embassy in Israel opened.
    disagreements = {(d["event"], d["source"]): d for d in page["disagreements"]}
    assert set(disagreements) == {
        ("kz-il-embassies", "wiki-israel-kazakhstan"),
        ("kz-il-embassies", "kazemb-israel-archive"),
    }
    wiki = disagreements["kz-il-embassies", "wiki-israel-kazakhstan"]
    assert "Puts Kazakhstan's embassy in Israel in May 1996" in wiki["says"]
    assert wiki["quote"].endswith("The embassy of Kazakhstan in Israel opened in May 1996.")
    assert wiki["event_date"] == "1992" and "wiki-israel-kazakhstan" not in wiki["event_sources"]


def test_country_known_by_a_day_before_the_announcement_sees_a_candidate(shipped_log):
    page = country(shipped_log, "KZ", "2025-11-10", "2025-10-31")
    assert page["status"] == "candidate" and page["role"] is None
    assert [s["status"] for s in page["lifecycle"]] == ["candidate"]
    assert page["expectations"] == []  # nothing about the announcement had been published


def test_country_gives_moroccos_disagreements_each_with_its_source(shipped_log):
    page = country(shipped_log, "morocco", "2025-11-10")
    assert [s["status"] for s in page["lifecycle"]] == ["announced", "signed"]
    found = {(d["event"], d["source"]): d for d in page["disagreements"]}
    assert set(found) == {
        ("morocco-signing", "notizie-morocco"),
        ("morocco-signing", "seed-000"),
        ("morocco-signing", "seed-002"),
    }
    later = found["morocco-signing", "seed-000"]
    assert later["says"] == "gives the date as 2020 (vague wording)"
    assert later["quote"] == "Morocco established ties with Israel later the same year."
    assert later["event_date"] == "2020-12-22" and "seed-000" not in later["event_sources"]
    assert "resuming ties frozen in 2002" in found["morocco-signing", "notizie-morocco"]["says"]


def test_country_page_table_names_its_sections(shipped_log):
    out = build.rendered(Country("MA", day("2025-11-10")).run(shipped_log), "table", width=80)
    assert out.startswith("Morocco (MA): member, signed, ratification not known as of 2025-11-10\n")
    for heading in ("Lifecycle", "Where sources differ", "Events involving Morocco (4)"):
        assert heading in out
    assert max(len(line) for line in out.splitlines()) <= 80


def test_country_the_party_and_a_bystander(shipped_log):
    israel = country(shipped_log, "Israel", "2025-11-10")
    assert (israel["role"], israel["status"]) == ("party", "signed")
    assert [s["event"] for s in israel["lifecycle"]] == ["uae-announcement", "uae-bahrain-signing"]
    armenia = country(shipped_log, "Armenia", "2025-11-10")
    assert (armenia["role"], armenia["status"], armenia["lifecycle"]) == (None, None, [])
    assert [e["id"] for e in armenia["events"]] == [
        "armenia-azerbaijan-washington-declaration",  # 2025-08-08, before the month-long 2025-08
        "azerbaijan-armenia-precondition",
    ]


# -- changes -------------------------------------------------------------------


def test_changes_between_1_and_10_november_2025(shipped_log):
    rows = changes(shipped_log, "2025-11-01", "2025-11-10")
    status = [r for r in rows if r["change"] == "status"]
    assert [(r["code"], r["from"], r["to"], r["date"], r["event"]) for r in status] == [
        ("KZ", "candidate", "announced", "2025-11-06", "kazakhstan-announcement")
    ]
    assert status[0]["sources"] == ["seed-002", "anews-kz", "tass-kz", "aa-kz"]
    conditions = [(r["code"], r["date"], r["event"]) for r in rows if r["change"] == "condition"]
    assert conditions == [
        ("SA", "2025-11-06", "saudi-arabia-palestinian-statehood-condition"),
        ("SA", "2025-11-09", "saudi-roadmap-before-visit"),
        ("SY", "2025-11-10", "sharaa-no-direct-accords-talks"),
    ]
    expected = {(r["event"], r["from"], r["to"], r["by"]) for r in rows if r["change"] == "expectation"}
    assert expected == {  # each step of each expectation's history in the window
        ("kazakhstan-announcement-expected", None, "pending", None),
        ("kazakhstan-announcement-expected", "pending", "fulfilled", "kazakhstan-announcement"),
        ("kazakhstan-signing-at-summit-expected", None, "pending", None),
        ("kazakhstan-signing-at-summit-expected", "pending", "overdue", None),
        ("saudi-crown-prince-visit", None, "pending", None),
        ("kazakhstan-signing-ceremony", None, "pending", None),
        ("sudan-legislature-approval-expected", "pending", "stalled", "sudan-formalisation-derailed"),
    }
    table = build.rendered(Changes(day("2025-11-01"), day("2025-11-10")).run(shipped_log), "table", width=200)
    assert table.startswith(
        "+3 condition: Saudi Arabia (2025-11-06), Saudi Arabia (2025-11-09), Syria (2025-11-10); "
        "+1 announced: Kazakhstan (2025-11-06); "
        "expectations: 4 newly reported, 1 came due (overdue), 1 fulfilled"
    )


def test_changes_in_september_2020_have_the_uae_signing(shipped_log):
    rows = changes(shipped_log, "2020-09-01", "2020-09-30")
    assert [(r["code"], r["from"], r["to"], r["date"], r["event"]) for r in rows] == [
        ("BH", None, "announced", "2020-09-11", "bahrain-announcement"),
        ("AE", "announced", "signed", "2020-09-15", "uae-bahrain-signing"),
        ("BH", "announced", "signed", "2020-09-15", "uae-bahrain-signing"),
    ]
    assert {r["since"] for r in rows} == {"2020-09-01"} and {r["until"] for r in rows} == {"2020-09-30"}


def test_changes_counts_a_partial_date_only_in_a_window_holding_its_last_day(shipped_log):
    """A month-long date (2025-08: the Reuters report, Azerbaijan's precondition) is over only on its
    last day; a month-long window sees the new candidates and conditions."""
    early = changes(shipped_log, "2025-08-01", "2025-08-30")
    assert [r for r in early if r["change"] != "event"] == []  # 2025-08 is over only on the 31st
    august = changes(shipped_log, "2025-08-01", "2025-08-31")
    assert ("AZ", "condition") in {(r["code"], r["to"]) for r in august}
    assert {r["code"] for r in august if r["to"] == "candidate"} == {"AZ", "KG", "KZ", "TJ", "TM", "UZ"}


# -- cite ----------------------------------------------------------------------


# -- article paths from the working folder -------------------------------------


# -- country names -------------------------------------------------------------
