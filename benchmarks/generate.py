"""Deterministic synthetic event logs for the benchmarks: valid, with real citations.

    python benchmarks/generate.py 100000 /tmp/bench/100k

writes /tmp/bench/100k/events.yaml and its articles under /tmp/bench/100k/articles/.
The same size always gives the same bytes, so runs on different days compare.
"""

from __future__ import annotations

import random
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


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit("usage: python benchmarks/generate.py EVENTS FOLDER")
    print(generate(int(sys.argv[1]), Path(sys.argv[2])))
