"""`tracker check` and the loader/checker behind it: every problem, with its line."""

from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest
from conftest import GOOD_EVENT, HEADER, open_log, run

from tracker.log.quotetext import normalise


def problems_of(path) -> list[str]:
    return [str(p) for p in open_log(path, "log.yaml")[1]]


def check_lines(path) -> tuple[int, list[str]]:
    result = run("check", "--data", str(path))
    return result.exit_code, result.stdout.splitlines()


def test_valid_log_passes_with_a_summary(write_log):
    path = write_log(HEADER + GOOD_EVENT)
    result = run("check", "--data", str(path))
    assert result.exit_code == 0, result.stdout
    assert result.stdout.splitlines()[-1] == (
        f"{path}: OK, 1 events, 2 sources, 1 quotes verified in 2 stored texts, 7 warnings"
    )
    warned = [line.split(": warning: ", 1)[1] for line in result.stdout.splitlines() if ": warning: " in line]
    assert sum("has no title" in w for w in warned) == 2  # a reference needs one, or a supplied one
    assert sum("has no publication date" in w for w in warned) == 2


def test_tampered_quote_is_reported_at_its_line(write_log):
    path = write_log(HEADER + GOOD_EVENT.replace("on Monday", "on Tuesday"))
    code, lines = check_lines(path)
    assert code == 1
    assert lines == [
        f"{path}:19:16: quote not found in ./article.txt (source 'art'): "
        "'France said on Tuesday it would join the accords.'; matches up to 'France said on' at line 1, "
        "then the quote has 'Tuesday' where the article has 'Monday'; "
        "the nearest passage (92.8%) is at line 1: 'France said on Monday it would join the accords.'"
    ]


def test_duplicate_event_id_names_both_lines(write_log):
    path = write_log(HEADER + GOOD_EVENT + GOOD_EVENT)
    code, lines = check_lines(path)
    assert code == 1
    assert lines == [f"{path}:20:9: duplicate event id 'france-joins' (first at line 11)"]


def test_duplicate_mapping_key_names_both_lines(write_log):
    path = write_log(
        HEADER
        + GOOD_EVENT.replace("    kind: announcement\n", "    kind: announcement\n    date: 2025-11-04\n")
    )
    code, lines = check_lines(path)
    assert code == 1
    assert lines == [f"{path}:14:5: duplicate key 'date' in event 'france-joins' (first at line 12)"]


def test_dangling_source_id(write_log):
    path = write_log(HEADER + GOOD_EVENT.replace("source: art", "source: nowhere"))
    code, lines = check_lines(path)
    assert code == 1
    assert lines == [f"{path}:18:17: event 'france-joins' cites unknown source 'nowhere'"]


def test_all_problems_are_reported_together_in_file_order(write_log):
    bad = (
        GOOD_EVENT.replace("source: art", "source: nowhere")
        .replace("[FR, IL, US]", "[FR, XX, US]")
        .replace("2025-11-03", "2025-02-30")
        .replace("    title:", "    colour: blue\n    title:")
    )
    path = write_log(HEADER + bad)
    lines = problems_of(path)
    assert lines == [
        "log.yaml:12:11: event 'france-joins' date: '2025-02-30' is not a real date (day is out of range for month)",
        "log.yaml:14:21: unknown country code 'XX' (not in ISO 3166-1)",
        "log.yaml:16:5: unknown field 'colour' in event 'france-joins'; expected one of: "
        "id, kind, countries, title, cite, date, approximate, date_basis, date_note, status, subjects, note, "
        "fulfils, calls_off, criterion, deadline, stalls, partly_fulfils, part, makes_ambiguous, effective, by",
        "log.yaml:19:17: event 'france-joins' cites unknown source 'nowhere'",
    ]
    result = run("check", "--json", "--data", str(path))
    assert result.exit_code == 1
    assert [(p["line"], p["col"]) for p in json.loads(result.stdout)] == [
        (12, 11),
        (14, 21),
        (16, 5),
        (19, 17),
    ]


def test_yaml_syntax_error_has_a_location(write_log):
    path = write_log(HEADER + GOOD_EVENT + "  - id: [unclosed\n")
    code, lines = check_lines(path)
    assert code == 1
    assert len(lines) == 1
    assert lines[0].startswith(f"{path}:21:") and "YAML syntax error" in lines[0]


@pytest.mark.parametrize(
    ("edit", "expected"),
    [
        (
            ("    subjects: [FR]\n", ""),
            "log.yaml:11:5: event 'france-joins' is of kind 'announcement', which must name its 'subjects'",
        ),
        (
            ("    title: France announces it will join\n", ""),
            "log.yaml:11:5: event 'france-joins' is missing the field 'title'",
        ),
        (
            ("[FR, IL, US]", "FR"),
            "log.yaml:14:16: event 'france-joins' countries must be a list, not the text 'FR'",
        ),
        (
            ("[FR, IL, US]", "[FR, il, US]"),
            "log.yaml:14:21: 'il' is not an entity of the log; ISO codes are written in capitals: 'IL'",
        ),
        (
            ("subjects: [FR]", "subjects: [IL]"),
            "log.yaml:15:16: 'IL' is the accords' party and cannot be a subject",
        ),
        (
            ("subjects: [FR]", "subjects: [DE]"),
            "log.yaml:15:16: subject 'DE' of event 'france-joins' is not among",
        ),
        (
            ("kind: announcement", "kind: rumour"),
            "log.yaml:13:11: event 'france-joins' kind 'rumour' is not one of:",
        ),
        (
            ("2025-11-03", "2025-11-03\n    approximate: yes"),
            "log.yaml:13:18: event 'france-joins' approximate must be true or false",
        ),
        (
            ("id: france-joins", "id: France Joins"),
            "log.yaml:11:9: event id 'France Joins' must be lower-case",
        ),
        (
            (
                "    cite:\n      - source: art\n        quote: France said on Monday it would join the accords.\n",
                "    cite: []\n",
            ),
            "log.yaml:17:11: event 'france-joins' must cite at least one source",
        ),
        (
            ("        quote: France said on Monday it would join the accords.\n", ""),
            "log.yaml:18:9: event 'france-joins' citation #1 is missing the field 'quote'",
        ),
        (
            ("    date: 2025-11-03\n", ""),
            "log.yaml:11:5: event 'france-joins' has no date; only an expected event",
        ),
        (
            ("title: France announces it will join", "title: ~"),
            "log.yaml:16:12: event 'france-joins' title is ~, which YAML reads as null",
        ),
        (
            ("title: France announces it will join", "title: !!python/object:os.system x"),
            "log.yaml:16:12: YAML tags are not allowed",
        ),
    ],
)
def test_each_kind_of_problem(write_log, edit, expected):
    path = write_log(HEADER + GOOD_EVENT.replace(*edit))
    lines = problems_of(path)
    assert len(lines) == 1 and lines[0].startswith(expected), lines


def test_scalars_are_read_as_typed_not_as_yaml_1_1_values(write_log):
    # `NO` is Norway (YAML 1.1 would read false) and `1992` stays a year.
    event = GOOD_EVENT.replace("[FR, IL, US]", "[FR, NO, IL, US]").replace("2025-11-03", "1992")
    log, problems = open_log(write_log(HEADER + event), "log.yaml")
    assert problems == []
    assert log.events[0].countries == ("FR", "NO", "IL", "US")
    assert log.events[0].date.iso() == "1992"


def test_aliases_are_refused_where_they_are_used(write_log):
    text = (
        HEADER
        + GOOD_EVENT.replace("[FR, IL, US]", "&c [FR, IL, US]")
        + GOOD_EVENT.replace("france-joins", "again").replace("[FR, IL, US]", "*c")
    )
    assert problems_of(write_log(text)) == [
        "log.yaml:23:16: YAML aliases are not allowed; write the value out"
    ]


def test_deep_nesting_is_refused_without_crashing(write_log):
    # libyaml's composer recurses on the C stack: this used to kill the process.
    path = write_log("[" * 100_000 + "]" * 100_000)
    result = subprocess.run(
        [sys.executable, "-m", "tracker", "check", "--data", str(path)], capture_output=True, text=True
    )
    # The contract: exit 1, one problem located on line 1, no traceback. Whether the
    # guard or libyaml's own depth limit answers first is the library's business.
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert re.fullmatch(rf"{re.escape(str(path))}:1:\d+: [^\n]+\n", result.stdout), result.stdout


def test_empty_file_and_wrong_top_level(write_log):
    assert problems_of(write_log("")) == [
        "log.yaml:1:1: the log is empty; expected a mapping with 'sources' and 'events'"
    ]
    assert problems_of(write_log("- a\n- b\n")) == [
        "log.yaml:1:1: the log must be a mapping of fields, not a list"
    ]


def test_missing_source_file_names_the_source_line(write_log):
    path = write_log(HEADER.replace("file: article.txt", "file: missing.txt") + GOOD_EVENT)
    assert problems_of(path) == ["log.yaml:7:11: source file ./missing.txt does not exist"]


@pytest.mark.parametrize("name", ["../article.txt", "/etc/hostname"])
def test_source_files_must_stay_inside_the_corpus(write_log, name):
    path = write_log(HEADER.replace("file: article.txt", f"file: {name}") + GOOD_EVENT)
    assert problems_of(path) == [
        f"log.yaml:7:11: source file '{name}' must be a path inside the corpus folder '.'"
    ]


def test_source_file_linking_out_of_the_corpus_is_refused(write_log, tmp_path):
    outside = tmp_path.parent / f"{tmp_path.name}-outside.txt"
    outside.write_text("France said on Monday it would join the accords.\n", encoding="utf-8")
    (tmp_path / "link.txt").symlink_to(outside)
    path = write_log(HEADER.replace("file: article.txt", "file: link.txt") + GOOD_EVENT)
    assert problems_of(path) == [
        "log.yaml:7:11: source file ./link.txt leads outside the corpus folder through a link"
    ]


@pytest.mark.parametrize(
    ("content", "message"),
    [(b"France\0said", "is binary, not text"), (b"France said \xff", "is not UTF-8 text")],
)
def test_unreadable_source_text_is_reported_at_the_source(write_log, tmp_path, content, message):
    path = write_log(HEADER + GOOD_EVENT)
    (tmp_path / "article.txt").write_bytes(content)
    assert problems_of(path) == [f"log.yaml:7:11: source file ./article.txt {message}"]


def test_quote_matching_tolerates_whitespace_and_quote_marks_only(write_log):
    event = GOOD_EVENT.replace(
        "quote: France said on Monday it would join the accords.",
        'quote: >-\n          Germany  was named as a\n          "possible" member',
    )
    assert problems_of(write_log(HEADER + event)) == []
    other_word = event.replace("named as a", "named as an")
    assert len(problems_of(write_log(HEADER + other_word))) == 1
    assert normalise("“a”  ‘b’\n c") == "\"a\" 'b' c"


def test_other_commands_refuse_an_invalid_log_with_the_same_messages(write_log):
    path = write_log(HEADER + GOOD_EVENT.replace("source: art", "source: nowhere"))
    for command in ("timeline", "signatories", "candidates", "sources"):
        result = run(command, "--json", "--data", str(path))
        assert result.exit_code == 1
        assert result.stdout == ""
        assert (
            result.stderr.splitlines()[0]
            == f"{path}:18:17: event 'france-joins' cites unknown source 'nowhere'"
        )
        assert "Traceback" not in result.stderr


@pytest.mark.parametrize(
    ("quote", "reason"),
    [
        (
            "likely to join the accords",
            "found only inside a longer word at line 1: 'unlikely to join the accords'",
        ),
        ("nlikely to join", "found only inside a longer word at line 1"),
        ("to join the accord", "found only inside a longer word at line 1"),
        ('"."', "the quote has no letters or digits"),
        ("france said", "differs only in capitals"),
    ],
)
def test_a_quote_must_be_whole_words_that_prove_something(write_log, quote, reason):
    event = GOOD_EVENT.replace("quote: France said on Monday it would join the accords.", f"quote: {quote}")
    path = write_log(HEADER + event, article="France said it is unlikely to join the accords.\n")
    (line,) = problems_of(path)
    assert line.startswith("log.yaml:19:16: quote not found in ./article.txt (source 'art'): ")
    assert reason in line, line


def test_text_that_looks_identical_verifies_in_either_unicode_form(write_log):
    import unicodedata

    said = "Le ministre a déclaré que la France rejoindrait les accords."
    for article_form, quote_form in (("NFC", "NFD"), ("NFD", "NFC")):
        article = unicodedata.normalize(article_form, said) + "\n"
        event = GOOD_EVENT.replace(
            "quote: France said on Monday it would join the accords.",
            f"quote: {unicodedata.normalize(quote_form, said)}",
        )
        assert problems_of(write_log(HEADER + event, article=article)) == []


@pytest.mark.parametrize(
    ("log", "corpus", "allowed"),
    [
        ("/work/x/data/events.yaml", "../seeds", True),
        ("/work/x/data/events.yaml", ".", True),
        ("/work/x/data/events.yaml", "articles/2025", True),
        ("/work/x/data/events.yaml", "..", False),  # the folder above: everything beside the log's too
        ("/work/x/data/events.yaml", "../..", False),
        ("/work/x/data/events.yaml", "../seeds/../../y", False),
        ("/tmp/events.yaml", "../etc", False),  # beside a top-level folder is the whole system
        ("/events.yaml", "..", False),
    ],
)
def test_the_corpus_is_the_logs_folder_below_or_beside_it_and_no_further(log, corpus, allowed):
    from pathlib import Path

    from tracker.files import corpus_problem

    assert (corpus_problem(Path(log), corpus) is None) == allowed
