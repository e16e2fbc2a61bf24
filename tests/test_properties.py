"""Property-based tests: valid logs built at random, then damaged at random.

For any log and any command, the CLI exits 0, 1 or 2, never raises, and its
JSON parses; on valid logs the queries keep their invariants.
"""

from __future__ import annotations

import json
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import pytest
from conftest import run
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tracker.dates import parse_iso
from tracker.log.quotes import MIN_WORDS
from tracker.model import SUBJECT_KINDS, Kind

WORDS = [
    "France",
    "Norway",
    "said",
    "talks",
    "would",
    "join",
    "the",
    "accords",
    "on",
    "Monday",
    "officials",
    "Zürich",
    "“possible”",
    "member",
    "signed",
    "in",
    "Washington",
    "-",
    "2025",
]
MEMBERS = ["FR", "DE", "NO", "KZ", "SA", "AZ", "UZ", "MA"]
START = date(2019, 1, 1)
SETTINGS = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
        HealthCheck.function_scoped_fixture,
    ],
)


@dataclass
class Log:
    """A log's text and its articles, written into a fresh folder by `write`."""

    text: str
    articles: dict[str, bytes]
    event_ids: list[str]

    @contextmanager
    def written(self) -> Iterator[Path]:
        """The log and its articles in a fresh folder, for the length of a `with`."""
        with tempfile.TemporaryDirectory() as folder:
            yield self.write(Path(folder))

    def write(self, folder: Path) -> Path:
        for name, content in self.articles.items():
            (folder / name).write_bytes(content)
        path = folder / "events.yaml"
        path.write_bytes(self.text.encode("utf-8", "surrogatepass"))
        return path


def q(text: str) -> str:
    """A YAML double-quoted scalar (JSON's string syntax is a subset)."""
    return json.dumps(text, ensure_ascii=False)


def _words(words: list[str]) -> int:
    return sum(1 for word in words if any(char.isalnum() for char in word))


@st.composite
def articles(draw: st.DrawFn) -> list[list[str]]:
    # A sentence carries a word, and so does every quote cut from it: a quote must prove something.
    # ... and at least MIN_WORDS words, the shortest quote check accepts that is not a whole sentence.
    sentence = st.lists(st.sampled_from(WORDS), min_size=MIN_WORDS, max_size=10).filter(
        lambda s: _words(s) >= MIN_WORDS
    )
    return draw(st.lists(sentence, min_size=1, max_size=4))


@st.composite
def partial_dates(draw: st.DrawFn) -> tuple[str, date]:
    # Before today: an event that occurred after the day `check` runs is an error.
    day = START + timedelta(days=draw(st.integers(0, 6 * 365)))
    iso = draw(st.sampled_from([day.isoformat(), day.isoformat()[:7], day.isoformat()[:4]]))
    return iso, day


@st.composite
def valid_logs(draw: st.DrawFn) -> Log:
    texts = draw(st.lists(articles(), min_size=1, max_size=3))
    lines = ["format: 1", "corpus: .", "roles:", "  party: [IL]", "  broker: [US]", "sources:"]
    for i in range(len(texts)):
        lines += [f"  - id: a{i}", f"    file: a{i}.txt"]
    lines += ["  - id: web", "    url: https://example.org/report", "    file: web.txt", "events:"]
    ids = []
    settled: set[str] = set()  # countries with an occurred signing or withdrawal: check allows one here
    for n in range(draw(st.integers(1, 8))):
        kind = draw(st.sampled_from(list(Kind)))
        expected = draw(st.booleans()) and draw(st.booleans())
        countries = draw(st.lists(st.sampled_from(MEMBERS), min_size=1, max_size=3, unique=True))
        subjects = draw(st.lists(st.sampled_from(countries), min_size=1, unique=True))
        if kind in (Kind.SIGNING, Kind.WITHDRAWAL) and not expected:
            fresh = [c for c in subjects if c not in settled]
            subjects, expected = (fresh, False) if fresh else (subjects, True)
            settled.update(fresh)
        ids.append(f"e{n}")
        event = [f"  - id: e{n}", f"    kind: {kind}", f"    countries: [{', '.join([*countries, 'IL'])}]"]
        if kind in SUBJECT_KINDS:
            event.append(f"    subjects: [{', '.join(subjects)}]")
        if expected:
            event.append("    status: expected")
        if not expected or draw(st.booleans()):
            iso, _ = draw(partial_dates())
            event.append(f"    date: {q(iso)}")
            if kind is Kind.SIGNING and not expected:  # check wants a signing announced first
                ids.append(f"e{n}-announced")
                lines += [f"  - id: e{n}-announced", "    kind: announcement", event[2], event[3]]
                lines += [
                    f"    date: {q(iso)}",
                    "    title: announced",
                    "    cite:",
                    "      - source: web",
                    "        quote: France and Germany would join the accords soon",
                ]
            if draw(st.booleans()):
                event.append("    approximate: true")
        lines += event
        lines += [f"    title: {q(' '.join(draw(st.sampled_from(texts))[0]))}", "    cite:"]
        for _ in range(draw(st.integers(1, 2))):
            if draw(st.booleans()):
                lines += [
                    "      - source: web",
                    "        quote: France and Germany would join the accords soon",
                ]
                continue
            a = draw(st.integers(0, len(texts) - 1))
            sentence = draw(st.sampled_from(texts[a]))
            start = draw(st.integers(0, len(sentence) - 1))
            end = draw(st.integers(start + 1, len(sentence)))
            if _words(sentence[start:end]) < MIN_WORDS:
                start, end = 0, len(sentence)
            lines += [f"      - source: a{a}", f"        quote: {q(' '.join(sentence[start:end]))}"]
    # Each article is a different file: check refuses one article under two ids.
    files = {
        f"a{i}.txt": (f"Article {i}.\n" + "\n".join(" ".join(s) for s in t) + "\n").encode()
        for i, t in enumerate(texts)
    }
    files["web.txt"] = b"The report says that France and Germany would join the accords soon.\n"
    return Log("\n".join(lines) + "\n", files, ids)


JUNK = [
    "\x00",
    "\x07",
    "\x1b[31m",
    "\r",
    "\t",
    "\x85",
    "\u2028",
    "\x9b",
    "\ud800",
    "é",
    "'",
    '"',
    ":",
    "- ",
    "&a ",
    "*a",
    "!!str ",
    "!!python/object:os.system ",
    "{",
    "[",
    "]",
    "}",
    "#",
    "|",
    ">",
    "%",
    "@",
    "`",
]
VALUES = [
    "[a, b]",
    "{x: 1}",
    "~",
    "''",
    "yes",
    "NO",
    "1992",
    "0o17",
    "2025-02-30",
    "*a",
    "&a x",
    "!!int 3",
    "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[x]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]",
]


DAMAGES = st.tuples(
    st.sampled_from(["cut", "insert", "drop", "duplicate", "retype", "rename", "article"]),
    st.integers(0, 1 << 16),
    st.sampled_from(JUNK),
    st.sampled_from(VALUES),
    st.sampled_from(["a9", "web", "A0", "a 0", ""]),
    st.sampled_from([b"", b"\0binary", b"\xff\xfe", b"other words"]),
)


@st.composite
def damaged_logs(draw: st.DrawFn) -> Log:
    # The damage is drawn first, so that it does not get only what a large log leaves of the buffer.
    damages = draw(st.lists(DAMAGES, min_size=1, max_size=3))
    log = draw(valid_logs())
    text, articles = log.text, dict(log.articles)
    for how, where, junk, value, name, content in damages:
        lines = text.split("\n")
        at, pos = where % len(lines), where % (len(text) + 1)
        if how == "cut":
            text = text[:pos]
        elif how == "insert":
            text = text[:pos] + junk + text[pos:]
        elif how == "drop":
            text = "\n".join(lines[:at] + lines[at + 1 :])
        elif how == "duplicate":
            text = "\n".join(lines[: at + 1] + lines[at:])
        elif how == "retype":
            keyed = [i for i, line in enumerate(lines) if ": " in line]
            if not keyed:  # an earlier cut left no field to retype
                continue
            i = keyed[where % len(keyed)]
            lines[i] = f"{lines[i].split(': ', 1)[0]}: {value}"
            text = "\n".join(lines)
        elif how == "rename":
            text = text.replace("source: a0", f"source: {name}", 1)
        else:
            articles[sorted(articles)[where % len(articles)]] = content
    return Log(text, articles, log.event_ids)


ARGS = st.sampled_from(
    [
        ["timeline"], ["timeline", "--json"], ["timeline", "--json", "--since", "2021", "--until", "2024-06"],
        ["timeline", "--country", "NO"], ["timeline", "--kind", "signing", "--json"],
        ["signatories"], ["signatories", "--json"], ["signatories", "--as-of", "2022-03", "--json"],
        ["candidates"], ["candidates", "--json", "--as-of", "2030"], ["sources"], ["sources", "--json"],
        ["show", "e0"], ["show", "e0", "--json"], ["show", "nope"], ["check"], ["check", "--json"],
        ["signatories", "--as-of", "2025-02-30"], ["timeline", "--since", "2025", "--until", "2024"],
        ["due", "--json", "--as-of", "2023"], ["due"], ["info", "--json"], ["info"],
        ["timeline", "--json", "--known-by", "2022"], ["candidates", "--known-by", "2023", "--json"],
        ["country", "NO", "--json"], ["country", "Norway", "--as-of", "2022"], ["cite", "e0"],
        ["cite", "e0", "--style", "csl-json"], ["changes", "--since", "2020", "--until", "2030", "--json"],
        ["changes", "--since", "2021-06", "--until", "2024", "--known-by", "2023"],
    ]
)  # fmt: skip


def _assert_contract(path: Path, args: list[str]) -> int:
    result = run(*args, "--data", str(path))
    assert result.exception is None or isinstance(result.exception, SystemExit), (args, result.exception)
    assert result.exit_code in (0, 1, 2), (args, result.exit_code)
    assert "Traceback" not in result.stdout + result.stderr
    if "--json" in args and (result.exit_code == 0 or (args[0] == "check" and result.exit_code == 1)):
        json.loads(result.stdout)
    if result.exit_code:
        assert result.stderr.strip(), args
    return result.exit_code


@pytest.mark.slow
@settings(SETTINGS, max_examples=200)
@given(log=damaged_logs(), commands=st.lists(ARGS, min_size=1, max_size=4))
def test_any_damaged_log_and_any_command_keep_the_contract(log, commands):
    with log.written() as path:
        for args in commands:
            _assert_contract(path, args)


@pytest.mark.slow
@SETTINGS
@given(log=valid_logs(), commands=st.lists(ARGS, min_size=1, max_size=4))
def test_valid_logs_pass_check_and_keep_the_contract(log, commands):
    with log.written() as path:
        result = run("check", "--data", str(path))
        assert result.exit_code == 0, result.stdout + result.stderr
        for args in commands:
            assert _assert_contract(path, args) in (0, 2)


def _json(path: Path, *args: str) -> list[dict]:
    result = run(*args, "--json", "--data", str(path))
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def _end(iso: str) -> date:
    return parse_iso(iso).end


@SETTINGS
@given(log=valid_logs())
def test_timeline_lists_every_event_once_in_date_order(log):
    with log.written() as path:
        events = _json(path, "timeline")
    assert sorted(e["id"] for e in events) == sorted(log.event_ids)
    dated = [_end(e["date"]) for e in events if e["date"] is not None]
    assert dated == sorted(dated)
    undated = [i for i, e in enumerate(events) if e["date"] is None]
    assert undated == list(range(len(events) - len(undated), len(events)))  # undated events last


BACKWARDS = {"suspension", "withdrawal"}


@pytest.mark.slow
@SETTINGS
@given(log=valid_logs())
def test_status_never_moves_backwards_without_a_suspension_or_withdrawal(log):
    with log.written() as path:
        events = _json(path, "timeline")
        days = sorted({_end(e["date"]) for e in events if e["date"] and e["status"] == "occurred"})
        before: dict[str, str] = {}
        previous = date.min
        for day in days:
            now = {r["code"]: r["status"] for r in _json(path, "signatories", "--as-of", day.isoformat())}
            excuses = {
                code
                for e in events
                if e["kind"] in BACKWARDS and e["status"] == "occurred" and previous < _end(e["date"]) <= day
                for code in e["subjects"]
            }
            for code, status in before.items():
                moved_back = (
                    code not in now
                    or (status == "signed" and now[code] == "announced")
                    or (now[code] in ("suspended", "withdrawn") and now[code] != status)
                )
                assert not moved_back or code in excuses, (code, status, now.get(code), day)
            before, previous = now, day


@pytest.mark.slow
@SETTINGS
@given(log=valid_logs())
def test_nothing_is_signed_before_the_first_event_and_answers_repeat_exactly(log):
    with log.written() as path:
        events = _json(path, "timeline")
        starts = [parse_iso(e["date"]).start for e in events if e["date"]]
        if starts:
            day_before = (min(starts) - timedelta(days=1)).isoformat()
            assert _json(path, "signatories", "--as-of", day_before) == []
        for args in (
            ["timeline", "--json"],
            ["signatories", "--json", "--as-of", "2024"],
            ["candidates"],
            ["sources"],
            ["check"],
        ):
            first_run = run(*args, "--data", str(path))
            assert run(*args, "--data", str(path)).stdout_bytes == first_run.stdout_bytes
