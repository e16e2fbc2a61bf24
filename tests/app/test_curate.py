"""Issue 12: adding sources and events without hand-editing, quotes found, articles pinned, schema, warnings."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import stat
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
import yaml
from conftest import ARTICLE, GOOD_EVENT, HEADER, REPO, SHIPPED, open_log, run

from tracker.log import schema
from tracker.log.schemajson import json_schema

LATER = REPO / "tests" / "articles" / "later-report.txt"
QUOTE = "parliament had ratified the country's accession to the Abraham Accords"


def lines_kept_in_order(old: bytes, new: bytes) -> bool:
    """Every original line is in the new file, in the same order (a subsequence)."""
    remaining = iter(new.splitlines(keepends=True))
    return all(any(line == candidate for candidate in remaining) for line in old.splitlines(keepends=True))


def add_later(log: Path, *extra: str):
    return run("add", "source", str(LATER), "--id", "later", "--published", "2025-12-02",
               "--basis", "stated", "--data", str(log), *extra)  # fmt: skip


def add_ratified(log: Path, *extra: str):
    return run("add", "event", "--id", "kz-ratified", "--date", "2025-12-02", "--kind", "statement",
               "--country", "KZ", "--title", "Kazakh officials report the accession ratified",
               "--cite", "later", "--quote", QUOTE, "--data", str(log), *extra)  # fmt: skip


# -- add ------------------------------------------------------------------


def test_add_round_trip_on_the_shipped_log_keeps_every_line(copy):
    original = copy.read_bytes()
    os.chmod(copy, 0o640)
    result = add_later(copy)
    assert result.exit_code == 0, result.stderr
    assert "sha256 " in result.stdout and "added 'later'" in result.stdout
    result = add_ratified(copy)
    assert result.exit_code == 0, result.stderr
    new = copy.read_bytes()
    assert lines_kept_in_order(original, new)
    assert stat.S_IMODE(os.stat(copy).st_mode) == 0o640
    copied = copy.parent.parent / "seeds" / "later-report.txt"
    assert copied.read_bytes() == LATER.read_bytes()
    log, problems = open_log(copy)
    assert problems == []
    source = log.source_map()["later"]
    assert (source.file, source.sha256) == (
        "later-report.txt",
        hashlib.sha256(LATER.read_bytes()).hexdigest(),
    )
    assert str(source.published) == "2025-12-02"
    event = next(e for e in log.events if e.id == "kz-ratified")
    assert (event.kind.value, event.countries, event.citations[0].quote) == ("statement", ("KZ",), QUOTE)
    added = new.decode().split("  - id: kz-ratified\n")[1]
    assert added.startswith("    date: 2025-12-02\n    kind: statement\n    countries: [KZ]\n")


def test_an_invalid_addition_is_refused_and_the_file_is_byte_identical(copy):
    original = copy.read_bytes()
    result = run("add", "event", "--id", "kz-bad", "--date", "2025-11-06", "--kind", "statement",
                 "--country", "KZ", "--title", "A quote that is not there", "--cite", "seed-001",
                 "--quote", "Kazakhstan ratified the accession on Tuesday", "--data", str(copy))  # fmt: skip
    assert result.exit_code == 1
    assert "quote not found in ../seeds/001_db68339db9066337.txt" in result.stderr
    assert result.stderr.splitlines()[-1] == "tracker: refused (1 problem); nothing was written"
    assert copy.read_bytes() == original
    # a duplicate id, at the new entry's line
    page = copy.parent / "page.txt"
    page.write_text("A page saved by the curator.\n", encoding="utf-8")
    result = run("add", "source", "https://example.org/x", "--text-file", str(page), "--id", "seed-000",
                 "--data", str(copy))  # fmt: skip
    first = original.decode().splitlines().index("  - id: seed-000") + 1
    assert (
        result.exit_code == 1 and f"duplicate source id 'seed-000' (first at line {first})" in result.stderr
    )
    assert copy.read_bytes() == original


def test_dry_run_prints_the_diff_and_writes_nothing(copy):
    original = copy.read_bytes()
    result = add_later(copy, "--dry-run")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith(f"--- {copy}\n+++ {copy}\n@@ ")
    assert (
        "+  - id: later\n+    published: 2025-12-02\n+    published_basis: stated\n"
        "+    file: later-report.txt\n+    sha256: "
    ) in result.stdout
    assert "dry run" in result.stderr
    assert copy.read_bytes() == original
    assert not (copy.parent.parent / "seeds" / "later-report.txt").exists()
    assert sorted(p.name for p in copy.parent.iterdir()) == ["events.yaml"]  # no temporary file left


def test_crlf_and_comment_heavy_logs_survive(write_log, tmp_path):
    text = (
        "# top comment\n"
        + HEADER.replace("sources:\n", "sources:   # the sources\n  # before art\n")
        + "  # first event below\n"
        + GOOD_EVENT
        + "    # trailing comment inside the event\n"
        + "\n# the end, with 'quotes' and \"more\"\n"
    ).replace("\n", "\r\n")
    path = write_log("")
    path.write_bytes(text.encode())
    original = path.read_bytes()
    saved = tmp_path / "elsewhere" / "saved.txt"
    saved.parent.mkdir()
    saved.write_text("France made a statement on the accords on Tuesday.\n", encoding="utf-8")
    result = run("add", "source", "https://example.org/later", "--text-file", str(saved),
                 "--id", "web-later", "--data", str(path))  # fmt: skip
    assert result.exit_code == 0, result.stderr
    result = run("add", "event", "--id", "later", "--date", "2025-11-04", "--kind", "statement",
                 "--country", "FR", "--title", "France: a statement", "--cite", "web-later",
                 "--quote", "France made a statement on the accords", "--data", str(path))  # fmt: skip
    assert result.exit_code == 0, result.stderr
    new = path.read_bytes()
    assert lines_kept_in_order(original, new)
    assert new.count(b"\n") == new.count(b"\r\n")  # every line ending CRLF, old and new
    assert b"    # trailing comment inside the event\r\n  - id: later\r\n" in new
    assert b"    url: https://example.org/later\r\n    file: pages/web-later.txt\r\n" in new
    log, problems = open_log(path)
    assert problems == [] and [e.id for e in log.events] == ["france-joins", "later"]
    assert log.events[1].title == "France: a statement"


def test_add_source_refuses_a_name_or_content_already_in_the_corpus(write_log, tmp_path):
    path = write_log(HEADER + GOOD_EVENT)
    twin = tmp_path / "elsewhere" / "twin.txt"
    twin.parent.mkdir()
    twin.write_text(ARTICLE, encoding="utf-8")
    result = run("add", "source", str(twin), "--data", str(path))
    assert (
        result.exit_code == 2
        and "the same article is already in the corpus as ./article.txt" in result.stderr
    )
    same_name = tmp_path / "elsewhere" / "article.txt"
    same_name.write_text("Another text entirely, about something else.\n", encoding="utf-8")
    result = run("add", "source", str(same_name), "--data", str(path))
    assert result.exit_code == 2 and "./article.txt already exists" in result.stderr


def test_add_source_proposes_an_id_and_never_guesses_the_outlet(write_log, tmp_path):
    path = write_log(HEADER + GOOD_EVENT)
    saved = tmp_path / "elsewhere" / "saved.txt"
    saved.parent.mkdir()
    saved.write_text("Kazakhstan's parliament ratified the accession.\n", encoding="utf-8")
    result = run("add", "source", "https://www.example.org/news/2025/kz-ratifies", "--text-file", str(saved),
                 "--data", str(path))  # fmt: skip
    assert result.exit_code == 0, result.stderr
    log, _ = open_log(path)
    added = log.sources[-1]
    assert (added.id, added.url, added.outlet) == (
        "example-kz-ratifies",
        "https://www.example.org/news/2025/kz-ratifies",
        None,
    )
    saved.write_text("Another text of the same page.\n", encoding="utf-8")
    result = run("add", "source", "https://www.example.org/news/2025/kz-ratifies/", "--text-file", str(saved),
                 "--data", str(path))  # fmt: skip
    assert result.exit_code == 1 and "the same article as source 'example-kz-ratifies'" in result.stderr


def test_missing_values_are_a_usage_error_without_a_terminal(copy):
    original = copy.read_bytes()
    result = run("add", "event", "--id", "x", "--date", "2025-12-02", "--country", "KZ",
                 "--title", "T", "--cite", "seed-001", "--data", str(copy))  # fmt: skip
    assert result.exit_code == 2 and "missing --kind (stdin is not a terminal" in result.stderr
    result = run("add", "event", "--quote", "orphan", "--cite", "seed-001", "--data", str(copy))
    assert result.exit_code == 2 and "--quote must follow the --cite it belongs to" in result.stderr
    result = run("add", "source", "https://example.org/y", "--published", "2025-12", "--data", str(copy))
    assert result.exit_code == 2 and "missing --basis" in result.stderr
    assert copy.read_bytes() == original


# -- quote ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "grade", "passage"),
    [
        ("The two countries established consular-level ties in April 1992", "exact",
         "The two countries established consular-level ties in April 1992"),
        ("The two  countries\nestablished consular-level ties", "normalised",
         "The two countries established consular-level ties"),
        ("The two countries established consular ties in May 1992", "fuzzy", None),
        ("Penguins migrate across the Sahara every winter on bicycles", "absent", None),
    ],
)  # fmt: skip
def test_quote_grades_exact_normalised_fuzzy_and_absent(copy, text, grade, passage):
    result = run("quote", "seed-001", text, "--json", "--data", str(copy))
    found = json.loads(result.stdout)
    assert (found["grade"], result.exit_code) == (grade, 1 if grade == "absent" else 0)
    assert found["file"] == "../seeds/001_db68339db9066337.txt"
    if grade == "fuzzy":
        assert found["line"] == 9 and 60 <= found["score"] < 100
        assert found["passage"] == "The two countries established consular-level ties in April"
    elif passage is not None:
        assert (found["passage"], found["line"], found["score"]) == (passage, 9, 100.0)
    else:
        assert found["passage"] is None
    shown = run("quote", "seed-001", text, "--data", str(copy))
    first = {"exact": "exact:", "normalised": "equal once", "fuzzy": "fuzzy (score", "absent": "not found"}
    assert shown.stdout.startswith(first[grade])


def test_quote_reads_a_web_page_snapshot_and_refuses_a_source_without_text(copy):
    result = run(
        "quote", "wiki-uae", "Israel agreed to suspend plans for the annexation", "--data", str(copy)
    )
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("exact: ../seeds/pages/wiki-uae.txt:")
    text = copy.read_text(encoding="utf-8").replace(
        "sources:\n", "sources:\n  - id: bare\n    url: https://example.org/bare\n", 1
    )
    copy.write_text(text, encoding="utf-8")
    result = run("quote", "bare", "anything", "--data", str(copy))
    assert result.exit_code == 2 and "source 'bare' has no stored text to quote" in result.stderr


def test_check_names_the_nearest_passage_and_another_article_that_has_the_quote(copy):
    text = copy.read_text(encoding="utf-8")
    text = text.replace("quote: The two countries established consular-level ties in April 1992",
                        "quote: The two countries established consular ties in April 1992", 1)  # fmt: skip
    # seed-003's quote cited as seed-001: verbatim in the other article
    text = text.replace(
        "      - source: seed-003\n        quote: will be announced Thursday night.",
        "      - source: seed-001\n        quote: will be announced Thursday night.",
        1,
    )
    copy.write_text(text, encoding="utf-8")
    result = run("check", "--json", "--data", str(copy))
    messages = [p["message"] for p in json.loads(result.stdout) if p["severity"] == "error"]
    assert len(messages) == 2
    assert (
        "the nearest passage (" in messages[0]
        and "is at line 9: 'The two countries established consular-level" in messages[0]
    )
    assert "it is verbatim in ../seeds/003_1440bd3d473fd3dd.txt (source 'seed-003') at line" in messages[1]


# -- pinned articles, ellipses, minimum length ----------------------------


def test_a_tampered_article_is_caught_by_its_hash(copy):
    article = copy.parent.parent / "seeds" / "001_db68339db9066337.txt"
    raw = article.read_bytes()
    assert b"Nazarbayev" in raw
    article.write_bytes(raw.replace(b"Central Asian nation", b"Central Asian natiom", 1) + b" ")
    result = run("check", "--data", str(copy))
    assert result.exit_code == 1
    first = result.stdout.splitlines()[0]
    line = copy.read_text(encoding="utf-8").splitlines().index("    file: 001_db68339db9066337.txt") + 2
    assert first.startswith(
        f"{copy}:{line}:13: source file ../seeds/001_db68339db9066337.txt has changed since it was cited"
    )
    # quotes that cover the change fail as well; an untouched quote still verifies
    article.write_bytes(raw + b"\n")  # a change outside every quote
    result = run("check", "--json", "--data", str(copy))
    errors = [p for p in json.loads(result.stdout) if p["severity"] == "error"]
    assert [(p["line"], p["message"].split(":")[0]) for p in errors] == [
        (line, "source file ../seeds/001_db68339db9066337.txt has changed since it was cited")
    ]


def test_a_log_without_hashes_is_valid_and_check_suggests_them(write_log):
    path = write_log(HEADER + GOOD_EVENT)
    assert open_log(path)[1] == []
    result = run("check", "--data", str(path))
    digest = hashlib.sha256(ARTICLE.encode()).hexdigest()
    assert result.exit_code == 0
    assert (
        f"{path}:7:11: warning: source 'art' does not pin its article; add 'sha256: {digest}'"
        in result.stdout
    )


def event_quoting(quote: str) -> str:
    return GOOD_EVENT.replace("quote: France said on Monday it would join the accords.", f"quote: {quote!r}")


@pytest.mark.parametrize(
    ("quote", "error"),
    [
        ("France said on Monday … it would join the accords.", None),
        ("France said on Monday ... would join the accords", None),
        ("it would join the accords … France said on Monday", "not in this order within one paragraph"),
        ("Germany was named", "too short to prove anything: 3 words, fewer than 4"),
        ("France said on Monday … the accords", "part 2 of 2 is too short"),
    ],
)
def test_ellipsis_parts_in_order_and_the_minimum_length(write_log, quote, error):
    path = write_log(HEADER + event_quoting(quote))
    _, problems = open_log(path)
    if error is None:
        assert problems == []
    else:
        assert len(problems) == 1 and error in problems[0].message


def test_a_short_quote_that_is_a_whole_sentence_is_accepted(write_log):
    path = write_log(HEADER + event_quoting("It was."), article=ARTICLE + "It was.\n")
    assert open_log(path)[1] == []


# -- warnings -------------------------------------------------------------


def test_warnings_do_not_fail_check_unless_strict(write_log):
    path = write_log(HEADER + GOOD_EVENT)
    result = run("check", "--data", str(path))
    assert result.exit_code == 0
    assert f"{path}:8:10: warning: source 'web' has no publication date, so --known-by leaves it out" in (
        result.stdout
    )
    assert f"{path}:8:10: warning: source 'web' has no title" in result.stdout
    assert (
        f"{path}:11:9: warning: event 'france-joins' changes the status of FR on a single source ('art')"
        in result.stdout
    )
    assert result.stdout.splitlines()[-1] == (
        f"{path}: OK, 1 events, 2 sources, 1 quotes verified in 2 stored texts, 7 warnings"
    )
    records = json.loads(run("check", "--json", "--data", str(path)).stdout)
    assert {r["severity"] for r in records} == {"warning"} and len(records) == 7
    strict = run("check", "--strict", "--data", str(path))
    assert strict.exit_code == 1
    assert strict.stderr == f"{path}: 7 warnings, which --strict makes failures\n"
    assert run("timeline", "--json", "--data", str(path)).exit_code == 0  # others ignore warnings


def test_a_second_source_and_a_date_silence_the_warnings(write_log):
    text = HEADER.replace("  - {id: web, url: https://example.org/report,",
                          "  - {id: web, url: https://example.org/report, published: 2025-11-03,\n"
                          "     published_basis: stated, title: A report,")  # fmt: skip
    text = text.replace("    file: article.txt\n", "    file: article.txt\n    title: An article\n"
                        "    undated: The article gives no date.\n")  # fmt: skip
    event = (
        GOOD_EVENT + "      - source: web\n        quote: France and Germany would join the accords soon\n"
    )
    path = write_log(text + event)
    records = json.loads(run("check", "--json", "--data", str(path)).stdout)
    assert [r["message"].split(";")[0] for r in records] == [
        "source 'art' does not pin its article",
        "source 'web' does not pin its article",
    ]


# -- schema ---------------------------------------------------------------


def test_the_shipped_log_is_valid_against_the_schema():
    jsonschema = pytest.importorskip("jsonschema")
    as_text = yaml.load(SHIPPED.read_text(encoding="utf-8"), Loader=yaml.BaseLoader)  # every scalar a string
    jsonschema.Draft202012Validator.check_schema(json_schema())
    jsonschema.Draft202012Validator(json_schema()).validate(as_text)
    bad = dict(as_text, sources=[*as_text["sources"], {"id": "x", "file": "y", "colour": "red"}])
    with pytest.raises(jsonschema.ValidationError, match="colour"):
        jsonschema.Draft202012Validator(json_schema()).validate(bad)


def test_a_field_added_to_the_shapes_appears_in_the_schema(monkeypatch):
    extra = schema.Field("mood", schema.ValueType.LINE, help="A field only this test knows.")
    source = replace(schema.SOURCE, fields=(*schema.SOURCE.fields, extra))
    fields = tuple(replace(f, shape=source) if f.name == "sources" else f for f in schema.LOG.fields)
    monkeypatch.setattr(schema, "LOG", replace(schema.LOG, fields=fields))
    generated = json.loads(run("schema").stdout)
    source = generated["properties"]["sources"]["items"]
    assert source["properties"]["mood"]["description"] == "A field only this test knows."
    assert source["required"] == ["id"] and source["additionalProperties"] is False


def test_the_committed_schema_and_the_modeline_match():
    printed = run("schema").stdout
    assert (REPO / "docs" / "events.schema.json").read_text(encoding="utf-8") == printed
    assert SHIPPED.read_text(encoding="utf-8").splitlines()[0] == (
        "# yaml-language-server: $schema=../docs/events.schema.json"
    )


# -- the worked example in docs/curating.md ---------------------------------


def test_the_worked_example_in_the_curating_guide_is_what_the_commands_print(tmp_path, monkeypatch, site):
    """Every `$ tracker` block of docs/curating.md, run in order on a scratch copy, prints what it shows.

    The guide's web page is the test site's article; the guide writes its address with port 8000."""
    import re
    import shlex

    guide = (REPO / "docs" / "curating.md").read_text(encoding="utf-8")
    guide = guide.replace("http://127.0.0.1:8000", site.url(""))
    steps = re.findall(r"```text\n\$ (tracker [^\n]*)\n(.*?)```", guide, flags=re.S)
    assert len(steps) == 10
    assert sum("add source http://" in command for command, _ in steps) == 2
    shutil.copytree(REPO / "data", tmp_path / "data")
    shutil.copytree(REPO / "seeds", tmp_path / "seeds")
    shutil.copy(LATER, tmp_path / "later-report.txt")
    monkeypatch.chdir(tmp_path)
    for command, expected in steps:
        result = run(*shlex.split(command)[1:], env={"COLUMNS": "100", "NO_COLOR": "1"})
        assert (result.stdout + result.stderr).splitlines() == expected.rstrip("\n").splitlines(), command
    log, problems = open_log(tmp_path / "data" / "events.yaml")
    assert problems == [] and log.events[-1].id == "kz-ratified"
    assert log.assertions[-1].id == "members-2025-12-02"
    assert "steppe-kz" in log.source_map()


@pytest.mark.parametrize(
    ("field", "message"),
    [
        ("    sha256: ABC\n", "source 'art' sha256 must be 64 lower-case hexadecimal digits"),
        (None, "source 'page' gives 'sha256' without a 'file': it pins a local article"),
    ],
)
def test_the_sha256_field_is_read_strictly(write_log, field, message):
    text = HEADER
    if field is None:
        text = text.replace(
            "sources:\n",
            "sources:\n  - id: page\n    url: https://example.org/page\n    sha256: " + "a" * 64 + "\n",
        )
    else:
        text = text.replace("    file: article.txt\n", "    file: article.txt\n" + field)
    _, problems = open_log(write_log(text + GOOD_EVENT))
    assert [p.message for p in problems] == [message]


def test_missing_values_are_asked_for_on_a_terminal(copy):
    """With a terminal, `add event` asks for what the options left out (here: the kind, then the date)."""
    from tracker.app.answer import LogFile
    from tracker.app.curate import add_event
    from tracker.log.additions import Citing

    asked: list[str] = []
    answers = iter(["statement", "2025-11-07"])

    def ask(label: str, default: str) -> str:
        asked.append(label)
        return next(answers)

    values = {"id": "asked", "countries": ["KZ"], "title": "An event whose kind was asked for"}
    plan = add_event(
        LogFile(copy, str(copy), date.today()),
        values,
        [Citing("anews-kz", "confirmed joining the Abraham Accords on Friday")],
        ask=ask,
    )
    assert [label.split(" (")[0] for label in asked] == ["Kind", "Date"]
    assert b"  - id: asked\n    date: 2025-11-07\n    kind: statement\n" in plan.new


def test_a_wrong_answer_is_asked_again_at_once_saying_why_and_nothing_is_lost(copy):
    """A misspelt kind, a date the log cannot hold, a taken id, an unknown country and an unknown
    source are each refused as typed, and asked again; the answers before them stand."""
    from tracker.app.answer import LogFile
    from tracker.app.curate import add_event

    asked: list[str] = []
    answers = iter(
        [
            "kazakhstan-announcement",
            "kz-asked",  # the id: taken, then new
            "statment",
            "statement",  # the kind: misspelt, then right
            "7 Nov",
            "2025-11-07",  # the date: not as the log writes it, then ISO
            "KZ, Narnia",
            "KZ",  # the countries: one unknown, then known
            "no-such-source",
            "anews-kz",  # the source: unknown, then in the log
            "confirmed joining the Abraham Accords on Friday",  # the quote
        ]
    )

    def ask(label: str, default: str) -> str:
        asked.append(label)
        return next(answers)

    plan = add_event(
        LogFile(copy, str(copy), date.today()), {"title": "Asked for, answer by answer"}, [], ask=ask
    )
    reasons = [label.split(". ")[0] for label in asked if ". " in label]
    assert reasons == [
        "'kazakhstan-announcement' is taken",
        "'statment' is not a kind",
        "'7 Nov' is not a date as the log writes them",
        "unknown: Narnia",
        "no source 'no-such-source' in the log",
    ]
    assert "Source id to cite (the latest: " in asked[-3] and asked[-1] == "Quote, verbatim from the source"
    assert b"  - id: kz-asked\n    date: 2025-11-07\n    kind: statement\n    countries: [KZ]\n" in plan.new


def _cases_for_needs():
    for shape in (schema.SOURCE, schema.EVENT, schema.CITATION):
        for field in shape.fields:
            for needed in field.needs:
                yield shape.name, field.name, needed


@pytest.mark.parametrize(("shape", "field", "needed"), list(_cases_for_needs()))
def test_the_reader_enforces_every_dependency_the_schema_declares(write_log, shape, field, needed):
    """What `needs` puts in the schema, the reader refuses too, naming both fields: they cannot drift."""
    sha = hashlib.sha256(ARTICLE.encode()).hexdigest()
    source = (
        "  - id: art\n    title: A report\n    title_basis: supplied\n    url: https://example.org/a\n"
        "    archive: https://web.archive.org/web/2025/https://example.org/a\n"
        "    file: article.txt\n    sha256: " + sha + "\n    published: 2025-11-03\n"
        "    published_basis: stated\n    retrieved: 2025-11-04\n"
    )
    event = (
        "  - id: e\n    date: 2025-11-03\n    approximate: true\n    date_basis: event\n    kind: statement\n"
        "    countries: [FR]\n    title: T\n    partly_fulfils: x\n    part: Half.\n"
        "    cite:\n      - source: art\n"
        "        quote: France said on Monday it would join the accords.\n        date: 2025-11\n"
        "        approximate: true\n"
    )
    expected = (  # what `partly_fulfils` names
        "  - id: x\n    status: expected\n    kind: meeting\n    countries: [FR]\n    title: X\n"
        "    cite:\n      - source: art\n        quote: France said on Monday it would join the accords.\n"
    )
    text = HEADER.split("sources:")[0] + "sources:\n" + source + "events:\n" + event + expected
    assert open_log(write_log(text))[1] == []
    owner = {"source": source, "event": event, "citation": event.split("cite:")[1]}[shape]
    start = text.index(owner) if shape != "citation" else text.index(owner, text.index("cite:"))
    block = text[start : start + len(owner)]
    kept = "".join(
        line for line in block.splitlines(keepends=True) if not line.lstrip(" -").startswith(f"{needed}:")
    )
    if block.lstrip(" ").startswith("- ") and not kept.lstrip(" ").startswith("- "):
        return  # the needed field opens the item: nothing to drop it from
    _, problems = open_log(write_log(text.replace(block, kept)))
    assert any(field in p.message and needed in p.message for p in problems), [p.message for p in problems]


def test_a_web_page_is_cited_through_its_snapshot_and_never_without_one(write_log):
    """A source may have a URL and a stored text; a cited source without a stored text is a problem."""
    snapshot = HEADER.replace(
        "    file: article.txt\n",
        "    file: article.txt\n    url: https://example.org/a\n    retrieved: 2025-11-04\n",
    )
    log, problems = open_log(write_log(snapshot + GOOD_EVENT))
    assert problems == [] and log is not None
    assert log.source_map()["art"].is_snapshot
    bare = HEADER.replace("    file: article.txt\n", "    url: https://example.org/a\n")
    _, problems = open_log(write_log(bare + GOOD_EVENT))
    assert [p.message for p in problems] == [
        "source 'art' has no stored text ('file') to check the quote against; add the page with "
        "`tracker add source URL` (or --text-file), which stores its text"
    ]
    assert problems[0].location.line == 18  # the citation's source field
    assert "oneOf" not in json_schema()["properties"]["sources"]["items"]


def test_quote_says_when_check_would_refuse_the_passage_as_too_short(copy):
    result = run("quote", "seed-001", "consular-level ties", "--data", str(copy))
    assert result.exit_code == 0
    assert result.stdout.splitlines() == [
        "exact: ../seeds/001_db68339db9066337.txt:9 (source 'seed-001')",
        "consular-level ties",
        "but check would refuse it as a quote: the quote is too short to prove anything: 2 words, "
        "fewer than 4, and not a whole sentence of the article",
    ]
    assert json.loads(run("quote", "seed-001", "consular-level ties", "--json", "--data", str(copy)).stdout)[
        "refused"
    ].startswith("the quote is too short")


def test_a_dry_run_diff_shows_invisible_controls_escaped(tmp_path):
    """The diff goes to a terminal: a right-to-left override in a new value is shown, not obeyed."""
    shutil.copytree(REPO / "data", tmp_path / "data")
    shutil.copytree(REPO / "seeds", tmp_path / "seeds")
    saved = tmp_path / "saved.txt"
    saved.write_text("A page about the accords, saved by the curator.\n", encoding="utf-8")
    result = run(
        "add", "source", "https://example.org/x", "--text-file", str(saved), "--title", "Ti\u202etle",
        "--outlet", "R\u202ex", "--dry-run", "--data", str(tmp_path / "data" / "events.yaml"),
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert "\u202e" not in result.stdout and "Ti\\u202etle" in result.stdout


def test_add_source_refuses_a_copy_of_an_article_in_a_folder_of_the_corpus(tmp_path):
    """The corpus is searched as check compares articles, pages/ too: before, a copy of a page's text
    was written, 'tracker check passes' said, and the log then failed check on the duplicate."""
    assert run("init", str(tmp_path / "copy")).exit_code == 0
    log = tmp_path / "copy" / "data" / "events.yaml"
    before = log.read_bytes()
    twin = tmp_path / "same.txt"
    shutil.copyfile(tmp_path / "copy" / "seeds" / "pages" / "aa-kz.txt", twin)
    result = run(
        "add", "source", str(twin), "--published", "2025-11-06", "--basis", "stated", "--data", str(log)
    )
    assert result.exit_code == 2
    assert "the same article is already in the corpus as ../seeds/pages/aa-kz.txt (source 'aa-kz')" in (
        result.stderr
    )
    assert log.read_bytes() == before and not (tmp_path / "copy" / "seeds" / "same.txt").exists()
