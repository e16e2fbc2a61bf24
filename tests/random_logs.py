"""Logs built at random for the property and fuzz suites: valid ones, then damaged ones.

`valid_logs` draws logs that `check` accepts, with their articles; `damaged_logs` breaks one
at random (junk values, removed fields, bad quotes, odd articles). Each is a `Log`, written to a
temporary folder by `Log.written()`. Used by tests/property and tests/log/test_problem_bounds.py.
"""

from __future__ import annotations

import json
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from hypothesis import strategies as st

from tracker.log.quotes import MIN_WORDS
from tracker.model import SUBJECT_KINDS, TREATY_KINDS, Kind

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
        if kind in TREATY_KINDS:  # an act on an agreement needs a signing before it: expected here
            expected = True
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
