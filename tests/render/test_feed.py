"""What's new, as a list and as a feed (issue 22, part 2): every new event in a window, an Atom
feed a reader accepts with stable entry ids, and undated expectations only from their first report."""

from __future__ import annotations

import json

import feedparser
from conftest import run


def _json(*args: str):
    result = run(*args, "--json")
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def test_changes_lists_every_new_event_status_changing_or_not():
    rows = _json("changes", "--since", "2025-12", "--until", "2026-01-31")
    events = {r["event"]: r for r in rows if r["change"] == "event"}
    assert events["tokayev-ashgabat-on-accords"]["to"] == "statement"
    assert events["saar-visits-hargeisa"] == {
        "change": "event",
        "code": None,
        "country": None,
        "from": None,
        "to": "meeting",
        "date": "2026-01-06",
        "event": "saar-visits-hargeisa",
        "title": events["saar-visits-hargeisa"]["title"],
        "sources": ["horndiplomat-saar-visit-hargeisa"],
        "by": None,
        "part": None,
        "since": "2025-12-01",
        "until": "2026-01-31",
        "reviewed": "2026-06-26",
    }
    # An event shown for the status it moved is not shown again as "an event".
    assert "somaliland-vows-to-join" not in events
    assert {"status"} == {r["change"] for r in rows if r["event"] == "somaliland-vows-to-join"}
    # Expected events are expectations, never "events": they have not happened.
    assert "somaliland-accession-expected" not in events
    table = " ".join(run("changes", "--since", "2025-12", "--until", "2026-01-31").stdout.split())
    assert "other events (statements, meetings, reports)" in table
    row = run("changes", "--since", "2026-01-06", "--until", "2026-01-06").stdout.splitlines()
    assert [line.split()[:3] for line in row if line.startswith("2026-01-06")] == [
        ["2026-01-06", "IL", "somaliland"]
    ]
    assert any(line.split()[:1] == ["meeting"] for line in row)


def test_an_undated_expectation_is_in_a_window_only_from_its_first_report():
    undated = lambda since: [r["id"] for r in _json("timeline", "--since", since) if r["date"] is None]  # noqa: E731
    assert undated("2025-11") == ["kazakhstan-signing-ceremony", "somaliland-accession-expected"]
    assert undated("2025-12") == ["somaliland-accession-expected"]  # the ceremony: reported 2025-11-06
    assert undated("2026-02") == []  # Kan's report was of 1 January 2026


def _feed(*args: str):
    result = run("changes", *args, "-o", "atom")
    assert result.exit_code == 0, result.stderr
    parsed = feedparser.parse(result.stdout.encode("utf-8"))
    assert not parsed.bozo, parsed.get("bozo_exception")
    return parsed, result.stdout


def test_the_feed_is_valid_atom_with_an_entry_per_change_and_links_to_sources():
    parsed, text = _feed("--since", "2025-12", "--until", "2026-01-31")
    assert parsed.version == "atom10"
    rows = _json("changes", "--since", "2025-12", "--until", "2026-01-31")
    assert len(parsed.entries) == len(rows)
    assert "reviewed through 2026-06-26" in parsed.feed.subtitle
    by_title = {e.title: e for e in parsed.entries}
    visit = by_title[
        "Meeting: Israel's foreign minister Gideon Sa'ar makes what he calls the first official "
        "diplomatic visit to Somaliland, meeting its president in Hargeisa"
    ]
    assert visit.updated == "2026-01-06T00:00:00Z"
    assert (
        visit.link
        == "https://www.horndiplomat.com/somaliland-israel-open-new-diplomatic-chapter-with-historic-visit/"
    )
    assert "Date: 2026-01-06 (known to the day)." in visit.summary
    vow = next(e for e in parsed.entries if e.title.startswith("Somaliland (somaliland): none → candidate."))
    assert [t.term for t in vow.tags] == ["status"]
    assert {link.rel for link in vow.links} == {"alternate", "related"}  # one alternate, the rest related
    davos = next(e for e in parsed.entries if "Davos" in e.title)
    assert "[Herzog meets Somaliland's president in Davos]" in davos.summary  # a supplied title, marked
    assert [e.updated for e in parsed.entries] == sorted((e.updated for e in parsed.entries), reverse=True)
    assert text.startswith(
        '<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom">'
    )


def test_entry_ids_are_stable_across_windows_and_runs():
    narrow, first = _feed("--since", "2026-01", "--until", "2026-01-31")
    wide, _ = _feed("--since", "2025-06", "--until", "2026-03-31")
    _, second = _feed("--since", "2026-01", "--until", "2026-01-31")
    assert first == second  # no clock in it: the same log gives the same bytes
    ids = {e.title: e.id for e in wide.entries}
    assert all(ids[e.title] == e.id for e in narrow.entries)
    assert len({e.id for e in wide.entries}) == len(wide.entries)
    assert all(e.id.startswith("urn:uuid:") for e in wide.entries)


def test_only_changes_print_a_feed():
    result = run("signatories", "-o", "atom")
    assert result.exit_code == 2
    assert "'signatories' prints no atom; choose one of: table, json, jsonl, csv, markdown" in " ".join(
        result.stderr.split()
    )


def test_export_atom_writes_the_feed_of_the_whole_log_or_from_a_day(tmp_path):
    whole = tmp_path / "accords.atom"
    result = run("export", "atom", str(whole))
    assert result.exit_code == 0, result.stderr
    parsed = feedparser.parse(whole.read_bytes())
    assert not parsed.bozo and len(parsed.entries) > 50
    assert f"tracker: wrote {whole} (" in result.stderr and "entries, 1992-01-01 to " in result.stderr
    recent = run("export", "atom", "-", "--since", "2025-12", "--as-of", "2026-01-31")
    same, _ = _feed("--since", "2025-12", "--until", "2026-01-31")
    assert feedparser.parse(recent.stdout.encode("utf-8")).entries == same.entries
