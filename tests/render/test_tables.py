"""Tables at 80 columns: words wrap at spaces only, ids, codes and URLs are whole, nothing overflows."""

from __future__ import annotations

import json

import pytest
from conftest import GOOD_EVENT, HEADER, SHIPPED, run

WIDTH = 80
COMMANDS = [
    ["timeline"],
    ["timeline", "--as-of", "2025-11-07"],
    ["signatories", "--as-of", "2025-11-07"],
    ["candidates", "--as-of", "2025-11-07"],
    ["due", "--as-of", "2025-11-19"],
    ["sources"],
    ["info"],
    ["show", "saudi-arabia-palestinian-statehood-condition"],
    ["show", "uae-announcement"],
    ["country", "Morocco", "--as-of", "2025-11-07"],
    ["country", "Saudi Arabia", "--as-of", "2025-11-07"],
    ["changes", "--since", "2025-11-01", "--until", "2025-11-10"],
]


def table(*args: str, width: int = WIDTH) -> str:
    result = run(*args, env={"COLUMNS": str(width), "NO_COLOR": "1"})
    assert result.exit_code == 0, result.stderr
    return result.stdout


def records(*args: str) -> list[dict]:
    result = run(*args, "--json")
    assert result.exit_code == 0, result.stderr
    loaded = json.loads(result.stdout)
    return loaded if isinstance(loaded, list) else [loaded]


def whole(line: str, width: int = WIDTH) -> bool:
    """A line that ends in one URL or path, printed whole however wide it is, after a label that fits."""
    *label, token = line.split(" ")
    is_link = token.startswith(("https://", "http://")) or "/" in token
    return is_link and len(" ".join(label)) <= width


def words(out: str) -> set[str]:
    return set(out.split())


@pytest.mark.parametrize("width", [80, 100, 160])
@pytest.mark.parametrize("args", COMMANDS, ids=[" ".join(a) for a in COMMANDS])
def test_no_line_is_wider_than_the_terminal_nor_ends_in_a_space(args, width):
    out = table(*args, width=width)
    for line in out.splitlines():
        assert not line.endswith(" "), repr(line)
        assert len(line) <= width or whole(line, width), line


@pytest.mark.parametrize("width", [80, 100])
def test_timeline_breaks_no_word_of_a_title_and_shows_every_id_whole(width):
    out = words(table("timeline", width=width))
    for event in records("timeline"):
        assert event["id"] in out
        for word in event["title"].split():
            assert word in out, (word, event["title"])
        for code in event["countries"]:
            assert code in out


@pytest.mark.parametrize("as_of", ["2025-11-07", "2026-06-26"])
def test_candidates_break_no_word_of_a_name_a_condition_or_a_title(as_of):
    """A row shows the latest condition whole, and how many earlier ones `tracker country` lists."""
    out = words(table("candidates", "--as-of", as_of))
    earlier = 0
    for row in records("candidates", "--as-of", as_of):
        shown = row["conditions"][-1:]
        text = " ".join([row["country"], f"({row['code']})", *shown, row["latest_evidence"]["title"]])
        if len(row["conditions"]) > 1:
            earlier += 1
            text += f" +{len(row['conditions']) - 1} earlier (tracker country {row['code']})"
            page = words(table("country", row["code"], "--as-of", as_of))
            for condition in row["conditions"]:
                for word in condition.split():
                    assert word in page, (row["code"], word)
        for word in text.split():
            assert word in out, word
    assert earlier  # Saudi Arabia's conditions go back to 2024


HEADINGS = {
    "Lifecycle": "lifecycle",
    "Candidacy evidence": None,
    "Conditions": "conditions",
    "Expectations": "expectations",
    "Relations with Israel": "relations",
    "Events involving": "events",
    "Where sources differ": None,
}


def sections(out: str) -> dict[str, set[str]]:
    """A country page's words by the section they are printed in, keyed as in its JSON."""
    found: dict[str, list[str]] = {}
    key = None
    for line in out.splitlines():
        heading = next((h for h in HEADINGS if line.startswith(h)), None)
        if heading is not None:
            key = HEADINGS[heading]
        elif key is not None:
            found.setdefault(key, []).append(line)
    # An id may be followed by the comma of a list: "sources: seed-000, seed-002".
    return {k: {w.rstrip(",;.") for w in words("\n".join(lines))} for k, lines in found.items()}


@pytest.mark.parametrize("width", [80, 100])
@pytest.mark.parametrize(
    "args", [["Saudi Arabia", "--as-of", "2025-11-07"], ["KZ"], ["PK"]], ids=["SA-2025-11-07", "KZ", "PK"]
)
def test_a_country_page_shows_every_event_and_source_id_whole(args, width):
    """Each table of the page has the ids of its own rows whole: another table's copy does not count."""
    printed = sections(table("country", *args, width=width))
    page = records("country", *args)[0]
    for row in page["events"]:  # under each title, its id; sources counted
        assert row["event"] in printed["events"], row["event"]
    for section in ("lifecycle", "conditions", "expectations", "relations"):  # sources listed
        for row in page[section]:
            assert row["event"] in printed[section], (section, row["event"])
            for source in row["sources"]:
                assert source in printed[section], (section, source)


def test_what_resolved_an_expectation_is_on_a_line_of_its_own():
    out = table("country", "KZ")
    resolved = [r for r in records("country", "KZ")[0]["expectations"] if r["resolved_by"]]
    assert resolved
    lines = [line.strip() for line in out.splitlines()]
    for row in resolved:  # the last step of its history: "2025-11-06 fulfilled by ID", the id whole
        said = f"{row['history'][-1]['date']} {row['expectation']} by"
        assert any(line.startswith(said) for line in lines), said
        assert any(line.endswith(row["resolved_by"]) for line in lines), row["resolved_by"]


def test_signatories_fit_in_30_lines_with_every_name_whole():
    out = table("signatories", "--as-of", "2025-11-07")
    assert len(out.splitlines()) <= 30
    for row in records("signatories", "--as-of", "2025-11-07"):
        for word in row["country"].split():
            assert word in words(out)
        assert f"({row['code']})" in out


def test_sources_print_every_url_whole_on_its_own_line():
    lines = [line.strip() for line in table("sources").splitlines()]
    for source in records("sources"):
        assert source["id"] in words("\n".join(lines))
        if source["url"]:
            assert source["url"] in lines


def test_show_prints_the_article_or_url_of_every_citation_whole():
    out = table("show", "uae-announcement")
    detail = records("show", "uae-announcement")[0]
    lines = [line.strip() for line in out.splitlines()]
    for source in detail["source_details"]:
        if source["url"]:
            assert source["url"] in lines


def test_a_word_longer_than_its_share_is_kept_whole_and_the_id_too(write_log):
    long_id = "an-id-that-is-long-enough-to-need-its-own-room-in-the-table"
    event = f"""\
  - id: {long_id}
    date: 2025-11-03
    kind: announcement
    countries: [FR, IL, US]
    subjects: [FR]
    title: Supercalifragilisticexpialidociously-long-word announcement by France
    cite:
      - source: art
        quote: France said on Monday it would join the accords.
"""
    out = table("timeline", "--data", str(write_log(HEADER + event)))
    assert long_id in words(out)
    assert "Supercalifragilisticexpialidociously-long-word" in words(out)


def test_counts_agree_with_their_nouns(write_log):
    out = " ".join(table("timeline", "--data", str(write_log(HEADER + GOOD_EVENT))).split())
    assert "1 event." in out and "1 events" not in out


def test_the_legend_does_not_promise_italics():
    out = table("timeline")
    assert "italic" not in out
    assert "marked 'expected'" in " ".join(out.split())


def test_a_table_on_a_terminal_says_the_notice_once():
    """In a pipe the notice goes to stderr as well, since the table may be in a file."""
    result = run("signatories", env={"COLUMNS": "80"})
    notice = "The log records sources up to 2026-06-26"
    assert notice in " ".join(result.stdout.split()) and notice in result.stderr


# -- completion --------------------------------------------------------------------


# -- help and usage ------------------------------------------------------------------


# -- pager ---------------------------------------------------------------------------


def test_a_narrow_terminal_folds_the_countries_into_the_event_rather_than_widen_the_table():
    """At 80 columns the shipped timeline's longest id and 'somaliland' leave no room for a
    Countries column: its codes become the first line of each event, and no line is wider."""
    narrow = table("timeline", width=80)
    assert narrow.splitlines()[2].split() == ["Date", "Kind", "Event"]
    lines = narrow.splitlines()
    at = next(i for i, line in enumerate(lines) if line.startswith("2025-12-26") and "relations" in line)
    assert lines[at].split()[2:] == ["IL", "somaliland"] and "Israel recognises Somaliland" in lines[at + 1]
    assert all(len(line) <= 80 for line in lines)
    wide = table("timeline", width=160)
    assert wide.splitlines()[2].split() == ["Date", "Kind", "Countries", "Event"]


@pytest.mark.parametrize(
    "args",
    [
        ["country", "KZ", "--as-of", "2025-11-10"],
        ["country", "Morocco", "--as-of", "2025-11-10"],
        ["country", "Saudi Arabia", "--as-of", "2025-11-30"],
        ["changes", "--since", "2025-08", "--until", "2025-11-30"],
    ],
)
def test_country_and_changes_fit_80_columns_without_cutting_ids(args):
    out = run(*args, "--data", str(SHIPPED), env={"COLUMNS": "80"}).stdout
    assert "…" not in out
    assert max(len(line) for line in out.splitlines()) <= 80
    for event_id in {line.strip().rstrip(",") for line in out.splitlines() if line.strip().count("-") >= 2}:
        assert " " in event_id or event_id in SHIPPED.read_text(encoding="utf-8")
