"""--format: every listing in every format (the renderers, on the shipped log's answers), one renderer
table, format names as typed, and cache keys that cannot go stale."""

from __future__ import annotations

import csv
import io
import json
import re
from datetime import date

import builder as build
import pytest
from conftest import GOOD_EVENT, HEADER, SHIPPED, run
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tracker.app import cachekey
from tracker.model import PartialDate
from tracker.queries import Candidates, Signatories, Sources, Timeline
from tracker.render import Format

LISTINGS = {
    "timeline": Timeline(as_of=date.today()),
    "timeline --country KZ --since 2025": Timeline(PartialDate(2025), countries=("KZ",), as_of=date.today()),
    "signatories --as-of 2025-11-07": Signatories(date(2025, 11, 7)),
    "candidates --as-of 2025-11-07": Candidates(date(2025, 11, 7)),
    "sources": Sources(),
}


def records(shipped_log, name):
    return build.records(LISTINGS[name].run(shipped_log))


def printed(shipped_log, name, fmt):
    return build.rendered(LISTINGS[name].run(shipped_log), fmt)


@pytest.mark.parametrize("name", LISTINGS)
def test_jsonl_is_the_json_records_one_per_line(shipped_log, name):
    lines = printed(shipped_log, name, "jsonl").splitlines()
    assert [json.loads(line) for line in lines] == records(shipped_log, name) != []


@pytest.mark.parametrize("name", LISTINGS)
def test_csv_reads_back_with_one_header_row_and_a_row_per_record(shipped_log, name):
    rows = list(csv.reader(io.StringIO(printed(shipped_log, name, "csv"))))
    expected = records(shipped_log, name)
    header, body = rows[0], rows[1:]
    assert len(body) == len(expected) > 0
    assert len(set(map(len, rows))) == 1  # every row has every column
    assert "id" in header or "code" in header
    key = "id" if "id" in header else "code"
    assert [r[header.index(key)] for r in body] == [e[key] for e in expected]
    if "sources" in header:  # lists are joined with ';'
        assert [r[header.index("sources")] for r in body] == [";".join(e["sources"]) for e in expected]


@pytest.mark.parametrize("name", LISTINGS)
def test_markdown_is_a_pipe_table_with_a_row_per_record(shipped_log, name):
    lines = printed(shipped_log, name, "markdown").splitlines()
    header, separator, body = lines[0], lines[1], lines[2:]
    columns = header.count(" | ") + 1
    assert header.startswith("| ") and header.endswith(" |")
    assert separator == "|" + "|".join(["---"] * columns) + "|"
    assert len(body) == len(records(shipped_log, name))
    assert all(line.startswith("| ") and line.endswith(" |") for line in body)


def test_a_formula_in_a_title_is_inert_in_csv_and_a_pipe_cannot_break_markdown(write_log):
    hostile = GOOD_EVENT.replace("title: France announces it will join", 'title: "=HYPERLINK(1)|x"')
    path = str(write_log(HEADER + hostile))
    out = run("timeline", "-o", "csv", "--data", path).stdout
    (row,) = list(csv.DictReader(io.StringIO(out)))
    assert row["title"] == "'=HYPERLINK(1)|x"
    for text in ("-1", "+1", "@SUM(1)"):
        edited = write_log(
            HEADER + GOOD_EVENT.replace("France announces it will join", f'"{text}"'), name="e.yaml"
        )
        (row,) = list(csv.DictReader(io.StringIO(run("timeline", "-o", "csv", "--data", str(edited)).stdout)))
        assert row["title"] == "'" + text
    md = run("timeline", "-o", "markdown", "--data", path).stdout.splitlines()
    assert md[2].count(" | ") == md[0].count(" | ")
    assert "=HYPERLINK\\(1\\)\\|x" in md[2]
    assert json.loads(run("timeline", "--json", "--data", path).stdout)[0]["title"] == "=HYPERLINK(1)|x"


def test_an_unknown_or_contradictory_format_is_a_usage_error_that_lists_the_formats():
    result = run("timeline", "--format", "xml")
    assert result.exit_code == 2
    assert "unknown format 'xml'; choose one of: table, json, jsonl, csv, markdown" in result.stderr
    result = run("timeline", "--json", "-o", "csv")
    assert result.exit_code == 2 and "--json contradicts --format csv" in result.stderr
    result = run("show", "kazakhstan-announcement", "-o", "csv", "--data", str(SHIPPED))
    assert (
        result.exit_code == 2 and "'show' prints no csv; choose one of: table, json, jsonl" in result.stderr
    )
    result = run("check", "-o", "markdown", "--data", str(SHIPPED))
    assert result.exit_code == 2 and "'check' prints no markdown; choose one of: table, json" in result.stderr


def test_format_names_are_read_in_any_case_and_json_is_the_synonym():
    def printed(*args):
        result = run("sources", *args, "--data", str(SHIPPED))
        assert result.exit_code == 0, result.stderr
        return result.stdout

    assert printed("-o", "JSON") == printed("--json") == printed("-o", "json")


# -- the cache key: derived from the query, so no option can be forgotten ---------

SMALL = (
    HEADER
    + GOOD_EVENT
    + """\
  - id: germany-named
    date: 2025-10
    kind: candidacy
    countries: [DE]
    subjects: [DE]
    title: Germany is named as a possible member
    cite:
      - source: art
        quote: Germany was named as a “possible” member
  - id: france-signs
    date: 2025-12-01
    kind: signing
    countries: [FR, IL, US]
    subjects: [FR]
    title: France signs
    cite:
      - source: web
        quote: France and Germany would join the accords soon
"""
)
DATES = ["2025", "2025-10", "2025-11-03", "2025-12", "2026"]
COUNTRIES = ["FR", "DE", "IL"]
KINDS = ["announcement", "candidacy", "signing"]


@st.composite
def requests(draw):
    commands = ["timeline", "signatories", "candidates", "show", "sources", "country", "changes", "cite"]
    command = draw(st.sampled_from(commands))
    args = [command]
    if command == "timeline":
        for option, values in (("--since", DATES), ("--until", DATES)):
            if draw(st.booleans()):
                args += [option, draw(st.sampled_from(values))]
        for option, values in (("--country", COUNTRIES), ("--kind", KINDS)):
            for value in draw(st.lists(st.sampled_from(values), max_size=2, unique=True)):
                args += [option, value]
    elif command in ("signatories", "candidates"):
        args += ["--as-of", draw(st.sampled_from(DATES))]
    elif command in ("show", "cite"):
        args += [draw(st.sampled_from(["france-joins", "germany-named", "france-signs"]))]
        if command == "cite":
            args += ["--style", draw(st.sampled_from(["text", "markdown", "csl-json"]))]
    elif command == "country":
        args += [draw(st.sampled_from(COUNTRIES)), "--as-of", draw(st.sampled_from(DATES))]
    elif command == "changes":
        args += ["--since", draw(st.sampled_from(DATES)), "--until", draw(st.sampled_from(DATES))]
    single = command in ("show", "cite", "country")
    formats = ["table", "json", "jsonl"] if single else [f.value for f in Format]
    args += ["--format", draw(st.sampled_from(formats))]
    environments = [
        {},
        {"NO_COLOR": "1"},
        {"COLUMNS": "80"},
        {"FORCE_COLOR": "1"},
        {"FORCE_COLOR": "1", "NO_COLOR": "1"},
    ]
    return args, draw(st.lists(st.sampled_from(environments), min_size=1, max_size=3))


def answered_alike(path, asks):
    """Each request, asked twice through the shared cache, prints what the log itself gives."""
    for args, environments in asks:
        for env in environments:  # the same question in other terminals
            fresh = run(*args, "--data", str(path), "--no-cache", env=env)
            for _ in range(2):  # the first may fill the entry (or hit an earlier one), the second hits
                cached = run(*args, "--data", str(path), env=env)
                got, want = (cached.exit_code, cached.stdout_bytes), (fresh.exit_code, fresh.stdout_bytes)
                assert got == want, (args, env)


@pytest.mark.slow
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(asks=st.lists(requests(), min_size=2, max_size=6))
def test_cached_answers_are_byte_identical_to_uncached_ones(write_log, asks):
    path = write_log(
        SMALL,
        article="France said on Monday it would join the accords.\n"
        "Germany was named as a “possible” member, officials said.\n",
    )
    answered_alike(path, asks)


@pytest.mark.parametrize(
    ("dropped", "asks"),
    [
        (
            "countries",
            [
                (["timeline", "--country", "FR", "--json"], [{}]),
                (["timeline", "--country", "DE", "--json"], [{}]),
            ],
        ),
        (
            "as_of",
            [
                (["signatories", "--as-of", "2025", "--json"], [{}]),
                (["signatories", "--as-of", "2026", "--json"], [{}]),
            ],
        ),
        (
            "event_id",
            [(["show", "france-joins", "--json"], [{}]), (["show", "france-signs", "--json"], [{}])],
        ),
        (
            "style",
            [(["cite", "france-joins"], [{}]), (["cite", "france-joins", "--style", "csl-json"], [{}])],
        ),
        (
            "since",
            [
                (["changes", "--since", "2025-11", "--until", "2025-12", "--json"], [{}]),
                (["changes", "--since", "2025-12", "--until", "2025-12", "--json"], [{}]),
            ],
        ),
        ("code", [(["country", "FR", "--json"], [{}]), (["country", "DE", "--json"], [{}])]),
    ],
)
def test_an_option_left_out_of_the_key_would_serve_a_wrong_answer(write_log, monkeypatch, dropped, asks):
    """The check above can fail: with a key (`cachekey`) that cannot tell the two questions apart, the
    arguments giving `dropped` left out of it, a stale answer is served."""
    path = write_log(SMALL)
    (first, _), (second, _) = asks
    whole = cachekey.key

    def forgetful(argv, day):
        argv = list(argv)
        if argv[: len(second)] == second:  # keyed as the first question
            argv = first + argv[len(second) :]
        return whole(argv, day)

    monkeypatch.setattr(cachekey, "key", forgetful)
    with pytest.raises(AssertionError):
        answered_alike(path, asks)
    monkeypatch.setattr(cachekey, "key", whole)
    answered_alike(path, asks)


def test_a_table_is_keyed_on_the_terminal_it_is_printed_for(write_log):
    """Colour on or off, and the width, change a table's bytes, so each is its own entry."""
    path = write_log(SMALL)
    colour, plain = {"FORCE_COLOR": "1"}, {"FORCE_COLOR": "1", "NO_COLOR": "1"}
    answered_alike(
        path, [(["signatories", "--as-of", "2026"], [colour, plain, {"COLUMNS": "60"}, {"COLUMNS": "140"}])]
    )
    assert (
        run("signatories", "--as-of", "2026", "--data", str(path), env=colour).stdout
        != run("signatories", "--as-of", "2026", "--data", str(path), env=plain).stdout
    )


# -- issue 19: Markdown shows log text as typed, in every command that prints it ------------

HOSTILE = (
    "# Head ![pixel](https://evil.example/p.png) [click](javascript:alert(1)) <img src=x onerror=alert(1)> "
    "*em* _u_ `code` ~~gone~~ &amp; a|b \\ end"
)


def _rendered(text: str) -> str:
    """The HTML a Markdown renderer (CommonMark with GitHub's tables and strikethrough) makes of `text`."""
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark").enable(["table", "strikethrough"]).render(text)


def _plain(html: str) -> str:
    import html as entities

    return entities.unescape(re.sub(r"<[^>]+>", "", html))


def test_a_title_pasted_into_markdown_renders_as_its_own_text(write_log):
    hostile = GOOD_EVENT.replace("title: France announces it will join", f"title: {json.dumps(HOSTILE)}")
    header = HEADER.replace("  - id: art\n", f"  - id: art\n    outlet: {json.dumps(HOSTILE)}\n")
    path = str(write_log(header + hostile))
    for args in (["timeline"], ["sources"]):
        out = run(*args, "-o", "markdown", "--data", path).stdout
        html = _rendered(out)
        assert not re.search(r"<(img|a|em|strong|code|s|h1)\b", html), html
        assert html.count("<tr>") == len(out.splitlines()) - 1  # no row broken, none added
        assert HOSTILE in _plain(html), args


def test_cite_markdown_renders_titles_urls_and_paths_as_their_own_text(write_log):
    header = HEADER.replace("  - id: art\n", f"  - id: art\n    title: {json.dumps(HOSTILE)}\n").replace(
        "url: https://example.org/report", 'url: "https://example.org/a>![x](https://evil.example/p.png)"'
    )
    path = write_log(header + GOOD_EVENT)
    tick = path.parent / "a`b.txt"
    tick.write_text((path.parent / "article.txt").read_text(encoding="utf-8"), encoding="utf-8")
    path.write_text(path.read_text(encoding="utf-8").replace("file: article.txt", 'file: "a`b.txt"'))
    out = run("cite", "france-joins", "--style", "markdown", "--data", str(path)).stdout
    html = _rendered(out)
    assert not re.search(r"<(img|em|h1|s)\b", html), html
    assert HOSTILE in _plain(html)
    assert "<code>./a`b.txt</code>" in html  # the path whole, in one code span


def test_info_and_cite_print_csv_and_markdown_from_their_json_records():
    import csv as csvlib
    import io

    info = list(csvlib.DictReader(io.StringIO(run("info", "-o", "csv").stdout)))
    facts = json.loads(run("info", "--json").stdout)
    assert len(info) == 1 and int(info[0]["events"]) == facts["events"]
    assert info[0]["reviewed"] == facts["reviewed"]
    rows = list(csvlib.DictReader(io.StringIO(run("cite", "kazakhstan-announcement", "-o", "csv").stdout)))
    records = json.loads(run("cite", "kazakhstan-announcement", "--json").stdout)
    assert [(r["source"], r["quote"]) for r in rows] == [(r["source"], r["quote"]) for r in records]
    table = run("cite", "kazakhstan-announcement", "-o", "markdown").stdout.splitlines()
    assert table[0].startswith("| event | source | outlet | title |") and len(table) == len(records) + 2


def test_quote_takes_o_as_every_answering_command_does():
    as_json = run("quote", "seed-002", "Kazakhstan is set to join", "-o", "json")
    assert as_json.exit_code == 0 and json.loads(as_json.stdout)["source"] == "seed-002"
    assert as_json.stdout == run("quote", "seed-002", "Kazakhstan is set to join", "--json").stdout
    refused = run("quote", "seed-002", "Kazakhstan is set to join", "-o", "csv")
    assert refused.exit_code == 2 and "'quote' prints no csv; choose one of: table, json" in refused.stderr
