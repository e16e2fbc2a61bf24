"""Deterministic event logs for the benchmarks, of two shapes, both valid with real citations.

    python benchmarks/generate.py 100000 /tmp/bench/100k          # synthetic
    python benchmarks/generate.py --real 100000 /tmp/bench/r100k  # real-shaped

A synthetic log has short made-up titles and one five-word quote per event
(/tmp/bench/100k/events.yaml, articles under articles/). A real-shaped log
replicates the shipped log's events, with their real titles, notes, quotes
and several citations each, until it has the number asked for; replicas
rename every event id (and the links between events) with a suffix. So that
the replicas keep `check`'s rules on sequences (one signing per country
until a withdrawal), the status-changing events of every replica after the
first become reports of the same text. Its articles are the shipped seeds,
copied beside it. The same size always gives the same bytes, so runs on
different days compare.
"""

from __future__ import annotations

import random
import re
import shutil
import sys
from datetime import date, timedelta
from pathlib import Path

WORDS = (  # noqa: SIM905 - a sentence reads better than a list of words
    "officials said the talks on joining the accords would resume after the summit in the capital "
    "where ministers met envoys to discuss trade energy water and security cooperation"
).split()
MEMBERS = ["AE", "BH", "MA", "SD", "KZ", "SA", "AZ", "UZ", "ID", "MR", "OM", "QA", "KW", "LY", "TN", "DZ"]
KINDS = ["candidacy", "announcement", "signing", "statement", "meeting", "report", "condition", "relations"]
SUBJECT_KINDS = {"candidacy", "announcement", "signing", "condition"}
EVENTS_PER_SOURCE = 100
SENTENCES_PER_ARTICLE = 40


def sentence(rng: random.Random) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(rng.randint(8, 14))).capitalize() + "."


def generate(events: int, folder: Path) -> Path:
    rng = random.Random(events)
    articles = folder / "articles"
    articles.mkdir(parents=True, exist_ok=True)
    sources = max(1, events // EVENTS_PER_SOURCE)
    texts = []
    lines = ["format: 1", "corpus: articles", "roles:", "  party: [IL]", "  broker: [US]", "sources:"]
    for s in range(sources):
        text = [sentence(rng) for _ in range(SENTENCES_PER_ARTICLE)]
        texts.append(text)
        (articles / f"article-{s:05d}.txt").write_text("\n".join(text) + "\n", encoding="utf-8")
        day = date(2020, 1, 1) + timedelta(days=rng.randrange(2200))
        lines += [
            f"  - id: s{s}",
            f"    file: article-{s:05d}.txt",
            "    outlet: Synthetic Wire",
            f"    published: {day.isoformat()}",
            "    published_basis: stated",
        ]
    lines.append("events:")
    # `check` wants each signing announced first and no second signing without a withdrawal:
    # every member is announced the day before the first event, and signs at most once.
    for country in MEMBERS:
        lines += [
            f"  - id: announce-{country.lower()}",
            "    date: 2020-08-12",
            "    kind: announcement",
            f"    countries: [{country}, IL, US]",
            f"    subjects: [{country}]",
            f"    title: Synthetic announcement of {country}",
            "    cite:",
            "      - source: s0",
            f"        quote: {' '.join(texts[0][0].split()[:5])}",
        ]
    signed: set[str] = set()
    for n in range(events):
        kind = rng.choice(KINDS)
        country = rng.choice(MEMBERS)
        if kind == "signing":
            kind = "announcement" if country in signed else kind
            signed.add(country)
        day = date(2020, 8, 13) + timedelta(days=rng.randrange(2200))
        when = day.isoformat() if rng.random() < 0.9 else day.isoformat()[:7]
        s = rng.randrange(sources)
        quote = rng.choice(texts[s])
        words = quote.split()
        start = rng.randrange(len(words) - 4)
        lines += [
            f"  - id: ev-{n:06d}",
            f"    date: {when}",
            f"    kind: {kind}",
            f"    countries: [{country}, IL, US]",
        ]
        if kind in SUBJECT_KINDS:
            lines.append(f"    subjects: [{country}]")
        lines += [
            f"    title: Synthetic {kind} involving {country}, number {n}",
            "    cite:",
            f"      - source: s{s}",
            f"        quote: {' '.join(words[start : start + 5])}",
        ]
    path = folder / "events.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


REPO = Path(__file__).resolve().parents[1]
_STATUS_KINDS = r"announcement|confirmation|signing|suspension|reinstatement|withdrawal"
_LINK = re.compile(r"^(  - id: |    fulfils: |    calls_off: )([a-z0-9-]+)$", re.M)


def generate_real(events: int, folder: Path) -> Path:
    """The shipped log's events, replicated with renamed ids, up to `events` events."""
    shipped = (REPO / "data" / "events.yaml").read_text(encoding="utf-8")
    head, body = shipped.split("\nevents:\n", 1)
    blocks = [b.rstrip("\n") + "\n" for b in re.split(r"(?m)^(?=  - id: )", body) if b.startswith("  - id: ")]
    shutil.copytree(REPO / "seeds", folder / "seeds", dirs_exist_ok=True)
    head = re.sub(r"(?m)^corpus: .*$", "corpus: seeds", head)
    head = re.sub(r"(?m)^# yaml-language-server:.*\n", "", head)
    out = [head, "\nevents:\n"]
    for n in range(events):
        replica, block = divmod(n, len(blocks))
        text = blocks[block]
        if replica:
            text = _LINK.sub(lambda m, r=replica: f"{m.group(1)}{m.group(2)}-r{r}", text)
            if re.search(rf"(?m)^    kind: (?:{_STATUS_KINDS})$", text):
                text = re.sub(rf"(?m)^    kind: (?:{_STATUS_KINDS})$", "    kind: report", text)
                text = re.sub(r"(?m)^    subjects: .*\n", "", text)
                text = re.sub(r"(?m)^        names: .*\n", "", text)
        out.append(text)
    path = folder / "events.yaml"
    folder.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(out), encoding="utf-8")
    return path


if __name__ == "__main__":
    args = sys.argv[1:]
    real = args[:1] == ["--real"]
    args = args[1:] if real else args
    if len(args) != 2:
        sys.exit("usage: python benchmarks/generate.py [--real] EVENTS FOLDER")
    print((generate_real if real else generate)(int(args[0]), Path(args[1])))
