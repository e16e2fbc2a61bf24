"""Deterministic event logs for the benchmarks, of two shapes, both valid with real citations.

    python benchmarks/generate.py 100000 /tmp/bench/100k          # synthetic
    python benchmarks/generate.py --real 100000 /tmp/bench/r100k  # real-shaped

A synthetic log has short made-up titles and one five-word quote per event
(/tmp/bench/100k/events.yaml, articles under articles/). Each event is dated
on or up to EARLIER days before the article it cites was published, so every
article reports what already happened and the log passes `tracker check`.
A real-shaped log replicates the shipped log's events, with their real titles, notes, quotes
and several citations each, until it has the number asked for; replicas
rename every event id (and the links between events) with a suffix. So that
the replicas keep `check`'s rules on sequences (one signing per country
until a withdrawal), the status-changing events of every replica after the
first become reports of the same text. Its articles are the shipped seeds,
copied beside it. The same size always gives the same bytes, so runs on
different days compare.
"""

from __future__ import annotations

import hashlib
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
ANNOUNCED = date(2020, 8, 12)  # every member's announcement, citing the first article
FIRST = ANNOUNCED + timedelta(days=1)  # no article, and no other event, is earlier
EARLIER = 60  # an event happened up to this many days before the article that reports it


def sentence(rng: random.Random) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(rng.randint(8, 14))).capitalize() + "."


def generate(events: int, folder: Path) -> Path:
    rng = random.Random(events)
    articles = folder / "articles"
    articles.mkdir(parents=True, exist_ok=True)
    sources = max(1, events // EVENTS_PER_SOURCE)
    texts = []
    published: list[date] = []
    lines = ["format: 1", "corpus: articles", "roles:", "  party: [IL]", "  broker: [US]", "sources:"]
    for s in range(sources):
        text = [sentence(rng) for _ in range(SENTENCES_PER_ARTICLE)]
        texts.append(text)
        (articles / f"article-{s:05d}.txt").write_text("\n".join(text) + "\n", encoding="utf-8")
        day = FIRST + timedelta(days=rng.randrange(2200))
        published.append(day)
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
            f"    date: {ANNOUNCED.isoformat()}",
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
        s = rng.randrange(sources)
        day = max(FIRST, published[s] - timedelta(days=rng.randrange(EARLIER)))
        when = day.isoformat() if rng.random() < 0.9 else day.isoformat()[:7]  # a month starts earlier
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
_LINK = re.compile(
    r"^(  - id: |    (?:fulfils|calls_off|stalls|partly_fulfils|makes_ambiguous): )([a-z0-9-]+)$",
    re.M,
)


def _replicas(blocks: list[str], events: int) -> list[tuple[int, int]]:
    """(replica, block) for each of `events` events: whole replicas, then as many of the next one's
    blocks as are needed, in order, leaving out any that names an event left out (an expected
    event's stall or fulfilment without the expected event would fail `check`)."""
    whole, rest = divmod(events, len(blocks))
    chosen = [(replica, block) for replica in range(whole) for block in range(len(blocks))]
    if not rest:
        return chosen
    own = [_LINK.match(b).group(2) if _LINK.match(b) else "" for b in blocks]  # type: ignore[union-attr]
    named = [{m.group(2) for m in _LINK.finditer(b)} - {own[i]} for i, b in enumerate(blocks)]

    def closed(kept: set[int]) -> set[int]:  # less those that name an event outside, until none does
        while drop := {i for i in kept if not named[i] <= {own[j] for j in kept}}:
            kept = kept - drop
        return kept

    size = rest
    kept = closed(set(range(size)))
    while len(kept) < rest:  # the whole replica is closed, so this ends
        size += 1
        kept = closed(set(range(size)))
    while len(kept) > rest:  # the last block no kept block names goes first
        kept.discard(max(i for i in kept if not any(own[i] in named[j] for j in kept)))
    return chosen + [(whole, block) for block in sorted(kept)]


def generate_real(events: int, folder: Path) -> Path:
    """The shipped log's events, replicated with renamed ids, up to `events` events."""
    shipped = (REPO / "data" / "events.yaml").read_text(encoding="utf-8")
    head, body = shipped.split("\nevents:\n", 1)
    # The events end at the next top-level key: the shipped log's corrections and assertions are about
    # its own events and answers, not a replica's.
    body = re.split(r"(?m)^(?:#[^\n]*\n)*[a-z_]+:", body)[0]
    blocks = [b.rstrip("\n") + "\n" for b in re.split(r"(?m)^(?=  - id: )", body) if b.startswith("  - id: ")]
    shutil.copytree(REPO / "seeds", folder / "seeds", dirs_exist_ok=True)
    head = re.sub(r"(?m)^corpus: .*$", "corpus: seeds", head)
    head = re.sub(r"(?m)^# yaml-language-server:.*\n", "", head)
    out = [head, "\nevents:\n"]
    for replica, block in _replicas(blocks, events):
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


QUOTE_MIB = 16
QUOTE_NAMES = ["Médi1", "Bourita", "Tokayev", "al-Zayani", "Nétanyahou", "Ould", "Mirziyoyev"]


def generate_quotes(quotes: int, folder: Path) -> Path:
    """A log of `quotes` events citing one article of QUOTE_MIB MiB, each with its own quote.

    The article is paragraphs of sentences, each numbered (so that a quote is
    found once, anywhere in it), with curly quotes and accented names (so that
    normalising has work to do) and dashes (so that, as in news text, it is not
    Latin-1 once normalised). The quotes are spread evenly through
    it: searched one by one, the average quote costs half the article.
    """
    rng = random.Random(quotes)
    (folder / "articles").mkdir(parents=True, exist_ok=True)
    size, serial, paragraphs = 0, 0, []
    sentences: list[str] = []
    while size < (QUOTE_MIB << 20) - 4096:  # a paragraph is under 2 KiB: the file stays within the limit
        paragraph = []
        for _ in range(rng.randint(3, 8)):
            serial += 1
            words = [rng.choice(WORDS) for _ in range(rng.randint(8, 14))]
            words.insert(rng.randrange(len(words)), f"{rng.choice(QUOTE_NAMES)} ({serial})")
            text = " ".join(words) + "."
            text = text[0].upper() + text[1:]
            if serial % 5 == 0:
                text = f"\u201c{text}\u201d"
            if serial % 7 == 0:  # a dash stays a dash when normalised: the text is not Latin-1
                text = f"{text[:-1]} \u2014 {rng.choice(WORDS)}."
            sentences.append(text)
            paragraph.append(text)
        paragraphs.append(" ".join(paragraph))
        size += len(paragraphs[-1].encode("utf-8")) + 2
    article = ("\n\n".join(paragraphs) + "\n").encode("utf-8")
    (folder / "articles" / "big.txt").write_bytes(article)
    lines = ["format: 1", "corpus: articles", "roles:", "  party: [IL]", "  broker: [US]", "sources:"]
    lines += ["  - id: big", "    title: One long synthetic article", "    outlet: Synthetic Wire"]
    lines += ["    file: big.txt", f"    sha256: {hashlib.sha256(article).hexdigest()}"]
    lines += ["    published: 2025-01-01", "    published_basis: stated", "events:"]
    step = len(sentences) // quotes
    for n in range(quotes):
        words = sentences[n * step + rng.randrange(step)].strip("\u201c\u201d").split()
        serial_at = next(i for i, word in enumerate(words) if word.startswith("("))
        start = rng.randrange(max(0, serial_at - 7), min(serial_at, len(words) - 8) + 1)
        quote = " ".join(words[start : start + 8])  # holds the sentence's number: found once
        lines += [
            f"  - id: q-{n:05d}",
            f"    date: {date(2021, 1, 1) + timedelta(days=n % 1400)}",
            "    kind: statement",
            f"    countries: [{MEMBERS[n % len(MEMBERS)]}, IL]",
            f"    title: Statement number {n}",
            "    cite:",
            "      - source: big",
            f"        quote: '{quote.replace(chr(39), chr(39) * 2)}'",
        ]
    path = folder / "events.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


if __name__ == "__main__":
    args = sys.argv[1:]
    if args[:1] == ["--quotes"] and len(args) == 3:  # one big article and QUOTES quotes of it
        sys.exit(print(generate_quotes(int(args[1]), Path(args[2]))))
    real = args[:1] == ["--real"]
    args = args[1:] if real else args
    if len(args) != 2:
        sys.exit("usage: python benchmarks/generate.py [--real | --quotes] EVENTS FOLDER")
    print((generate_real if real else generate)(int(args[0]), Path(args[1])))
