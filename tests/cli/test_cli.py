"""The `tracker` command end to end: JSON contract, tables, options, exit codes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from typing import IO

import pytest
from conftest import GOOD_EVENT, HEADER, REPO, SHIPPED, open_log, run, run_json

import tracker

# -- JSON contract --------------------------------------------------------------


def test_timeline_json_fields():
    rows = run_json("timeline")
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


def test_timeline_json_is_in_date_order_and_filters():
    rows = run_json("timeline", "--since", "2025-11-06", "--until", "7 Nov 2025", "--country", "Kazakhstan")
    assert rows and all("KZ" in r["countries"] for r in rows)
    assert {r["date"] for r in rows} <= {"2025-11-06", "2025-11-07", "2025-11"}  # a month overlaps its days
    ends = [r["end"] for r in rows]
    assert ends == sorted(ends) and len({r["id"] for r in rows}) == len(rows)  # each once, by period's end
    days = [r["id"] for r in rows if r["date"] == "2025-11-07"]
    assert days == ["kazakhstan-mfa-confirmation"] and rows[-1]["date"] == "2025-11"  # a month after its days
    kinds = run_json("timeline", "--kind", "signing", "--kind", "announcement", "--country", "ma")
    assert [r["id"] for r in kinds] == ["morocco-announcement", "morocco-signing"]


def test_signatories_json_on_2025_11_07():
    rows = run_json("signatories", "--as-of", "2025-11-07")
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
            "November 7, 2025",
            {"AE": "signed", "BH": "signed", "SD": "signed", "MA": "signed", "KZ": "announced"},
        ),
    ],
)
def test_signatories_on_the_dates_that_matter(as_of, expected):
    rows = run_json("signatories", "--as-of", as_of)
    assert {r["code"]: r["status"] for r in rows if r["role"] == "member"} == expected


def test_candidates_json():
    rows = run_json("candidates", "--as-of", "2025-11-07")
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
        "Saudi Arabia will not move without at least a pathway to Palestinian statehood",
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
    earlier = {r["code"] for r in run_json("candidates", "--as-of", "2025-11-05")}
    assert "KZ" in earlier


def test_sources_json_names_outlets_only_where_known():
    rows = {r["id"]: r for r in run_json("sources")}
    assert rows["seed-001"]["outlet"] == "Ynet" and rows["seed-004"]["outlet"] == "The National"
    assert rows["seed-000"]["outlet"] == "Firstpost" and rows["seed-002"]["outlet"] is None
    assert rows["seed-002"]["title_basis"] == "supplied" and rows["seed-002"]["url"] is None
    assert rows["tass-kz"]["retrieved"] == "2026-12-06" and rows["tass-kz"]["snapshot"] is True
    assert rows["seed-000"]["published_basis"] == "inferred" and rows["seed-000"]["published_clue"]
    assert rows["seed-003"]["published"] == "2025-11-06" and rows["seed-003"]["published_basis"] == "stated"
    assert all(r["cited_by"] for r in rows.values())


def test_json_is_pure_utf8_with_non_ascii_kept(write_log):
    event = """\
  - id: cote
    date: 2025-11-03
    kind: statement
    countries: [CI]
    title: Côte d’Ivoire — “quoted” [bold]text[/]
    cite: [{source: web, quote: France and Germany would join the accords soon}]
"""
    result = run("timeline", "--json", "--data", str(write_log(HEADER + event)))
    assert result.exit_code == 0
    assert "Côte d’Ivoire — “quoted” [bold]text[/]" in result.stdout  # not \\u-escaped
    assert "\x1b" not in result.stdout
    assert json.loads(result.stdout)[0]["title"] == "Côte d’Ivoire — “quoted” [bold]text[/]"
    assert result.stderr == ""


# -- terminal output ----------------------------------------------------------------


def test_signatories_table_has_title_rows_and_caption():
    result = run("signatories", "--as-of", "2025-11-07")
    assert result.exit_code == 0
    out = result.stdout
    assert "Abraham Accords signatories as of 2025-11-07" in out
    assert "5 members as of 2025-11-07: 4 signed, 1 announced only (awaiting signature)." in out
    assert "Kazakhstan (KZ)" in out and "pending" in out
    assert "\x1b[" not in out  # not a terminal: no colour codes


def test_timeline_table_marks_expected_events_in_words():
    out = run("timeline", "--since", "2025-11-18").stdout
    lines = [line.strip() for line in out.splitlines()]
    for date_cell in ("2025-11-18", "undated"):
        row = next(i for i, line in enumerate(lines) if line.startswith(date_cell))
        assert lines[row + 1].startswith("expected"), lines[row : row + 2]
    visit = next(i for i, line in enumerate(lines) if "saudi-crown-prince-visit ·" in line)
    assert lines[visit - 1].startswith("2025-11-18") and lines[visit + 1] == "fulfilled"  # the visit was held
    caption = " ".join(out.split())
    assert "25 events; 2 marked 'expected' are foreseen, not reported as done." in caption
    assert "overdue" not in caption
    # By what was known on the 18th, the visit had not been reported held: on the 19th it was overdue.
    early = run("timeline", "--since", "2025-11-18", "--as-of", "2025-11-19", "--known-by", "2025-11-18")
    lines = [line.strip() for line in early.stdout.splitlines()]
    visit = next(i for i, line in enumerate(lines) if "saudi-crown-prince-visit ·" in line)
    assert lines[visit].startswith("expected") and lines[visit + 1] == "overdue"
    caption = " ".join(early.stdout.split())
    assert (
        "2 events; 1 marked 'expected' are foreseen, not reported as done, 1 of them overdue on 2025-11-19."
        in caption
    )


def test_log_text_is_printed_literally_never_as_markup(write_log):
    event = """\
  - id: markup
    date: 2025-11-03
    kind: statement
    countries: [FR]
    title: "[bold]Not bold[/] and [/] and [link=x]y \\x1b[31mred"
    cite: [{source: web, quote: France and Germany would join the accords soon}]
"""
    result = run("timeline", "--data", str(write_log(HEADER + event)))
    assert result.exit_code == 0, result.stderr
    assert "[bold]Not bold[/] and [/] and [link=x]y" in result.stdout
    assert "\x1b" not in result.stdout and "\\x1b[31mred" in result.stdout


def test_log_text_in_captions_is_literal_too(write_log):
    path = write_log(
        'format: 1\ncorpus: "[/]x"\nsources:\n  - id: w\n    url: https://example.org\nevents: []\n'
    )
    result = run("sources", "--data", str(path))
    assert result.exit_code == 0, result.exception
    assert "local articles (the log's [/]x/) by their path from the current folder." in result.stdout


def test_colour_only_on_a_terminal_and_never_with_no_color():
    env = {**os.environ, "FORCE_COLOR": "1", "COLUMNS": "120"}
    coloured = subprocess.run(
        [sys.executable, "-m", "tracker", "signatories", "--as-of", "2025-11-07"],
        capture_output=True,
        text=True,
        env=env,
    )
    assert "\x1b[" in coloured.stdout
    env["NO_COLOR"] = "1"
    env.pop("FORCE_COLOR")
    plain = subprocess.run(
        [sys.executable, "-m", "tracker", "signatories", "--as-of", "2025-11-07"],
        capture_output=True,
        text=True,
        env=env,
    )
    assert "\x1b[" not in plain.stdout and "signed" in plain.stdout


# -- options, the log's location, exit codes -------------------------------------


def test_version():
    result = run("--version", env={"TRACKER_DATA": None})
    reviewed = open_log(SHIPPED)[0].reviewed
    assert result.exit_code == 0 and result.stdout.splitlines() == [
        f"tracker {tracker.__version__}",
        f"log data/events.yaml: news reviewed through {reviewed}",
    ]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["signatories", "--as-of", "07/11/2025"], "ambiguous"),
        (["signatories", "--as-of", "2025-02-30"], "not a real date"),
        (["candidates", "--as-of", "soon"], "cannot read 'soon' as a date"),
        (
            ["timeline", "--since", "2025-11-07", "--until", "2025-11-01"],
            "--since 2025-11-07 is after --until 2025-11-01",
        ),
        (["timeline", "--country", "Atlantis"], "unknown country 'Atlantis'"),
        (["timeline", "--kind", "rumour"], "rumour"),
        (["timeline", "--data", "/nonexistent/log.yaml"], "no such file: /nonexistent/log.yaml"),
        (["signatories", "--bogus"], "No such option: --bogus"),
        (["nonsense"], "No such command 'nonsense'"),
    ],
)
def test_usage_errors_exit_2_with_a_message_and_no_traceback(args, message):
    result = run(*args)
    assert result.exit_code == 2, result.stdout
    assert message in result.stderr
    assert result.stdout == "" and "Traceback" not in result.stderr


def test_data_folder_is_a_usage_error(tmp_path):
    result = run("check", "--data", str(tmp_path))
    assert result.exit_code == 2 and "is a folder; give the log file itself" in result.stderr


def test_data_option_and_environment_variable(write_log):
    path = write_log(HEADER + GOOD_EVENT)
    by_option = run_json("signatories", "--as-of", "2025-12", "--data", str(path))
    by_env = json.loads(
        run("signatories", "--as-of", "2025-12", "--json", env={"TRACKER_DATA": str(path)}).stdout
    )
    assert [r["code"] for r in by_option] == [r["code"] for r in by_env] == ["FR", "IL", "US"]


def test_default_log_is_found_from_any_working_directory(tmp_path):
    env = {k: v for k, v in os.environ.items() if k != "TRACKER_DATA"}
    result = subprocess.run(
        [sys.executable, "-m", "tracker", "signatories", "--as-of", "2025-11-07", "--json"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        env=env,
    )
    assert result.returncode == 0, result.stderr
    assert [r["code"] for r in json.loads(result.stdout)][4] == "KZ"
    check = subprocess.run(
        [sys.executable, "-m", "tracker", "check"], cwd=tmp_path, capture_output=True, text=True, env=env
    )
    assert check.returncode == 0 and ": OK, " in check.stdout
    assert list(tmp_path.iterdir()) == []  # nothing written


def test_the_installed_log_is_the_repository_log():
    from tracker.log.locate import default_log

    assert default_log().read_bytes() == SHIPPED.read_bytes(), "reinstall: the installed log is stale"
    seeds = SHIPPED.parent.parent / "seeds"
    installed = default_log().parent.parent / "seeds"
    assert sorted(p.name for p in installed.iterdir()) == sorted(p.name for p in seeds.iterdir())


def test_as_of_defaults_to_today():
    from datetime import date

    rows = run_json("signatories")
    assert rows[0]["as_of"] == date.today().isoformat()


# -- show -------------------------------------------------------------------------


def test_show_prints_every_citation_with_its_quote_and_source(monkeypatch):
    monkeypatch.chdir(REPO)  # article paths are from the working folder
    monkeypatch.setenv("TRACKER_DATA", str(SHIPPED))  # the checkout's log, whether or not it is installed
    result = run("show", "morocco-signing")
    assert result.exit_code == 0
    out = result.stdout
    assert out.startswith("morocco-signing: Morocco, the US and Israel sign a joint declaration in Rabat\n")
    assert "Citations (10)" in out
    assert "seed-002: outlet unknown, 2025-11, inferred\n   seeds/002_8053211c4aa149c3.txt\n" in out
    assert "mwn-morocco: Morocco World News, 2020-12-25\n   https://www.moroccoworldnews.com/" in out
    assert "“Morocco established ties with Israel later the same year.”" in out
    assert "gives the date as ~2020" in out
    assert "Frames the declaration as resuming ties frozen in 2002" in out


def test_show_json_includes_the_cited_sources():
    result = run("show", "kazakhstan-mfa-confirmation", "--json")
    event = json.loads(result.stdout)
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


def test_show_unknown_event_suggests_close_ids():
    result = run("show", "morocco-signin")
    assert result.exit_code == 2
    assert "no event 'morocco-signin'; did you mean morocco-signing?" in result.stderr


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["timeline", "--country", "XX"], "unknown country 'XX'; give an ISO 3166 code such as KZ"),
        (["timeline", "--country", "Narnia"], "or a name such as Kazakhstan"),
        (["signatories", "--as-of", "2025-13-01"], "not a real date"),
        (["signatories", "--as-of", "1/2/2025"], "ambiguous"),
    ],
)
def test_argument_errors_give_a_hint(args, message):
    result = run(*args)
    assert result.exit_code == 2 and message in result.stderr, result.stderr


def test_tracker_data_pointing_nowhere_or_at_a_folder_is_a_usage_error(tmp_path):
    missing = run("timeline", env={"TRACKER_DATA": str(tmp_path / "gone.yaml")})
    assert missing.exit_code == 2
    assert f"'--data' / TRACKER_DATA: no such file: {tmp_path / 'gone.yaml'}" in missing.stderr
    folder = run("timeline", env={"TRACKER_DATA": str(tmp_path)})
    assert folder.exit_code == 2 and "is a folder; give the log file itself" in folder.stderr


def _process(*args: str, stdout: int | IO[bytes] = subprocess.PIPE) -> subprocess.CompletedProcess[bytes]:
    command = [sys.executable, "-m", "tracker", *args]
    return subprocess.run(command, stdout=stdout, stderr=subprocess.PIPE, timeout=60)


def test_arguments_echoed_in_usage_errors_are_inert():
    hostile = "\x1b]0;owned\x07\x1b[2J\rX"
    for args in (["show", hostile], ["timeline", f"--{hostile}"], ["timeline", "--country", hostile]):
        result = _process(*args)
        assert result.returncode == 2
        assert not set(result.stderr) & {0x1B, 0x07, 0x0D}, result.stderr
        assert b"\\x1b]0;owned\\x07" in result.stderr


def test_a_reader_closing_the_pipe_early_ends_the_run_quietly(write_log):
    path = write_log(HEADER + "".join(GOOD_EVENT.replace("france-joins", f"e{i}") for i in range(3000)))
    # A long answer meets the closed pipe (exit 1, as Python and Typer do on EPIPE);
    # a short one was written whole before the reader closed, so nothing failed.
    for args, code in ((["timeline", "--json"], 1), (["timeline"], 1), (["sources"], 0)):
        process = subprocess.Popen(
            [sys.executable, "-m", "tracker", *args, "--data", str(path)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        assert process.stdout is not None and process.stderr is not None
        assert process.stdout.readline()
        process.stdout.close()  # like `| head -1`
        assert process.stderr.read() == b""
        assert process.wait(timeout=60) == code, args


def test_output_that_cannot_be_written_is_one_line_and_exit_1():
    with open("/dev/full", "wb") as full:
        result = _process("timeline", "--json", stdout=full)
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        b"tracker: The log records sources up to 2026-06-26; anything after that is not in it.",
        b"tracker: cannot write the output: No space left on device",
    ]


@pytest.mark.parametrize("columns", ["60", "100", "160"])
def test_a_long_timeline_prints_in_pieces_exactly_like_one_table(write_log, monkeypatch, columns):
    from tracker.render import terminal as render_terminal

    events = []
    for i in range(130):
        event = GOOD_EVENT.replace("france-joins", f"e{i}").replace(
            "2025-11-03", f"20{10 + i % 15}-{i % 12 + 1:02d}"
        )
        if i % 7 == 0:
            event = event.replace(
                "    kind: announcement\n", "    kind: announcement\n    status: expected\n"
            )
        if i % 21 == 0:
            event = event.replace(f"    date: 20{10 + i % 15}-{i % 12 + 1:02d}\n", "")
        if i % 5 == 0:
            event = event.replace("[FR, IL, US]", "[FR, DE, NO, SA, KZ, IL, US]")
        events.append(event)
    path = str(write_log(HEADER + "".join(events)))
    whole = run("timeline", "--no-cache", "--data", path, env={"COLUMNS": columns}).stdout
    monkeypatch.setattr(render_terminal, "BATCH", 40)
    pieces = run("timeline", "--no-cache", "--data", path, env={"COLUMNS": columns}).stdout
    assert "undated" in whole and "expected" in whole and "130 events" in whole
    assert pieces == whole


def test_global_options_may_come_before_the_command():
    """`tracker --data X signatories` as `tracker signatories --data X`, for subcommands too."""
    before = run("--data", str(SHIPPED), "--no-cache", "signatories", "--as-of", "2020-09-14", "--json")
    after = run("signatories", "--as-of", "2020-09-14", "--json", "--data", str(SHIPPED), "--no-cache")
    assert before.exit_code == 0, before.stderr
    assert before.stdout == after.stdout and '"code": "AE"' in before.stdout
    exported = run(f"--data={SHIPPED}", "export", "ics", "-", "--as-of", "2026-01-01")
    assert exported.exit_code == 0 and exported.stdout.startswith("BEGIN:VCALENDAR")
    missing = run("--data", "/nonexistent/events.yaml", "timeline")
    assert missing.exit_code == 2 and "no such file: /nonexistent/events.yaml" in missing.stderr
    unknown = run("--data", str(SHIPPED), "nosuchcommand")
    assert unknown.exit_code == 2 and "Traceback" not in unknown.stderr


def test_check_reads_a_log_on_standard_input(monkeypatch):
    """`check --data -` reads the log from standard input, its articles from the working folder."""
    from typer.testing import CliRunner

    from tracker.cli import app

    monkeypatch.chdir(REPO / "data")  # the shipped log's corpus is ../seeds
    text = SHIPPED.read_text(encoding="utf-8")
    result = CliRunner().invoke(app, ["check", "--data", "-"], input=text)
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("<stdin>: OK, ") and " quotes verified in " in result.stdout
    broken = CliRunner().invoke(
        app, ["check", "--data", "-"], input=text.replace("format: 1", "format: 9", 1)
    )
    assert (
        broken.exit_code == 1
        and "<stdin>:" in broken.stdout
        and "format '9' is not supported" in broken.stdout
    )


def test_changes_window_backwards_is_a_usage_error():
    result = run("changes", "--since", "2025-12", "--until", "2025-11")
    assert result.exit_code == 2 and "--since 2025-12 is after --until 2025-11" in result.stderr


def test_a_style_or_a_country_the_command_cannot_read_is_a_usage_error_in_the_readers_words():
    style = run("cite", "morocco-signing", "--style", "mla")
    assert style.exit_code == 2
    assert "unknown style 'mla'; choose one of: text, markdown, csl-json, apa, chicago" in style.stderr
    for written, message in [
        ("Congo", "'Congo' could mean Republic of the Congo (CG) or DR Congo (CD)"),
        ("Saudi Arabai", "unknown country 'Saudi Arabai'; did you mean Saudi Arabia (SA)?"),
    ]:  # every message of the country reader: tests/model/test_countries.py
        result = run("timeline", "--country", written)
        assert result.exit_code == 2 and message in result.stderr
