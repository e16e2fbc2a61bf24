"""Issue 11, classes 1-3: text that reaches a terminal, streams that are not ordinary, paths.

The contract (docs/contract.md, "Errors and exit codes"): every character that a
terminal would not show as itself is printed as its escape on every path that
prints text (tables, captions, problems, summaries, usage errors, paths echoed
back); a closed, non-UTF-8 or otherwise odd stdout or stderr never gives a
traceback nor mixes messages into an answer; a path that cannot be one is a
problem at its field (in the log) or a usage error (on the command line).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest
from conftest import HEADER, REPO, WEB_TEXT, run
from hypothesis import given
from hypothesis import strategies as st

from tracker import cli
from tracker.render.text import escape, inert

NASTY = REPO / "tests" / "nasty"
HIDDEN = {"Cc", "Cf", "Zl", "Zp", "Cs", "Cn"}

# The bidi controls of the issue, then the rest of the invisible classes: zero-width
# characters, word joiner and invisible operators, BOM, soft hyphen, the line and
# paragraph separators, a tag character, interlinear annotation, C0 and C1 controls.
CONTROLS = [
    *map(chr, range(0x202A, 0x202F)),
    *map(chr, range(0x2066, 0x206A)),
    "\u200e",
    "\u200f",
    "\u061c",
    *map(chr, range(0x200B, 0x200E)),
    *map(chr, range(0x2060, 0x2065)),
    "\ufeff",
    "\u00ad",
    "\u2028",
    "\u2029",
    "\u180e",
    "\U000e0041",
    "\ufff9",
    "\x1b",
    "\x85",
]


# -- class 1: the one printer of text ------------------------------------------


# Any character at all, with the hidden categories drawn often enough to be met in every run:
# a line or paragraph separator is one code point in a million, and `st.text` leaves out
# surrogates (which Python uses for the bytes of a file name that are not UTF-8).
RARE = ["\u2028", "\u2029", "\ud800", "\udc80", "\udcff", "\udfff", "\x85", "\ufeff"]
ANY_TEXT = st.lists(
    st.one_of(
        st.characters(exclude_categories=()),
        st.characters(categories=sorted(HIDDEN)),
        st.sampled_from(RARE),
    )
).map("".join)


@given(ANY_TEXT)
def test_inert_text_holds_no_character_a_terminal_would_hide_or_obey(text):
    shown = inert(text)
    assert not [c for c in shown if unicodedata.category(c) in HIDDEN]
    kept = [c for c in text if unicodedata.category(c) not in HIDDEN]
    assert [c for c in shown if not c.isascii()] == [c for c in kept if not c.isascii()]


def test_inert_writes_each_character_as_python_would():
    assert inert("a\u202eb\u2028c\td\ne\x1b\xadf\U000e0041") == "a\\u202eb\\u2028c d e\\x1b\\xadf\\U000e0041"
    assert inert("bad\udcffname\ud800") == "bad\\xffname\\ud800"  # a non-UTF-8 byte of a file name
    assert inert("Zürich\u00a0“quoted” \ue000 👍") == "Zürich\u00a0“quoted” \ue000 👍"  # visible text stays


def _main(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], *args: str
) -> tuple[int, str, str]:
    """The real entry point, in-process: usage errors are printed by `main`, not by click."""
    monkeypatch.setattr(sys, "argv", ["tracker", *args])
    monkeypatch.setenv("COLUMNS", "400")
    monkeypatch.setenv("NO_COLOR", "1")
    with pytest.raises(SystemExit) as stopped:
        cli.main()
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return int(stopped.value.code or 0), out, err


def _quoted(text: str) -> str:
    """A YAML double-quoted scalar of `text`: every character outside printable ASCII as an escape."""
    return '"' + "".join(c if " " <= c <= "~" and c not in '"\\' else f"\\U{ord(c):08x}" for c in text) + '"'


def _log(folder: Path, title: str, *, corpus: str = ".", name: str = "events.yaml", quote: str = "") -> Path:
    """A one-event log whose title holds `title`, written with YAML escapes, and its article."""
    (folder / corpus).mkdir(parents=True, exist_ok=True)
    (folder / corpus / "article.txt").write_text("France said on Monday it would join.\n", encoding="utf-8")
    (folder / corpus / "web.txt").write_text(WEB_TEXT, encoding="utf-8")
    escaped = _quoted(title)
    text = HEADER.replace("format: 1\n", f"format: 1\ncorpus: {_quoted(corpus)}\n") + (
        "  - id: e\n    date: 2025-11-03\n    kind: announcement\n    countries: [FR, IL, US]\n"
        f"    subjects: [FR]\n    title: {escaped}\n    cite:\n      - source: art\n"
        f"        quote: {quote or 'France said on Monday it would join.'}\n"
    )
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize("char", CONTROLS, ids=[f"U+{ord(c):04X}" for c in CONTROLS])
def test_each_invisible_character_is_escaped_wherever_text_is_printed(tmp_path, monkeypatch, capsys, char):
    seen = escape(char)
    shown = f"A{seen}B"
    log = str(_log(tmp_path, f"A{char}B", corpus=f"cor{char}pus"))

    def clean(text: str) -> bool:
        return char not in text.replace("\n", "") if char != "\x85" else char not in text

    for args in (["timeline"], ["show", "e"]):
        code, out, err = _main(monkeypatch, capsys, *args, "--data", log)
        assert code == 0 and shown in out and clean(out), (args, err)
    code, out, _ = _main(monkeypatch, capsys, "sources", "--data", log)  # the caption names the corpus
    assert (
        code == 0
        and f"local articles (the log's cor{seen}pus/) by their path from the current folder." in out
        and clean(out)
    )
    code, out, _ = _main(monkeypatch, capsys, "timeline", "--json", "--data", log)
    assert json.loads(out)[0]["title"] == f"A{char}B"  # JSON is data: exact

    usage = {
        ("timeline", "--country", f"X{char}"): f"unknown country 'X{seen}'",
        ("show", f"no{char}such", "--data", log): f"no event 'no{seen}such'",
        (
            "timeline",
            "--data",
            str(tmp_path / f"gone{char}.yaml"),
        ): f"no such file: {tmp_path}/gone{seen}.yaml",
    }
    for args, message in usage.items():
        code, out, err = _main(monkeypatch, capsys, *args)
        assert (code, out) == (2, "") and message in err and clean(err), (args, err)

    named = tmp_path / f"log{char}.yaml"
    shutil.copy(log, named)
    code, out, _ = _main(monkeypatch, capsys, "check", "--data", str(named))
    assert (
        code == 0
        and out.splitlines()[-1].startswith(f"{tmp_path}/log{seen}.yaml: OK, 1 events")
        and clean(out)
    )
    named.write_text(named.read_text(encoding="utf-8").replace("quote: France", "quote: Spain"), "utf-8")
    code, out, err = _main(monkeypatch, capsys, "timeline", "--data", str(named))
    assert code == 1 and out == "" and clean(err)
    assert err.splitlines()[0].startswith(f"{tmp_path}/log{seen}.yaml:20:16: quote not found")
    assert (
        err.splitlines()[-1]
        == f"tracker: {tmp_path}/log{seen}.yaml is invalid (1 problem); nothing else was done"
    )
    code, out, _ = _main(monkeypatch, capsys, "check", "--json", "--data", str(named))
    assert code == 1 and json.loads(out)[0]["file"] == str(named)  # exact in JSON


# -- class 2: output streams that are not ordinary -----------------------------


def _process(
    *args: str | bytes, shell: str = "", env: dict[str, str] | None = None, cwd: Path | None = None
) -> subprocess.CompletedProcess[bytes]:
    """`python -m tracker ARGS SHELL` in bash, so that `>&-` and `2>&-` close the descriptors for real."""
    command = [b"bash", b"-c", f'exec "$0" -m tracker "$@" {shell}'.encode(), sys.executable.encode()]
    command += [a if isinstance(a, bytes) else a.encode() for a in args]
    environment = {**os.environ, "NO_COLOR": "1", "COLUMNS": "100", **(env or {})}
    return subprocess.run(command, capture_output=True, timeout=120, env=environment, cwd=cwd)


def _nasty_copy(tmp_path: Path) -> Path:
    folder = tmp_path / "logs"
    folder.mkdir()
    shutil.copytree(NASTY / "corpus", folder / "corpus", symlinks=True)
    valid = (NASTY / "valid.yaml").read_text(encoding="utf-8")
    (folder / "valid.yaml").write_bytes(valid.encode())
    damaged = valid.replace("quote: France said on Monday", "quote: Françe said on Monday")
    (folder / "damaged.yaml").write_bytes(damaged.encode())
    return folder


@pytest.mark.parametrize(
    "args",
    [
        ["signatories", "--json", "--as-of", "2030"],
        ["signatories", "--json", "--as-of", "2030"],  # the second run answers from the cache
        ["timeline"],
        ["show", "france-joins", "--no-cache"],
        ["check"],
        ["check", "--json"],
        ["--version"],
    ],
)
def test_a_closed_stdout_is_one_line_on_stderr_and_exit_1(tmp_path, args):
    logs = _nasty_copy(tmp_path)
    data = [] if args == ["--version"] else ["--data", str(logs / "valid.yaml")]
    result = _process(*args, *data, shell=">&-")
    assert (result.returncode, result.stderr) == (
        1,
        b"tracker: cannot write the output: standard output is closed\n",
    )


def test_a_closed_stderr_never_puts_messages_into_the_answer(tmp_path):
    logs = _nasty_copy(tmp_path)
    damaged, valid = str(logs / "damaged.yaml"), str(logs / "valid.yaml")
    bad_log = _process("timeline", "--json", "--data", damaged, shell="2>&-")
    assert (bad_log.returncode, bad_log.stdout) == (1, b"")
    bad_date = _process("timeline", "--json", "--since", "bogus", "--data", valid, shell="2>&-")
    assert (bad_date.returncode, bad_date.stdout) == (2, b"")
    checked = _process("check", "--json", "--data", damaged, shell="2>&-")  # the summary goes to stderr
    assert checked.returncode == 1 and [p["line"] for p in json.loads(checked.stdout)] == [18]
    good = _process("timeline", "--json", "--data", valid, shell="2>&-")
    assert good.returncode == 0 and json.loads(good.stdout)[0]["id"] == "france-joins"
    both = _process("timeline", "--data", damaged, shell=">&- 2>&-")
    assert (both.returncode, both.stdout, both.stderr) == (1, b"", b"")


# ASCII streams: Python's own choice of encoding, and the C locale without UTF-8 mode.
# In the C locale, Python keeps an argument's bytes as surrogates; they are read as UTF-8
# (files.arguments), so an echoed argument is the same escaped character either way.
ASCII = {
    "ascii": ({"PYTHONIOENCODING": "ascii"}, "\\xe9"),
    "c-locale": ({"LC_ALL": "C", "PYTHONUTF8": "0", "PYTHONIOENCODING": ""}, "\\xe9"),
}


@pytest.mark.parametrize("name", sorted(ASCII))
def test_an_ascii_stdout_and_stderr_get_escapes_not_an_encoding_error(tmp_path, name):
    env, e_acute = ASCII[name]
    logs = _nasty_copy(tmp_path)
    damaged = logs / "damaged.yaml"
    checked = _process("check", "--data", str(damaged), env=env)
    assert checked.returncode == 1, checked.stderr
    assert checked.stdout.decode("ascii") == (
        f"{damaged}:18:16: quote not found in corpus/article.txt (source 'art'): "
        "'Fran\\xe7e said on Monday it would join the accords.'; "
        "not in the article, not even its first word 'Fran\\xe7e'; "
        "the nearest passage (97.9%) is at line 1: 'France said on Monday it would join the accords.'\n"
    )
    assert checked.stderr == f"{damaged}: 1 problem\n".encode()
    invalid = _process("timeline", "--data", str(damaged), env=env)
    assert (
        invalid.returncode == 1
        and b"'Fran\\xe7e said" in invalid.stderr
        and b"Traceback" not in invalid.stderr
    )

    named = logs / "é.yaml"
    shutil.copy(logs / "valid.yaml", named)
    ok = _process("check", "--data", str(named), env=env)
    assert ok.returncode == 0 and ok.stdout.decode("ascii").splitlines()[-1].startswith(
        f"{logs}/{e_acute}.yaml: OK, 1 events"
    )
    usage = _process("timeline", "--country", "Kazakhstané", env=env)
    assert usage.returncode == 2 and f"unknown country 'Kazakhstan{e_acute}'".encode() in usage.stderr

    # Answers are UTF-8 bytes whatever the locale, exactly as in a UTF-8 one.
    utf8 = {"PYTHONIOENCODING": "utf-8"}
    for args in (
        ["show", "france-joins", "--json"],
        ["show", "france-joins"],
        ["timeline", "-o", "markdown"],
    ):
        answer = _process(*args, "--data", str(named), "--no-cache", env=env)
        assert answer.returncode == 0 and answer.stderr == b"", answer.stderr
        if "--json" in args:
            assert answer.stdout == _process(*args, "--data", str(named), "--no-cache", env=utf8).stdout


def test_a_log_path_that_is_not_utf8_keeps_json_valid_and_messages_escaped(tmp_path):
    logs = _nasty_copy(tmp_path)
    bad, good = os.fsencode(logs) + b"/bad\xff.yaml", os.fsencode(logs) + b"/good\xff.yaml"
    shutil.copy(logs / "damaged.yaml", bad)
    shutil.copy(logs / "valid.yaml", good)
    shown = f"{logs}/bad\\xff.yaml"
    env = {"PYTHONIOENCODING": "utf-8"}
    checked = _process("check", "--json", "--data", bad, env=env)
    assert checked.returncode == 1, checked.stderr
    problems = json.loads(checked.stdout.decode("utf-8"))
    assert [(p["file"], p["line"], p["col"]) for p in problems] == [(shown, 18, 16)]
    assert checked.stderr == f"{shown}: 1 problem\n".encode()
    assert _process("check", "--data", bad, env=env).stdout.startswith(
        f"{shown}:18:16: quote not found".encode()
    )
    invalid = _process("timeline", "--json", "--data", bad, env=env)
    assert invalid.returncode == 1 and invalid.stdout == b""
    assert invalid.stderr.endswith(
        f"tracker: {shown} is invalid (1 problem); nothing else was done\n".encode()
    )
    ok = _process("check", "--data", good, env=env)
    assert ok.returncode == 0 and ok.stdout.splitlines()[-1].startswith(f"{logs}/good\\xff.yaml: OK".encode())
    missing = _process("timeline", "--data", os.fsencode(logs) + b"/gone\xff.yaml", env=env)
    assert missing.returncode == 2 and f"no such file: {logs}/gone\\xff.yaml".encode() in missing.stderr


# -- class 3: paths --------------------------------------------------------------


def test_a_corpus_may_be_beside_the_log_but_no_further(tmp_path):
    logs = tmp_path / "repo" / "data"
    logs.mkdir(parents=True)
    beside = _log(tmp_path / "repo", "Beside", corpus="seeds").read_text(encoding="utf-8")
    (logs / "events.yaml").write_text(beside.replace('corpus: "seeds"', 'corpus: "../seeds"'), "utf-8")
    assert run("check", "--data", str(logs / "events.yaml")).exit_code == 0
    (tmp_path / "outside.txt").write_text("France said on Monday it would join.\n", encoding="utf-8")
    cases = {
        "../..": "'../..' is too far from the log",
        "../../repo/../..": "'../../repo/../..' is too far from the log",
        "../seeds/../..": "'../seeds/../..' is too far from the log",
        "out": "'out' is too far from the log",  # a link to the folder above the parent
        "/": "'/' must be a folder relative to the log, not an absolute path",
        "seeds\0": "'seeds\\x00' contains a NUL byte",
    }
    (logs / "out").symlink_to(tmp_path)
    for corpus, message in cases.items():
        text = beside.replace('corpus: "seeds"', f"corpus: {_quoted(corpus)}").replace(
            "file: article.txt", "file: outside.txt"
        )
        (logs / "events.yaml").write_text(text, encoding="utf-8")
        for args in (["check"], ["timeline", "--json"], ["sources"]):
            result = run(*args, "--data", str(logs / "events.yaml"))
            lines = (result.stdout if args == ["check"] else result.stderr).splitlines()
            assert result.exit_code == 1, (corpus, args, result.exception)
            assert inert(lines[0]).startswith(f"{logs / 'events.yaml'}:2:9: corpus {message}"), (
                corpus,
                lines,
            )


@pytest.mark.parametrize("file", ["a\0b.txt", "\0", "article.txt\0", "../\0"])
def test_a_nul_byte_in_a_source_file_is_a_problem_at_its_field(tmp_path, file):
    path = _log(tmp_path, "NUL")
    path.write_text(path.read_text(encoding="utf-8").replace("file: article.txt", f"file: {_quoted(file)}"))
    result = run("check", "--data", str(path))
    assert result.exit_code == 1
    assert result.stdout.splitlines()[0] == inert(
        f"{path}:8:11: cannot read source file ./{file}: its name contains a NUL byte"
    )


def _refuse(path: str, error: OSError) -> object:
    """os.stat that fails with `error` for `path` only: a folder that may not be entered, as root."""
    real = os.stat

    def stat(name, *args, **kwargs):  # type: ignore[no-untyped-def]
        if name == path:
            raise error
        return real(name, *args, **kwargs)

    return stat


def test_a_data_value_that_cannot_be_a_path_is_a_usage_error(tmp_path, monkeypatch, capsys):
    long = "x" * 5000
    (tmp_path / "file.yaml").write_text("format: 1\n", encoding="utf-8")
    (tmp_path / "loop").symlink_to(tmp_path / "loop")
    hint = "Invalid value for '--data' / TRACKER_DATA"
    cases = {
        long: f"cannot open {long}: File name too long",
        str(tmp_path / "file.yaml" / "x.yaml"): f"no such file: {tmp_path}/file.yaml/x.yaml",
        str(tmp_path / "loop"): f"cannot open {tmp_path}/loop: Too many levels of symbolic links",
        "a\0b.yaml": "a\\x00b.yaml is not a path: it contains a NUL byte",
    }
    for data, message in cases.items():
        for variable in (False, True) if "\0" not in data else (False,):  # no variable can hold a NUL
            if variable:
                monkeypatch.setenv("TRACKER_DATA", data)
            code, out, err = _main(
                monkeypatch, capsys, "timeline", "--json", *([] if variable else ["--data", data])
            )
            monkeypatch.delenv("TRACKER_DATA", raising=False)
            assert (code, out) == (2, ""), err
            assert f"{hint}: {message}" in err.replace("\n", " ")
    denied = str(tmp_path / "locked" / "events.yaml")
    monkeypatch.setattr(cli.args.os, "stat", _refuse(denied, PermissionError(13, "Permission denied")))
    code, _, err = _main(monkeypatch, capsys, "timeline", "--data", denied)
    assert code == 2 and f"{hint}: cannot open {denied}: Permission denied" in err


def test_a_cached_answer_is_not_served_where_the_same_log_has_its_corpus_too_far(tmp_path):
    first = tmp_path / "repo" / "data"
    first.mkdir(parents=True)
    log = _log(tmp_path / "repo", "Cached", corpus="seeds").read_text(encoding="utf-8")
    log = log.replace('corpus: "seeds"', 'corpus: "../seeds"')
    (first / "events.yaml").write_text(log, encoding="utf-8")
    assert run("timeline", "--json", "--data", str(first / "events.yaml")).exit_code == 0  # now cached
    far = tmp_path / "elsewhere" / "deep" / "data"  # the same bytes, whose ../seeds leads far away
    far.mkdir(parents=True)
    (far / "events.yaml").write_text(log, encoding="utf-8")
    (far.parent / "seeds").symlink_to(tmp_path / "repo" / "seeds")
    moved = run("timeline", "--json", "--data", str(far / "events.yaml"))
    assert moved.exit_code == 1 and moved.stdout == ""
    assert moved.stderr.startswith(f"{far / 'events.yaml'}:2:9: corpus '../seeds' is too far from the log")


def test_a_stderr_open_for_reading_only_never_fails_the_answer(tmp_path):
    """`2</dev/null`: the notices have nowhere to go, and the answer is still printed, exit 0."""
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path)}
    for _ in range(2):  # the full command, then the front door's hit
        with open(os.devnull, "rb") as nowhere:
            done = subprocess.run(
                [sys.executable, "-m", "tracker", "signatories", "--json"],
                stdout=subprocess.PIPE, stderr=nowhere, env=env, timeout=120,
            )  # fmt: skip
        assert done.returncode == 0
        assert any(row["code"] == "KZ" for row in json.loads(done.stdout))
