"""The fuzz suite: logs that `check` accepts, built from hostile values, through every command and export.

test_properties.py builds ordinary logs and damages them; here every log is
valid, but its values sit where values are awkward (issue 19, "every value
check accepts is safe everywhere"): dates at both ends of the calendar (years
1 and 9999, at every precision, approximate), any Unicode in free text (bidi
controls, combining marks, emoji, zero-width characters, escaped control
characters, words of thousands of characters), ids of odd shapes, URLs of odd
shapes (IPv6 hosts, ports, queries, fragments, IDN), entities, expected events
fulfilled, called off or undated. Each log goes through every command in
every format it offers and through every export, and each output must keep
the contract: exit 0 (the log is valid), no traceback, output that its own
format's parser reads, and a cached answer byte for byte the answer made
afresh.

The examples are few and derandomized, so CI runs the same logs every time.
"""

from __future__ import annotations

import csv
import importlib.util
import io
import json
import os
import sqlite3
import subprocess
import sys
import tempfile
import unicodedata
import xml.etree.ElementTree as ElementTree
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

import pytest
from conftest import REPO, run
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from random_logs import Log

from tracker.dates import parse_iso
from tracker.model import SUBJECT_KINDS, TREATY_KINDS, Kind
from tracker.render.text import inert

TODAY = date.today()
FIRST, LAST = date(1, 1, 1), date(9999, 12, 31)
HAS_CITEPROC = importlib.util.find_spec("citeproc") is not None

SETTINGS = settings(
    max_examples=15,
    deadline=None,
    derandomize=True,  # the same logs on every run, so a failure in CI is a failure on every machine
    suppress_health_check=[
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
        HealthCheck.function_scoped_fixture,
        HealthCheck.large_base_example,
    ],
)

# -- hostile values that check accepts ----------------------------------------------------------

LONG = 10_000  # a word longer than any terminal, page or cell
# Free text: anything but a raw line break in a one-line field. Control characters are written as
# YAML escapes (the log refuses them raw), so the reader hands them on as the characters themselves.
PIECES = [
    "\u200f",  # right-to-left mark
    "\u202edrow desrever\u202c",  # right-to-left override ("Trojan Source")
    "\u2066isolate\u2069",
    "e\u0301",  # a combining accent
    "a" + "\u0301\u0302\u0303\u0308" * 25,  # a hundred combining marks on one letter
    "👩🏽‍🚀",  # an emoji with a skin tone and a zero-width joiner
    "👨‍👩‍👧‍👦",
    "🇮🇱🇦🇪",  # flags: regional indicator pairs
    "zero\u200bwidth\u200c\u200d\u2060\ufeff",
    "soft\u00adhyphen",
    "عربي",
    "עברית",
    "中文字符",
    "ǅ ß İ ﬁ Ω",
    "x" * LONG,
    "ج" * 3000,
    "<script>alert(1)</script>",
    "&amp; &lt; &#0; ]]> <!-- -->",
    "*bold* _it_ `code` ~~s~~ | # [a](javascript:x) ![i](x)",
    '=HYPERLINK("http://x")',
    "+1",
    "-1",
    "@SUM(A1)",
    '"',
    "'",
    "\\",
    "%s %(x)s {0} {x}",
    "[bold red]markup[/]",
    ":smile:",
    "\x1b[31mred\x1b[0m",
    "\x1b]8;;https://evil.example\x1b\\link\x1b]8;;\x1b\\",
    "\x07\x00\x08\x7f\x9b",
    "\t",
    "\r",
    "\x85",
    "\u2028",
    "\u2029",
    "\U000e0041",  # a tag character
    "\U0010fffd",
    "BEGIN:VEVENT",
    ";,:\\n",
    "\u0000",
]
# What articles hold besides plain words (quotes are whole lines of them): no control characters,
# which an article, a text file, has no reason to hold.
ARTICLE_PIECES = [p for p in PIECES if not any(unicodedata.category(c) == "Cc" for c in p)]

plain_words = st.lists(
    st.sampled_from(["France", "Norway", "said", "talks", "would", "join", "accords", "Zürich", "2025"]),
    min_size=4,
    max_size=6,
)
odd_text = st.text(st.characters(exclude_categories=["Cs"]), min_size=1, max_size=6)


@st.composite
def free_texts(draw: st.DrawFn) -> str:
    """Hostile words before or after a plain one (a value of blanks alone is refused as empty)."""
    hostile = draw(st.lists(st.one_of(st.sampled_from(PIECES), odd_text), min_size=1, max_size=3))
    plain = draw(st.sampled_from(["end", "Ünïcode", "2025"]))
    return " ".join([*hostile, plain] if draw(st.booleans()) else [plain, *hostile])


free_text = free_texts()
one_line = free_text.map(lambda text: text.replace("\n", " "))

# Ids: lower-case letters, digits and dashes, of any length; YAML 1.1 lookalikes included.
ID_STEMS = ["e", "0o17-", "017-", "nan-", "no-", "true-", "1e3-", "x" * 2000 + "-", "a-b--c-", "9"]


def ident(stem: str, n: int) -> str:
    return f"{stem}{n}"


def iso(day: date, precision: str) -> str:
    text = f"{day.year:04d}-{day.month:02d}-{day.day:02d}"
    return {"day": text, "month": text[:7], "year": text[:4]}[precision]


EDGES = [FIRST, date(1, 12, 31), date(1000, 1, 1), date(1582, 10, 15), date(2000, 2, 29), LAST]


@st.composite
def days(draw: st.DrawFn, low: date = FIRST, high: date = LAST) -> date:
    edge = [d for d in [*EDGES, low, high, TODAY] if low <= d <= high]
    if draw(st.integers(0, 3)):  # mostly an edge: that is where the calendar ends
        return draw(st.sampled_from(edge))
    return draw(st.dates(min_value=low, max_value=high))


PRECISIONS = st.sampled_from(["day", "month", "year"])

HOSTS = [
    "example.org",
    "EXAMPLE.Org",
    "[2001:db8::1]",
    "[::1]",
    "127.0.0.1",
    "bücher.example",
    "xn--bcher-kva.example",
    "例え.テスト",
    "user:p%40ss@example.org",
    "a.b.c.d.e.f.g.example",
    "localhost",
]
PORTS = ["", ":8443", ":1", ":65535", ":80", ":443"]
PATHS = [
    "",
    "/a/b/",
    "/%E2%80%AE",
    "/ünïcode/پ",
    "/)](javascript:alert(1))",
    "/<script>",
    "/a'b\"c",
    "/" + "p" * 3000,
    "/`x`|*_~",
    "/%E2%80%AEgnp.exe",  # a bidi override, as a URL may hold it: percent-encoded (raw, check refuses it)
    "/zero%E2%80%8Bwidth",
    "/a;b=c",
    "/%1B[31mred",  # control characters, as a URL holds them: percent-encoded
    "/%00%7F%C2%9B",
    "/a,b;c:d\\e",
]
QUERIES = ["", "?q=1", "?a=1&b=2", '?x=<y>&z="w"', "?=", "?" + "k=v&" * 200, "?q=%00", "?utm=x;y"]
FRAGMENTS = ["", "#frag", "#", "#:~:text=hello", "#%20", "#ü"]


@st.composite
def urls(draw: st.DrawFn, n: int) -> str:
    """A URL check accepts, distinct from every other source's by `n`."""
    scheme = draw(st.sampled_from(["https", "http", "HTTPS"]))
    host, port = draw(st.sampled_from(HOSTS)), draw(st.sampled_from(PORTS))
    path, query, fragment = (draw(st.sampled_from(x)) for x in (PATHS, QUERIES, FRAGMENTS))
    return f"{scheme}://{host}{port}/{n}{path}{query}{fragment}"


def q(text: str) -> str:
    """A YAML double-quoted scalar; what YAML would not take raw is written as an escape."""
    out = []
    for char in text:
        if char in '"\\':
            out.append("\\" + char)
        elif char == " " or (char.isprintable() and char != "\ufeff"):
            out.append(char)
        else:
            out.append(f"\\U{ord(char):08x}")
    return '"' + "".join(out) + '"'


# -- the logs ------------------------------------------------------------------------------------

MEMBERS = ["FR", "NO", "KZ", "SA", "MA"]
ENTITY_IDS = ["somaliland", "fr", "il", "x" * 300, "0o17"]


@st.composite
def hostile_logs(draw: st.DrawFn) -> Log:
    """A valid log whose every free value is hostile and whose dates run from year 1 to 9999."""
    lines = ["format: 1", "corpus: .", "roles:", "  party: [IL]", "  broker: [US]"]
    if draw(st.booleans()):
        lines.append(f"reviewed: {q(iso(draw(days(high=TODAY)), 'day'))}")
    entities = draw(st.lists(st.sampled_from(ENTITY_IDS), max_size=2, unique=True))
    if entities:
        lines.append("entities:")
        for entity in entities:
            lines += [f"  - id: {entity}", f"    name: {q('Land of ' + draw(one_line))}"]
            if draw(st.booleans()):
                lines.append(f"    note: {q(draw(free_text))}")
    pool = MEMBERS + entities

    # Articles: one per source, each line a sentence that a citation may quote whole.
    source_count = draw(st.integers(1, 3))
    stems = [draw(st.sampled_from(ID_STEMS)) for _ in range(source_count)]
    source_ids = [ident(stem, i) for i, stem in enumerate(stems)]
    articles: dict[str, list[str]] = {}
    for sid in source_ids:
        sentences = []
        for _ in range(draw(st.integers(1, 3))):
            words = [*draw(plain_words), draw(st.sampled_from(ARTICLE_PIECES))]
            sentences.append(" ".join(words) + ".")
        articles[sid] = sentences

    events: list[str] = []
    starts: dict[str, list[date]] = {sid: [] for sid in source_ids}  # occurred events' first days, by source
    open_expected: list[str] = []
    settled: set[str] = set()
    ids: list[str] = []
    for n in range(draw(st.integers(1, 6))):
        kind = draw(st.sampled_from(list(Kind)))
        expected = draw(st.integers(0, 2)) == 0
        countries = draw(st.lists(st.sampled_from(pool), min_size=1, max_size=3, unique=True))
        subjects = draw(st.lists(st.sampled_from(countries), min_size=1, unique=True))
        if kind in (Kind.SIGNING, Kind.WITHDRAWAL) and not expected:
            fresh = [c for c in subjects if c not in settled]
            subjects, expected = (fresh, False) if fresh else (subjects, True)
            settled.update(fresh)
        if kind in TREATY_KINDS:  # an act on an agreement needs a signing before it: expected here
            expected = True
        event_id = ident(draw(st.sampled_from(ID_STEMS)), n)
        ids.append(event_id)
        head = [f"    kind: {kind}", f"    countries: [{', '.join([*countries, 'IL', 'US'])}]"]
        if kind in SUBJECT_KINDS:
            head.append(f"    subjects: [{', '.join(subjects)}]")
        body = [f"  - id: {event_id}", *head]
        day = None
        if expected:
            body.append("    status: expected")
            if draw(st.booleans()):
                day = draw(days())
        else:
            day = draw(days(high=TODAY))
        if day is not None:
            written = iso(day, draw(PRECISIONS))
            body.append(f"    date: {q(written)}")
            if draw(st.booleans()):
                body.append("    approximate: true")
            if draw(st.booleans()):
                body.append(f"    date_basis: {draw(st.sampled_from(['event', 'reported']))}")
            if draw(st.booleans()):
                body.append(f"    date_note: {q(draw(free_text))}")
        body.append(f"    title: {q(draw(one_line))}")
        if draw(st.booleans()):
            body.append(f"    note: {q(draw(free_text))}")
        if not expected and open_expected and draw(st.booleans()):
            target = open_expected.pop(draw(st.integers(0, len(open_expected) - 1)))
            body.append(f"    {draw(st.sampled_from(['fulfils', 'calls_off']))}: {target}")
        if expected:
            open_expected.append(event_id)
        cited = draw(st.lists(st.sampled_from(source_ids), min_size=1, max_size=2, unique=True))
        body.append("    cite:")
        for sid in cited:
            body += [f"      - source: {sid}", f"        quote: {q(draw(st.sampled_from(articles[sid])))}"]
            if draw(st.integers(0, 3)) == 0:
                body += ["        differs: true", f"        note: {q(draw(free_text))}"]
            if draw(st.integers(0, 3)) == 0:
                body.append(f"        date: {q(iso(draw(days()), draw(PRECISIONS)))}")
            if not expected and day is not None:
                starts[sid].append(parse_iso(written).start)
        if kind is Kind.SIGNING and not expected:  # check wants each signing announced first
            ids.append(f"{event_id}-announced")
            events += [f"  - id: {event_id}-announced", "    kind: announcement", *head[1:]]
            events += [f"    date: {q(written)}", "    title: announced", "    cite:"]
            events += [f"      - source: {cited[0]}", f"        quote: {q(articles[cited[0]][0])}"]
        events += body

    lines.append("sources:")
    for i, sid in enumerate(source_ids):
        lines += [f"  - id: {sid}", f"    file: {i}-{sid[:40]}.txt"]
        if draw(st.booleans()):
            lines += [
                f"    url: {q(draw(urls(i)))}",
                f"    retrieved: {q(iso(draw(days(high=TODAY)), 'day'))}",
            ]
            if draw(st.booleans()):
                lines.append(f"    archive: {q(draw(urls(i + 100)))}")
        if draw(st.booleans()):
            lines.append(f"    title: {q(draw(one_line))}")
            lines.append(f"    title_basis: {draw(st.sampled_from(['stated', 'address', 'supplied']))}")
        for name in ("outlet", "note"):
            if draw(st.booleans()):
                lines.append(f"    {name}: {q(draw(free_text))}")
        if draw(st.booleans()):
            lines += [
                "    authors:",
                *(f"      - {q(a)}" for a in draw(st.lists(one_line, min_size=1, max_size=2))),
            ]
        # Published no earlier than the start of any occurred event it reports, and not after today.
        low = max(starts[sid], default=FIRST)
        if draw(st.booleans()):
            basis = draw(st.sampled_from(["stated", "inferred"]))
            lines += [f"    published: {q(iso(draw(days(low, TODAY)), draw(PRECISIONS)))}"]
            lines.append(f"    published_basis: {basis}")
            if basis == "inferred":
                lines.append(f"    published_clue: {q(draw(free_text))}")
        elif draw(st.booleans()):
            lines.append(f"    undated: {q(draw(free_text))}")
    lines.append("events:")
    files = {
        # Each article is a different file: check refuses one article under two ids.
        f"{i}-{sid[:40]}.txt": (f"Article {sid}.\n" + "\n".join(articles[sid]) + "\n").encode()
        for i, sid in enumerate(source_ids)
    }
    return Log("\n".join(lines + events) + "\n", files, ids)


# -- reading outputs back -------------------------------------------------------------------------

# Characters a terminal would not show as themselves: never in a table (docs/contract.md).
HIDDEN = {"Cc", "Cf", "Zl", "Zp", "Cs", "Cn"}


def assert_parses(fmt: str, out: bytes, args: list[str]) -> None:
    """The output reads back with its format's own parser."""
    text = out.decode("utf-8")
    if fmt in ("json", "jsonl"):
        if fmt == "json":
            records = json.loads(text)
            records = records if isinstance(records, list) else [records]
        else:  # JSON keeps U+2028 and NEL as they are: only \n ends a line
            records = [json.loads(line) for line in text.split("\n")[:-1]]
        for record in records:
            # Every record says where the log stops (a check's problems are about the file, not the news).
            assert isinstance(record, dict) and (args[0] == "check" or "reviewed" in record), args
    elif fmt == "csl":  # CSL-JSON, Zotero's format: its own fields
        assert all(isinstance(item, dict) and item.get("id") for item in json.loads(text)), args
    elif fmt == "csv":
        rows = list(csv.reader(io.StringIO(text, newline=""), strict=True))
        assert rows and all(len(row) == len(rows[0]) for row in rows), args
        assert rows[0][-1] == "reviewed", args
        # What a spreadsheet would run as a formula starts with a quote mark (docs/contract.md).
        assert not [cell for row in rows for cell in row if cell[:1] in ("=", "+", "-", "@", "\t", "\r")], (
            args
        )
    elif fmt == "markdown":
        lines = text.split("\n")[:-1]
        cells = {_pipes(line) for line in lines}
        assert len(cells) == 1 and all(line.startswith("|") and line.endswith("|") for line in lines), args
        assert not [c for c in text if c != "\n" and unicodedata.category(c) == "Cc"], args
    elif fmt == "references":  # cite --style markdown: Markdown, but not a table
        assert not [c for c in text if c != "\n" and unicodedata.category(c) == "Cc"], args
    elif fmt == "atom":
        ElementTree.fromstring(out)
    else:  # a table, a chart, a citation in text: what a terminal shows
        hidden = {f"U+{ord(c):04X}" for c in text if c != "\n" and unicodedata.category(c) in HIDDEN}
        assert not hidden, (args, hidden)


def _pipes(line: str) -> int:
    """The cell borders of a Markdown table row: pipes not escaped by a backslash."""
    count, escaped = 0, False
    for char in line:
        if escaped:
            escaped = False
        elif char == "\\":
            escaped = True
        elif char == "|":
            count += 1
    return count


def answer(path: Path, args: list[str], env: dict[str, str] | None = None) -> bytes:
    """Run a command on a valid log: it answers (exit 0), with no traceback, and its bytes."""
    result = run(*args, "--data", str(path), env=env)
    assert result.exception is None or isinstance(result.exception, SystemExit), (args, result.exception)
    assert "Traceback" not in result.stdout + result.stderr, args
    assert result.exit_code == 0, (args, result.exit_code, result.stderr[-2000:])
    return result.stdout_bytes


def _country(path: Path) -> str:
    """An entity of the log if it has one (they are the odd ones), else a country."""
    text = path.read_text(encoding="utf-8")
    return next((c for c in [*ENTITY_IDS, "FR"] if f"- id: {c}\n" in text), "KZ")


LISTED = ("table", "json", "jsonl", "csv", "markdown")


def listings(
    path: Path, log: Log, formats: list[tuple[str, ...]] | None = None
) -> Iterator[tuple[str, list[str]]]:
    """Every listing on this log with (format, arguments): in every format, or each in the next
    formats of `formats`, taken in turn."""
    country = _country(path)
    asked: list[list[str]] = [
        ["timeline"],
        ["timeline", "--since", "0001", "--until", "9999", "--as-of", "9999-12-31"],
        ["timeline", "--country", country, "--known-by", "9999", "--as-of", "0001-01-01"],
        ["signatories", "--as-of", "9999-12-31"],
        ["signatories", "--as-of", "0001-01-01", "--known-by", "0001"],
        ["candidates", "--as-of", "9999"],
        ["candidates", "--as-of", "0001-01-01", "--known-by", "9999-12-31"],
        ["due", "--as-of", "9999-12-31"],
        ["due", "--as-of", "0001-01-01"],
        ["sources"],
        ["changes", "--since", "0001", "--until", "9999"],
        ["changes", "--since", "0001-01-01", "--until", "0001-01-01", "--known-by", "9999"],
        ["changes", "--since", "9999-12-31", "--until", "9999-12-31"],
    ]
    for index, args in enumerate(asked):
        for fmt in formats[index % len(formats)] if formats else LISTED:
            yield fmt, [*args, "--format", fmt]
    yield "atom", ["changes", "--since", "0001", "--until", "9999", "--format", "atom"]


def pages(path: Path, log: Log) -> Iterator[tuple[str, list[str]]]:
    """Every other answer on this log (one event, one country, the log, the chart, references), in
    every format it offers, with (format, arguments)."""
    event, country = log.event_ids[0], _country(path)
    for args in (["show", event], ["country", country, "--as-of", "9999"], ["info", "--as-of", "9999-12-31"]):
        for fmt in ("table", "json", "jsonl"):
            yield fmt, [*args, "--format", fmt]
    for args in (
        ["chart"],
        ["chart", "--since", "0001", "--until", "9999", "--as-of", "9999-12-31"],
        ["chart", "--country", country, "--since", "9999-12-31", "--known-by", "0001-01-01"],
    ):
        for fmt in ("table", "json"):
            yield fmt, [*args, "--format", fmt]
    styles = ["text", "markdown", "csl-json", *(["apa", "chicago"] if HAS_CITEPROC else [])]
    for style in styles:
        shown = {"csl-json": "csl", "markdown": "references"}.get(style, "table")
        yield shown, ["cite", event, "--style", style]
    for fmt in ("json", "jsonl"):
        yield fmt, ["cite", event, "--format", fmt]


WIDTHS = st.sampled_from(["20", "80", "1000"])  # the narrowest and widest a table is laid out in


def assert_answers(path: Path, asked: Iterator[tuple[str, list[str]]], width: str) -> None:
    for fmt, args in asked:
        assert_parses(fmt, answer(path, [*args, "--no-cache"], env={"COLUMNS": width}), args)


# Each listing in JSON, the data, and in one other format: over the examples, every pair is met.
OTHER = st.sampled_from(["table", "jsonl", "csv", "markdown"]).map(lambda fmt: ("json", fmt))
FORMATS = st.lists(OTHER, min_size=1, max_size=13)


@pytest.mark.slow
@SETTINGS
@given(log=hostile_logs(), width=WIDTHS, formats=FORMATS)
def test_a_hostile_valid_log_passes_check_and_every_listing_keeps_the_contract(log, width, formats):
    with log.written() as path:
        result = run("check", "--data", str(path), env={"COLUMNS": width})
        assert result.exit_code == 0, result.stdout[-3000:]
        assert "Traceback" not in result.stdout + result.stderr
        assert_parses("table", result.stdout_bytes, ["check"])
        assert_parses("json", answer(path, ["check", "--json"]), ["check", "--json"])
        assert_answers(path, listings(path, log, formats), width)


@pytest.mark.slow
@SETTINGS
@given(log=hostile_logs(), width=WIDTHS)
def test_every_other_answer_on_a_hostile_valid_log_keeps_the_contract(log, width):
    with log.written() as path:
        assert_answers(path, pages(path, log), width)


# -- exports ---------------------------------------------------------------------------------------

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class Balanced(HTMLParser):
    """A page read as a browser's parser would: every element closed in order, no script anywhere."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.open: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        assert tag != "script" and not any(name.startswith("on") for name, _ in attrs), (tag, attrs)
        if tag not in VOID:
            self.open.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        assert tag != "script" and not any(name.startswith("on") for name, _ in attrs), (tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        assert self.open and self.open[-1] == tag, (tag, self.open[-5:])
        self.open.pop()

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def export(path: Path, kind: str, out: Path, *args: str) -> None:
    answer(path, ["export", kind, str(out), "--force", *args])
    assert out.stat().st_size > 0


def assert_exports(path: Path, folder: Path, as_of: list[str]) -> None:
    """Every export of the log, each read back by a reader of its format."""
    page = folder / "report.html"
    export(path, "html", page, *as_of)
    parsed = Balanced()
    parsed.feed(page.read_text(encoding="utf-8"))
    parsed.close()
    assert parsed.open == [], parsed.open
    shown = "".join(parsed.text)
    timeline = json.loads(answer(path, ["timeline", "--json", "--as-of", "9999-12-31", "--no-cache"]))
    if as_of == ["--as-of", "9999-12-31"]:  # every event reported by then: each title, as a terminal shows it
        assert all(inert(event["title"]) in shown for event in timeline)

    database = folder / "accords.db"
    export(path, "sqlite", database)
    with sqlite3.connect(database) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        connection.execute("PRAGMA foreign_keys = ON")
        assert connection.execute("PRAGMA foreign_key_check").fetchall() == []
        events = connection.execute("SELECT count(*) FROM events").fetchone()[0]
    connection.close()
    assert events == len(timeline)
    json.loads((folder / "accords.metadata.json").read_text(encoding="utf-8"))

    calendar = folder / "due.ics"
    export(path, "ics", calendar, *as_of)
    icalendar = pytest.importorskip("icalendar", reason="the icalendar test extra is not installed")
    raw = calendar.read_bytes()
    assert all(len(line) <= 75 for line in raw.split(b"\r\n")), "lines are folded at 75 octets"
    parsed_calendar = icalendar.Calendar.from_ical(raw)
    for entry in parsed_calendar.walk("VEVENT"):
        assert entry.decoded("DTSTART")


AS_OF = st.sampled_from([[], ["--as-of", "0001-01-01"], ["--as-of", "9999-12-31"], ["--as-of", "today"]])


@pytest.mark.slow
@SETTINGS
@given(log=hostile_logs(), as_of=AS_OF)
def test_every_export_of_a_hostile_valid_log_reads_back(log, as_of):
    with log.written() as path, tempfile.TemporaryDirectory() as folder:
        assert_exports(path, Path(folder), as_of)


# -- the cache: an answer kept is the answer made -------------------------------------------------


@contextmanager
def private_cache() -> Iterator[dict[str, str]]:
    """A cache folder of this example's own (0700, as `cache.usable` wants), and debug messages."""
    with tempfile.TemporaryDirectory() as folder:
        os.chmod(folder, 0o700)
        yield {"XDG_CACHE_HOME": folder, "TRACKER_CACHE_DEBUG": "1"}


@pytest.mark.slow
@SETTINGS
@given(log=hostile_logs(), data=st.data())
def test_an_answer_from_the_cache_is_byte_for_byte_the_answer_made_afresh(log, data):
    with log.written() as path, private_cache() as env:
        asked = [args for _, args in [*listings(path, log), *pages(path, log)]]
        for args in data.draw(st.lists(st.sampled_from(asked), min_size=3, max_size=6, unique_by=tuple)):
            first = run(*args, "--data", str(path), env=env)
            again = run(*args, "--data", str(path), env=env)
            fresh = run(*args, "--data", str(path), "--no-cache", env=env)
            assert first.exit_code == again.exit_code == fresh.exit_code == 0, (args, fresh.stderr[-2000:])
            if "cache: stored" in first.stderr:
                assert "cache: hit" in again.stderr, args
            assert first.stdout_bytes == again.stdout_bytes == fresh.stdout_bytes, args


def tracker(path: Path, args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[bytes]:
    """`tracker ARGS` as users run it: a fresh interpreter, through the front door, into a pipe."""
    environment = {**os.environ, "PYTHONPATH": str(REPO), "COLUMNS": "80", "NO_COLOR": "1", **env}
    return subprocess.run(
        [sys.executable, "-m", "tracker", *args, "--data", str(path)],
        capture_output=True,
        env=environment,
        cwd=path.parent,
        timeout=300,
    )


@pytest.mark.slow
@settings(SETTINGS, max_examples=4)
@given(log=hostile_logs(), data=st.data())
def test_the_front_doors_answer_is_byte_for_byte_the_answer_made_afresh(log, data):
    """A stored answer served before the CLI framework loads (tracker.front) is the same bytes too."""
    with log.written() as path, private_cache() as env:
        asked = [args for _, args in [*listings(path, log), *pages(path, log)]]
        for args in data.draw(st.lists(st.sampled_from(asked), min_size=2, max_size=3, unique_by=tuple)):
            first, again = tracker(path, args, env), tracker(path, args, env)
            fresh = tracker(path, [*args, "--no-cache"], env)
            for done in (first, again, fresh):
                assert done.returncode == 0 and b"Traceback" not in done.stderr, (args, done.stderr[-2000:])
            if b"cache: alias" in first.stderr:
                assert b"front door hit" in again.stderr, (args, again.stderr[-2000:])
            assert first.stdout == again.stdout == fresh.stdout, args


def test_every_url_the_fuzz_suite_draws_from_is_one_check_accepts():
    """The pools above hold only addresses `url:` takes, so a failing case is a bug, not a bad draw."""
    from tracker.urls import problem

    for host in HOSTS:
        for port in PORTS:
            for path in PATHS:
                url = f"HTTPS://{host}{port}/0{path}?q=1#frag"
                assert problem(url) is None, (url, problem(url))
