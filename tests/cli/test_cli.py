"""The `tracker` command's wiring: options and the log's location read as typed, usage errors and exit codes,
long answers in pieces. The answers themselves are the queries' and renderers' (tests/queries, tests/render);
whole processes (colour on a terminal, closed pipes, a full disk) are in tests/e2e."""

from __future__ import annotations

import json

import pytest
from conftest import GOOD_EVENT, HEADER, REPO, SHIPPED, open_log, run, run_json

import tracker

# -- JSON contract --------------------------------------------------------------


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


# -- terminal output ----------------------------------------------------------------


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


@pytest.mark.parametrize("columns", ["60", "100", "160"])
def test_a_long_timeline_prints_in_pieces_exactly_like_one_table(write_log, monkeypatch, columns):
    from tracker.render.tables import events as event_tables

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
    monkeypatch.setattr(event_tables, "BATCH", 40)
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


def test_a_date_in_words_and_an_unknown_id_reach_the_query_as_typed():
    """The records themselves are the queries' (tests/queries/test_records.py); here, the wiring."""
    words = run_json("signatories", "--as-of", "November 7, 2025")
    assert words == run_json("signatories", "--as-of", "2025-11-07")
    assert [r["code"] for r in words if r["role"] == "member"] == ["AE", "BH", "SD", "MA", "KZ"]
    unknown = run("show", "morocco-signin")
    assert unknown.exit_code == 2
    assert "no event 'morocco-signin'; did you mean morocco-signing?" in unknown.stderr
