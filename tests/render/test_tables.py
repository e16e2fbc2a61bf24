"""Tables at 80 columns: words wrap at spaces only, ids, codes and URLs are whole, nothing overflows."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from conftest import GOOD_EVENT, HEADER, REPO, SHIPPED, run

from tracker.app import answer

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
    for row in resolved:
        said = f"{row['expectation']} by {row['resolved_by']}"  # short enough for the Event column
        assert said in lines, said


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


def complete(words: str, env: dict[str, str] | None = None) -> list[str]:
    """What bash completion offers for the last word of `words`, from a real run of the program."""
    result = subprocess.run(
        [sys.executable, "-m", "tracker"],
        env={
            **os.environ,
            "PYTHONPATH": str(REPO),
            "_TRACKER_COMPLETE": "complete_bash",
            "COMP_WORDS": words,
            "COMP_CWORD": str(len(words.split()) - (0 if words.endswith(" ") else 1)),
            **(env or {}),
        },
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0 and result.stderr == "", result.stderr
    return result.stdout.split()


def test_completion_offers_the_event_ids_that_start_with_what_was_typed():
    offered = complete("tracker show kazakhstan-s")
    assert sorted(offered) == ["kazakhstan-signing-at-summit-expected", "kazakhstan-signing-ceremony"]


def test_completion_offers_commands_kinds_and_countries():
    assert complete("tracker si") == ["signatories"]
    assert complete("tracker timeline --kind si") == ["signing"]
    assert set(complete("tracker timeline --country K")) == {"KG", "KZ"}
    assert "--known-by" in complete("tracker timeline --kn")


def test_completion_of_a_bad_log_offers_nothing_and_says_nothing(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_bytes(b"\xff\xfe events: [\n - id: [")
    assert complete("tracker show k", env={"TRACKER_DATA": str(bad)}) == []
    assert complete("tracker show k", env={"TRACKER_DATA": str(tmp_path / "none.yaml")}) == []


# -- help and usage ------------------------------------------------------------------


def _commands() -> list[str]:
    from typer.main import get_command

    from tracker.cli import app

    return list(get_command(app).commands)  # type: ignore[attr-defined]


HELP = _commands()  # every command, those added later included


@pytest.mark.parametrize("command", HELP)
def test_every_help_page_has_examples_and_takes_h(command):
    out = run(command, "-h", env={"COLUMNS": "80"}).stdout
    assert out == run(command, "--help", env={"COLUMNS": "80"}).stdout
    assert "Examples:\n" in out
    examples = out.split("Examples:\n", 1)[1].split("\n\n", 1)[0].splitlines()
    assert examples and all(line.startswith("    tracker ") for line in examples)


def test_every_summary_fits_one_line_in_help():
    out = run("--help", env={"COLUMNS": "80"}).stdout
    listed = out.split("Commands:\n", 1)[1].splitlines()
    assert [line.split()[0] for line in listed] == HELP
    assert {"timeline", "signatories", "candidates", "show", "sources", "check"} <= set(HELP)
    assert not any(line.rstrip().endswith("...") for line in listed)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["timeline", "--kind", "Sig"], "unknown kind 'Sig'; choose one of: candidacy, announcement,"),
        (["timeline", "--as-of", "someday"], "cannot read 'someday' as a date"),
    ],
)
def test_usage_errors_are_in_our_words(args, message):
    result = run(*args)
    assert result.exit_code == 2 and message in result.stderr
    for foreign in ("pydantic", "Input should be", "is not one of", "Value error"):
        assert foreign not in result.stderr


def test_kinds_are_read_in_any_case_and_today_is_a_date():
    assert records("timeline", "--kind", "Signing") == records("timeline", "--kind", "signing") != []
    assert records("signatories", "--as-of", "today") == records("signatories")
    assert run("signatories", "--as-of", "yesterday").exit_code == 0


# -- pager ---------------------------------------------------------------------------


def test_the_pager_gets_an_answer_taller_than_the_terminal(tmp_path, capsysbinary):
    paged = tmp_path / "paged"
    pager = answer.Pager(
        f"{sys.executable} -c 'import sys; open(sys.argv[1], \"wb\").write(sys.stdin.buffer.read())' {paged}",
        3,
    )
    for piece in (b"one\n", b"two\n", b"three\n", b"four\n"):
        pager.write(piece)
    pager.close()
    assert paged.read_bytes() == b"one\ntwo\nthree\nfour\n"
    assert capsysbinary.readouterr().out == b""


def test_an_answer_that_fits_or_a_pager_that_cannot_start_is_written_directly(capsysbinary):
    for pager in (answer.Pager("less", 100), answer.Pager("/no/such/pager -x", 1)):
        pager.write(b"one\n")
        pager.write(b"two\n")
        pager.close()
        assert capsysbinary.readouterr().out == b"one\ntwo\n"


def test_no_pager_into_a_pipe_or_when_pager_is_empty(monkeypatch):
    assert answer.pager() is None  # the test's stdout is not a terminal
    monkeypatch.setenv("PAGER", "")
    assert answer.pager_command() is None
    monkeypatch.setenv("PAGER", "most")
    assert answer.pager_command() == "most"
    monkeypatch.setenv("TRACKER_PAGER", "cat")
    assert answer.pager_command() is None


def test_the_pager_changes_where_the_bytes_go_not_the_bytes(tmp_path, monkeypatch):
    paged = tmp_path / "paged"
    copy = (
        f"{sys.executable} -c 'import sys; open(sys.argv[1], \"wb\").write(sys.stdin.buffer.read())' {paged}"
    )
    monkeypatch.setattr(answer, "pager", lambda: answer.Pager(copy, 1))
    first = run("timeline", env={"COLUMNS": "80", "TRACKER_CACHE_DEBUG": "1"})
    assert first.stdout == "" and "cache: stored" in first.stderr
    monkeypatch.setattr(answer, "pager", lambda: None)
    second = run("timeline", env={"COLUMNS": "80", "TRACKER_CACHE_DEBUG": "1"})
    assert "cache: hit" in second.stderr
    assert paged.read_bytes().decode("utf-8") == second.stdout != ""


def test_a_table_on_a_terminal_leaves_the_notice_to_its_caption(capsys):
    from rich.console import Console

    from tracker.render import Format, Target

    answer.tell(["a notice"], Target(Format.TABLE, Console(force_terminal=True)))
    answer.tell(["a notice"], Target(Format.TABLE, Console(force_terminal=False)))
    answer.tell(["a notice"], Target(Format.JSON))
    assert capsys.readouterr().err == "tracker: a notice\n" * 2


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
    for event_id in {line.strip() for line in out.splitlines() if line.strip().count("-") >= 2}:
        assert " " in event_id or event_id in SHIPPED.read_text(encoding="utf-8")
