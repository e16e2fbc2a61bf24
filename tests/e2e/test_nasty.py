"""The nasty-case corpus (tests/nasty/): every command against every hostile log.

The contract under test (docs/contract.md, "Errors and exit codes"): exit 0, or messages
with file:line:col and exit 1 (bad log) or 2 (bad arguments); never a
traceback, never a file the user did not ask for, bounded time on any input.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import REPO, open_log, run

from tracker.files import LOG_LIMIT
from tracker.render.text import inert

NASTY = REPO / "tests" / "nasty"
LATER = REPO / "tests" / "articles" / "later-report.txt"

COMMANDS = [
    ["timeline"],
    ["timeline", "--json"],
    ["signatories"],
    ["signatories", "--json", "--as-of", "2030"],
    ["candidates"],
    ["candidates", "--json"],
    ["sources"],
    ["sources", "--json"],
    ["due", "--json", "--known-by", "2025"],
    ["info", "--json"],
    ["chart"],
    ["chart", "--json", "--as-of", "2030"],
    ["show", "france-joins"],
    ["show", "france-joins", "--json"],
    ["country", "FR", "--as-of", "2030"],
    ["country", "France", "--json", "--as-of", "2030"],
    ["changes", "--since", "2025", "--until", "2030"],
    ["changes", "--since", "2025", "--until", "2030", "--json"],
    ["cite", "france-joins"],
    ["cite", "france-joins", "--style", "csl-json"],
    ["check"],
    ["check", "--json"],
    ["add", "source", "https://example.org/nasty-later", "--text-file", str(LATER), "--dry-run"],
]

# The first problem each invalid case must report, as LINE:COL: MESSAGE.
INVALID = {
    "flag-yes.yaml": "16:18: event 'france-joins' approximate must be true or false, not 'yes'",
    "flag-off.yaml": "16:18: event 'france-joins' approximate must be true or false, not 'off'",
    "timestamp-date.yaml": "11:11: event 'france-joins' date: '2025-11-03 10:00:00' is not an ISO date; "
    "write YYYY, YYYY-MM or YYYY-MM-DD",
    "tilde-null.yaml": "15:12: event 'france-joins' title is ~, which YAML reads as null; "
    "omit the field or quote the text",
    "empty-value.yaml": "15:11: event 'france-joins' title is an empty value, which YAML reads as null; "
    "omit the field or quote the text",
    "quoted-empty.yaml": "15:12: event 'france-joins' title is empty",
    "duplicate-key.yaml": "16:5: duplicate key 'title' in event 'france-joins' (first at line 15)",
    "python-tag.yaml": "15:12: YAML tags are not allowed "
    "(found 'tag:yaml.org,2002:python/object/apply:os.system')",
    "local-tag.yaml": "14:15: YAML tags are not allowed (found '!country')",
    "tabs.yaml": "12:1: YAML syntax error: ",
    "two-documents.yaml": "19:1: YAML syntax error: ",
    "latin1.yaml": "15:16: not UTF-8 text (byte 0xe7)",
    "utf16.yaml": "1:1: not UTF-8 text (byte 0xff)",
    "empty.yaml": "1:1: the log is empty; expected a mapping with 'sources' and 'events'",
    "only-comments.yaml": "1:1: the log is empty; expected a mapping with 'sources' and 'events'",
    "top-level-list.yaml": "1:1: the log must be a mapping of fields, not a list",
    "top-level-scalar.yaml": "1:1: the log must be a mapping of fields, not the text 'events'",
    "truncated.yaml": "17:9: event 'france-joins' citation #1 is missing the field 'quote'",
    "billion-laughs.yaml": "3:8: YAML aliases are not allowed; write the value out",
    # The guard or libyaml's own limit, whichever reads the nesting first (PyYAML 6.0.4 has one).
    "deep-nesting.yaml": "1:",
    "absolute-source.yaml": "8:11: source file '/etc/hostname' must be a path inside the corpus folder "
    "'corpus'",
    "dotdot-source.yaml": "8:11: source file '../outside.txt' must be a path inside the corpus folder "
    "'corpus'",
    "symlink-source.yaml": "8:11: source file corpus/escape.txt leads outside the corpus folder through a link",
    "missing-source.yaml": "8:11: source file corpus/missing.txt does not exist",
    "folder-source.yaml": "8:11: cannot read source file corpus/folder.txt: it is a folder, not a file",
    "symlink-loop.yaml": "8:11: cannot read source file corpus/loop-a.txt: Too many levels of symbolic links",
    "binary-source.yaml": "8:11: source file corpus/binary.txt is binary, not text",
    "latin1-source.yaml": "8:11: source file corpus/latin1.txt is not UTF-8 text",
    "nul-file.yaml": "8:11: cannot read source file corpus/art\\x00icle.txt: its name contains a NUL byte",
    "nul-corpus.yaml": "2:9: corpus 'cor\\x00pus' contains a NUL byte, which no folder name can hold",
    "absolute-corpus.yaml": "2:9: corpus '/etc' must be a folder relative to the log, not an absolute path",
    "climbing-corpus.yaml": "2:9: corpus '../../../../../../../../../../../../etc' is too far from the log: "
    "it must be the log's folder, a folder under it, or a folder beside it (../NAME)",
    "linked-corpus.yaml": "2:9: corpus 'seeds-link' is too far from the log: "
    "it must be the log's folder, a folder under it, or a folder beside it (../NAME)",
    "control-character.yaml": "15:19: control character U+001B in the log; "
    'YAML allows it only escaped in double quotes ("\\u001b")',
    "nel-in-title.yaml": '15:28: line break U+0085 in the log; YAML allows it only escaped in double quotes ("\\u0085")',
    "duplicate-source-path.yaml": "10:11: source 'art-again' is the same article as source 'art' (line 7): "
    "the same file by another path",
    "duplicate-source-url.yaml": "12:10: source 'web-again' is the same article as source 'web' (line 9): "
    "the same URL",
    "unannounced-signing.yaml": "14:16: event 'france-joins' signs for 'FR', but no announcement or "
    "confirmation of 'FR' comes before it",
    "party-and-broker.yaml": "5:16: 'IL' is both the accords' party and their broker; give it one role",
}
# Where the message's words come from the YAML library, the contract is the location and
# our prefix; the rest is the dependency's sentence, which a new release may reword.
PREFIX_ONLY = {"tabs.yaml", "two-documents.yaml", "deep-nesting.yaml"}


def reads_as_expected(name: str, line: str, path: Path) -> bool:
    expected = f"{path}:{INVALID[name]}"
    return line.startswith(expected) if name in PREFIX_ONLY else line == expected


VALID = [
    "valid.yaml",
    "norway-no.yaml",
    "year-as-integer.yaml",
    "octal-looking-ids.yaml",
    "bom.yaml",
    "crlf.yaml",
    "bom-crlf.yaml",
    "terminal-escapes.yaml",
    "invisible-controls.yaml",
    "beside-corpus.yaml",
]


def test_every_file_in_the_corpus_has_an_expectation():
    assert sorted(p.name for p in NASTY.glob("*.yaml")) == sorted([*INVALID, *VALID])


@pytest.mark.parametrize("name", sorted(INVALID))
def test_invalid_log_fails_every_command_with_its_location(name):
    path = NASTY / name
    for args in COMMANDS:
        result = run(*args, "--data", str(path))
        assert result.exit_code == 1, (args, result.stdout, result.stderr)
        assert result.exception is None or isinstance(result.exception, SystemExit)
        assert "Traceback" not in result.stdout + result.stderr
        if args == ["check", "--json"]:
            first = json.loads(result.stdout)[0]
            shown = inert(f"{path}:{first['line']}:{first['col']}: {first['message']}")
            assert reads_as_expected(name, shown, path), shown
        elif args == ["check"]:
            assert reads_as_expected(name, result.stdout.splitlines()[0], path), result.stdout
        else:
            assert result.stdout == ""
            assert reads_as_expected(name, result.stderr.splitlines()[0], path), result.stderr
            assert result.stderr.splitlines()[-1].startswith(f"tracker: {path} is invalid (")


@pytest.mark.parametrize("name", VALID)
def test_valid_log_works_with_every_command(name):
    """Each command answers with what the log holds, as the loader read it."""
    path = NASTY / name
    log, problems = open_log(path)
    assert problems == [] and log is not None
    first = log.events[0]
    titles = {e.id: e.title for e in log.events}
    subjects = {c for e in log.events for c in e.subjects}
    for args in COMMANDS:
        result = run(*args, "--data", str(path))
        assert result.exit_code == 0, (args, result.stdout, result.stderr)
        if args[0] == "due":  # the nasty logs' article has no publication date
            assert result.stderr == "tracker: 1 source without a publication date left out by --known-by.\n"
        elif args[0] not in ("check", "add"):
            assert result.stderr == ""
        out = json.loads(result.stdout) if "--json" in args else result.stdout
        match args:
            case ["timeline", "--json"]:
                assert {r["id"]: r["title"] for r in out} == titles
            case ["signatories", "--json", *_]:
                assert {r["code"] for r in out if r["role"] == "member"} == subjects
            case ["candidates", "--json"]:
                assert out == []  # every subject was announced
            case ["due", *_]:
                assert out == []  # nothing was expected
            case ["info", "--json"]:
                assert (out["events"], out["sources"]) == (len(log.events), len(log.sources))
            case ["chart", "--json", *_]:
                assert {lane["code"] for lane in out["lanes"]} == subjects
                assert out["members"][-1]["count"] == len(subjects)
            case ["chart"]:
                assert "Members" in out and "█ signed" in out
            case ["sources", "--json"]:
                assert [r["id"] for r in out] == [s.id for s in log.sources]
            case ["show", _, "--json"]:
                assert (out["id"], out["title"]) == (first.id, first.title)
            case ["add", *_]:
                assert result.stdout.startswith(f"--- {path}\n+++ {path}\n")
                assert "+    url: https://example.org/nasty-later" in result.stdout
                assert result.stderr.endswith(f"tracker: dry run; {path} is unchanged\n")
            case ["check", "--json"]:
                assert [r for r in out if r["severity"] == "error"] == []
            case ["check"]:
                assert ": OK, " in out.splitlines()[-1]
                assert (
                    out.splitlines()[-1]
                    .split(" warning")[0]
                    .endswith(
                        f"OK, {len(log.events)} events, {len(log.sources)} sources, "
                        f"{len(log.events)} quotes verified in 1 stored texts, "
                        f"{len(out.splitlines()) - 1}"
                    )
                )
            case ["timeline"] | ["show", _]:
                assert first.id in out or "France" in out or "Norway" in out
            case ["signatories"]:
                assert "member" in out
            case ["candidates"]:
                assert "0 countries" in out
            case ["sources"]:
                assert "article.txt" in out


def test_yaml_1_1_lookalikes_stay_the_text_that_was_written():
    norway = json.loads(
        run("signatories", "--json", "--as-of", "2030", "--data", str(NASTY / "norway-no.yaml")).stdout
    )
    assert [row["code"] for row in norway] == ["NO", "IL", "US"]
    year = json.loads(run("timeline", "--json", "--data", str(NASTY / "year-as-integer.yaml")).stdout)
    assert year[0]["date"] == "1992"
    ids = json.loads(run("timeline", "--json", "--data", str(NASTY / "octal-looking-ids.yaml")).stdout)
    assert [e["id"] for e in ids] == ["france-joins", "0o17", "017"]


@pytest.mark.parametrize("name", ["bom.yaml", "crlf.yaml", "bom-crlf.yaml"])
def test_bom_and_crlf_read_exactly_like_the_plain_file(name):
    assert (NASTY / name).read_bytes() != (NASTY / "valid.yaml").read_bytes()
    for args in (["timeline", "--json"], ["show", "france-joins", "--json"]):
        plain = run(*args, "--data", str(NASTY / "valid.yaml")).stdout
        assert run(*args, "--data", str(NASTY / name)).stdout == plain


def test_escape_sequences_from_the_log_are_inert_in_tables_and_intact_in_json():
    path = str(NASTY / "terminal-escapes.yaml")
    title = "\x1b[2J\x1b]0;owned\x07[bold red]France[/] joins\rX\x9b31m"
    assert json.loads(run("timeline", "--json", "--data", path).stdout)[0]["title"] == title
    shown = json.loads(run("show", "france-joins", "--json", "--data", path).stdout)
    assert shown["note"] == "\x1b]8;;https://evil.example\x1b\\click\x1b]8;;\x1b\\ \u202etxt.exe"
    for args in (["timeline"], ["show", "france-joins"], ["signatories", "--as-of", "2030"]):
        out = run(*args, "--data", path, env={"COLUMNS": "400"}).stdout
        assert not set(out) & {"\x1b", "\x07", "\r", "\x9b"}, args
    table = run("timeline", "--data", path, env={"COLUMNS": "400"}).stdout
    assert "\\x1b[2J\\x1b]0;owned\\x07[bold red]France[/] joins\\x0dX\\x9b31m" in table


# Every character that must never reach a terminal raw, in invisible-controls.yaml.
TITLE = (
    "France \u202ewill not join\u202c \u202a\u202b\u202d\u2066\u2067\u2068\u2069 "
    "\u200e\u200f\u061c the accords"
)
NOTE = (
    "zero\u200bwidth\u200c\u200d\u2060\u2061\u2062\u2063\u2064\ufeff soft\u00adhyphen "
    "line\u2028para\u2029tag\U000e0041 end"
)
HIDDEN = {"Cc", "Cf", "Zl", "Zp", "Cs", "Cn"}


def test_bidi_and_invisible_characters_show_as_escapes_in_tables_and_stay_exact_in_json():
    import unicodedata

    path = str(NASTY / "invisible-controls.yaml")
    assert json.loads(run("timeline", "--json", "--data", path).stdout)[0]["title"] == TITLE
    shown = json.loads(run("show", "france-joins", "--json", "--data", path).stdout)
    assert shown["note"] == NOTE and shown["source_details"][0]["outlet"] == "Outlet \u2067\u202e"
    # What a reader sees: each character as its escape, as Python writes it (`\u202e`, `\xad`).
    title, note = (text.encode("ascii", "backslashreplace").decode("ascii") for text in (TITLE, NOTE))
    assert "\\u202ewill not join\\u202c" in title
    wide = {"COLUMNS": "400"}
    outputs = {
        "timeline": run("timeline", "--data", path, env=wide).stdout,
        "show": run("show", "france-joins", "--data", path, env=wide).stdout,
        "markdown": run("timeline", "-o", "markdown", "--data", path).stdout,
    }
    assert title in outputs["timeline"]
    assert title in outputs["show"]
    assert note in outputs["show"]
    assert "Outlet \\u2067\\u202e" in outputs["show"]
    assert title.replace("\\", "\\\\") in outputs["markdown"]  # Markdown escapes the backslash itself
    for name, out in outputs.items():
        assert not [c for c in out if c != "\n" and unicodedata.category(c) in HIDDEN], name
    # CSV is data, like JSON: kept exact.
    assert TITLE in run("timeline", "-o", "csv", "--data", path).stdout


# -- cases made at test time: too big to commit, or not storable in git -------


def _subprocess(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """A real process, with a generous ceiling so a hang fails instead of stalling CI."""
    return subprocess.run(
        [sys.executable, "-m", "tracker", *args],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=cwd,
        env={**os.environ, "NO_COLOR": "1"},
    )


def _corpus_copy(tmp_path: Path) -> Path:
    folder = tmp_path / "nasty"
    shutil.copytree(NASTY, folder, symlinks=True)
    return folder


def test_a_multi_megabyte_line_is_read_in_bounded_time(tmp_path):
    folder = _corpus_copy(tmp_path)
    text = (NASTY / "valid.yaml").read_text(encoding="utf-8")
    long_note = "    note: " + "word " * 1_000_000 + "\n"
    (folder / "long.yaml").write_text(
        text.replace("    cite:\n", long_note + "    cite:\n"), encoding="utf-8"
    )
    result = _subprocess("show", "france-joins", "--json", "--data", str(folder / "long.yaml"))
    assert result.returncode == 0, result.stderr
    assert len(json.loads(result.stdout)["note"]) == len("word " * 1_000_000) - 1
    (folder / "junk-line.yaml").write_text("x" * 5_000_000, encoding="utf-8")
    result = _subprocess("check", "--data", str(folder / "junk-line.yaml"))
    assert result.returncode == 1
    assert result.stdout.startswith(f"{folder / 'junk-line.yaml'}:1:1: the log must be a mapping of fields")


@pytest.mark.parametrize("kind", ["random-bytes", "printable"])
def test_a_large_file_of_junk_fails_cleanly(tmp_path, kind):
    import random

    rng = random.Random(7)
    path = tmp_path / "junk.yaml"
    if kind == "random-bytes":
        path.write_bytes(rng.randbytes(8_000_000))
    else:
        alphabet = "abc:-[]{}#&*!|>'\" \n\t,?%@`"
        path.write_text("".join(rng.choice(alphabet) for _ in range(2_000_000)), encoding="utf-8")
    result = _subprocess("check", "--data", str(path))
    assert result.returncode == 1, result.stderr
    assert result.stdout.startswith(f"{path}:")
    assert "Traceback" not in result.stderr


def test_a_log_over_the_size_limit_is_refused_without_reading_it(tmp_path):
    path = tmp_path / "huge.yaml"
    with path.open("wb") as file:
        file.truncate(LOG_LIMIT + 1)  # sparse: costs no disk
    result = run("check", "--data", str(path))
    assert result.exit_code == 1
    assert result.stdout == f"{path}:1:1: cannot read the log: it is larger than 256 MiB\n"


def test_pipes_and_devices_are_refused_without_blocking(tmp_path):
    folder = _corpus_copy(tmp_path)
    os.mkfifo(folder / "corpus" / "fifo.txt")
    text = (NASTY / "valid.yaml").read_text(encoding="utf-8").replace("article.txt", "fifo.txt")
    (folder / "fifo-source.yaml").write_text(text, encoding="utf-8")
    result = _subprocess("check", "--data", str(folder / "fifo-source.yaml"))
    assert result.returncode == 1
    assert result.stdout == (
        f"{folder / 'fifo-source.yaml'}:8:11: cannot read source file corpus/fifo.txt: "
        "it is not a regular file (a pipe, socket or device?)\n"
    )
    os.mkfifo(tmp_path / "fifo.yaml")
    for data in (str(tmp_path / "fifo.yaml"), "/dev/zero"):
        result = _subprocess("timeline", "--data", data)
        assert result.returncode == 2
        assert f"{data} is not a regular file (a pipe or a device?)" in result.stderr


EXPORTS = ["html", "sqlite", "ics"]


@pytest.mark.parametrize("name", sorted([*INVALID, *VALID]))
def test_exports_write_a_file_for_a_valid_log_and_nothing_for_an_invalid_one(name, tmp_path):
    path = NASTY / name
    for kind in EXPORTS:
        out = tmp_path / f"export.{kind}"
        result = run("export", kind, str(out), "--data", str(path))
        assert "Traceback" not in result.stdout + result.stderr
        if name in INVALID:
            assert result.exit_code == 1, (kind, result.stderr)
            assert reads_as_expected(name, result.stderr.splitlines()[0], path), result.stderr
            assert not out.exists()
        else:
            assert result.exit_code == 0, (kind, result.stderr)
            assert out.stat().st_size > 0
    written = [f"export.{k}" for k in EXPORTS] + ["export.metadata.json"]  # Datasette's, beside the database
    assert sorted(p.name for p in tmp_path.iterdir()) == ([] if name in INVALID else sorted(written))


@pytest.mark.slow
def test_no_command_writes_a_file(tmp_path, monkeypatch):
    folder = _corpus_copy(tmp_path)
    monkeypatch.chdir(folder)
    before = sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*"))
    for name in [*INVALID, *VALID]:
        for args in COMMANDS:
            run(*args, "--data", name)
    assert sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*")) == before
    assert not (folder / "pwned").exists()


@pytest.mark.parametrize("name", sorted([*INVALID, *VALID]))
def test_quote_never_breaks_on_a_nasty_log(name):
    """`quote` reads logs with problems too (a failing quote is why one asks); never a traceback."""
    path = NASTY / name
    result = run("quote", "art", "France said on Monday it would join", "--json", "--data", str(path))
    assert result.exit_code in (0, 1, 2), result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    if name in VALID:
        assert json.loads(result.stdout)["grade"] in ("exact", "normalised")
