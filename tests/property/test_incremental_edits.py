"""Property: random edits to a log, answered with and without the store, give the same answers.

A log and its articles are built at random and edited step by step (an event, a citation, a quote,
a source or an article's bytes added, removed or changed; now and then a line that breaks the
YAML); after every step the log is opened with the store that the earlier steps filled and
without any, and the two must agree on the model (positions included), the problems (messages and
line numbers) and the answers' bytes. Chunks are made small here (a few entries each), so that
edits fall inside, between and across them.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from remembered import DictStore, same_with_and_without

from tracker.log import Memo, layout

SENTENCES = [
    "France said on Monday it would join the accords soon.",
    "Norway was named as a possible member by officials in Oslo.",
    "The talks in Washington ended without a signing on Friday.",
    "Officials said that Kazakhstan had signed the agreement in Washington.",
    "Morocco and Sudan were named as members of the accords last year.",
    "A spokesman declined to say when the next country would join.",
]
MEMBERS = ["FR", "NO", "KZ", "MA", "SD"]
KINDS = ["report", "statement", "announcement", "signing", "candidacy"]
START = date(2024, 1, 1)
TODAY = date(2026, 1, 1)


@dataclass
class Cite:
    source: str
    quote: str
    folded: bool = False


@dataclass
class Event:
    id: str
    day: int
    kind: str
    country: str
    title: str
    cites: list[Cite]
    comment: bool = False
    note: str | None = None
    promise: bool = False  # expected, with a criterion and a deadline (the promise fields)


@dataclass
class Source:
    id: str
    file: str
    day: int | None
    pinned: bool


@dataclass
class Log:
    articles: dict[str, list[str]]
    sources: list[Source]
    events: list[Event]
    broken: int | None = None  # a line number after which a bad line is written
    extra: list[str] = field(default_factory=list)

    def text(self) -> str:
        out = ["format: 1", "roles:", "  party: [IL]", "  broker: [US]", "sources:"]
        for s in self.sources:
            out += [f"  - id: {s.id}", f"    file: {s.file}"]
            if s.day is not None:
                out += [f"    published: {START + timedelta(days=s.day)}", "    published_basis: stated"]
            if s.pinned:
                digest = hashlib.sha256(self.article(s.file).encode("utf-8")).hexdigest()
                out.append(f"    sha256: {digest}")
        out.append("events:")
        for e in self.events:
            if e.comment:
                out += ["", f"  # {e.title}"]
            out += [
                f"  - id: {e.id}",
                f"    date: {START + timedelta(days=e.day)}",
                f"    kind: {e.kind}",
                f"    countries: [{e.country}, IL]",
            ]
            if e.promise:
                out += [
                    "    status: expected",
                    "    criterion: >-",
                    f"      {e.title} happens as the sources say it will",
                    f"    deadline: {START + timedelta(days=e.day + 30)}",
                ]
            if e.kind in ("announcement", "signing", "candidacy"):
                out.append(f"    subjects: [{e.country}]")
            out.append(f"    title: {e.title}")
            if e.note:
                out += ["    note: >-", f"      {e.note}"]
            out.append("    cite:")
            for c in e.cites:
                out.append(f"      - source: {c.source}")
                if c.folded:
                    words = c.quote.split()
                    half = len(words) // 2
                    out += [
                        "        quote: >-",
                        "          " + " ".join(words[:half]),
                        "          " + " ".join(words[half:]),
                    ]
                else:
                    out.append(f"        quote: {c.quote}")
        if self.broken is not None:
            out.insert(min(self.broken, len(out)), "  - id: [unclosed")
        return "\n".join(out + self.extra) + "\n"

    def article(self, name: str) -> str:
        return "\n".join(self.articles[name]) + "\n"

    def write(self, folder: Path) -> Path:
        for name in self.articles:
            (folder / name).write_text(self.article(name), encoding="utf-8")
        path = folder / "log.yaml"
        path.write_text(self.text(), encoding="utf-8")
        return path


def cites(draw, sources: list[Source], articles: dict[str, list[str]]) -> list[Cite]:
    out = []
    for _ in range(draw(st.integers(1, 3))):
        source = draw(st.sampled_from(sources))
        quote = draw(st.sampled_from(articles[source.file]))
        if draw(st.integers(0, 9)) == 0:
            quote = quote.replace("the", "a")  # not verbatim: a problem, with its hint
        out.append(Cite(source.id, quote, draw(st.booleans())))
    return out


@st.composite
def logs(draw) -> Log:
    articles = {f"a{n}.txt": draw(st.permutations(SENTENCES))[:4] for n in range(3)}
    sources = [
        Source(f"s{n}", f"a{n}.txt", draw(st.none() | st.integers(0, 300)), draw(st.booleans()))
        for n in range(3)
    ]
    events = [
        Event(
            f"e{n}",
            draw(st.integers(301, 700)),
            draw(st.sampled_from(KINDS[:3])),
            draw(st.sampled_from(MEMBERS)),
            f"Event {n}",
            cites(draw, sources, articles),
            draw(st.integers(0, 4)) == 0,
        )
        for n in range(draw(st.integers(1, 24)))
    ]
    return Log(articles, sources, events)


EDITS = [
    "add event", "remove event", "retitle event", "redate event", "add citation", "remove citation",
    "change quote", "cite unknown source", "add source", "remove source", "redate source",
    "change article", "append to article", "break yaml", "mend yaml", "duplicate event", "note event",
    "move event", "comment", "promise",
]  # fmt: skip


def edit(draw, log: Log, what: str, step: int) -> None:
    events, sources = log.events, log.sources

    def pick(items: list) -> int:
        return draw(st.integers(0, len(items) - 1))

    if what == "add event" or not events:
        at = draw(st.integers(0, len(events)))
        day = draw(st.integers(301, 700))
        kind = draw(st.sampled_from(KINDS))
        events.insert(
            at,
            Event(
                f"n{step}",
                day,
                kind,
                draw(st.sampled_from(MEMBERS)),
                f"New {step}",
                cites(draw, sources, log.articles),
            ),
        )
    elif what == "remove event" and len(events) > 1:
        events.pop(pick(events))
    elif what == "retitle event":
        events[pick(events)].title += " again"
    elif what == "redate event":
        events[pick(events)].day = draw(st.integers(0, 800))
    elif what == "add citation":
        events[pick(events)].cites += cites(draw, sources, log.articles)[:1]
    elif what == "remove citation":
        e = events[pick(events)]
        if len(e.cites) > 1:
            e.cites.pop()
    elif what == "change quote":
        e = events[pick(events)]
        c = e.cites[draw(st.integers(0, len(e.cites) - 1))]
        source = next((s for s in sources if s.id == c.source), None)
        if source is not None:
            c.quote = draw(st.sampled_from(log.articles[source.file]))
    elif what == "cite unknown source":
        events[pick(events)].cites[0].source = "nowhere"
    elif what == "add source":
        name = f"a{len(log.articles)}.txt"
        log.articles[name] = list(draw(st.permutations(SENTENCES))[:3])
        sources.insert(
            pick(sources) if sources else 0,
            Source(f"s{step}x", name, draw(st.none() | st.integers(0, 900)), draw(st.booleans())),
        )
    elif what == "remove source" and len(sources) > 1:
        sources.pop(pick(sources))
    elif what == "redate source":
        sources[pick(sources)].day = draw(st.none() | st.integers(0, 900))
    elif what == "change article":
        name = draw(st.sampled_from(sorted(log.articles)))
        text = log.articles[name]
        text[draw(st.integers(0, len(text) - 1))] = draw(st.sampled_from(SENTENCES)).upper()
    elif what == "append to article":
        log.articles[draw(st.sampled_from(sorted(log.articles)))].append(draw(st.sampled_from(SENTENCES)))
    elif what == "break yaml":
        log.broken = draw(st.integers(5, 5 + 8 * len(events)))
    elif what == "mend yaml":
        log.broken = None
    elif what == "duplicate event":
        e = events[pick(events)]
        events.insert(pick(events), Event(e.id, e.day, e.kind, e.country, e.title, list(e.cites)))
    elif what == "note event":
        events[pick(events)].note = "Said, in a note, " * draw(st.integers(1, 3))
    elif what == "move event":
        events.insert(pick(events), events.pop(pick(events)))
    elif what == "comment":
        events[pick(events)].comment ^= True
    elif what == "promise":
        events[pick(events)].promise ^= True


SETTINGS = settings(
    max_examples=80,
    deadline=None,
    suppress_health_check=[
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
        HealthCheck.function_scoped_fixture,
    ],
)


@pytest.mark.slow
@SETTINGS
@given(data=st.data())
def test_random_edits_answer_the_same_with_and_without_the_store(tmp_path_factory, monkeypatch, data):
    monkeypatch.setattr(layout, "CHUNK_MASK", 3)  # chunks of four entries on average
    monkeypatch.setattr(layout, "CHUNK_MAX", 8)
    folder = tmp_path_factory.mktemp("edits")
    log = data.draw(logs())
    store = DictStore()
    run = Memo(DictStore(), again=True)  # one command's memory across its openings, as `add` has
    same_with_and_without(log.write(folder), store, today=TODAY)
    same_with_and_without(log.write(folder), store, today=TODAY, memo=run)
    for step in range(data.draw(st.integers(1, 8))):
        edit(data.draw, log, data.draw(st.sampled_from(EDITS)), step)
        same_with_and_without(log.write(folder), store, today=TODAY)
        same_with_and_without(log.write(folder), store, today=TODAY, memo=run)
