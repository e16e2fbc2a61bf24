"""`quote` without the CLI framework: the passage of a local source's article nearest to a text,
graded, and whether check would take it as a quote."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from pathlib import Path

from tracker.app.answer import LogFile, write
from tracker.app.curate import _log
from tracker.errors import UsageError


@dataclass(frozen=True)
class Finding:
    source: str
    file: str
    grade: str
    score: float | None
    line: int | None
    passage: str | None
    refused: str | None = None  # why check would refuse the passage as a quote (too short), if it would


def find_quote(log_file: LogFile, source_id: str, text: str) -> Finding:
    """The nearest passage to `text` in a local source's article (the log may have other problems)."""
    from tracker.files import Corpus, OutsideCorpus
    from tracker.log.passages import nearest
    from tracker.log.quotemisses import Miss
    from tracker.log.quotes import MIN_WORDS, Article

    log = _log(log_file, valid=False)
    source = log.source_map().get(source_id)
    if source is None:
        known = ", ".join(s.id for s in log.sources if s.is_local)
        raise UsageError(f"unknown source '{source_id}'; sources with a stored text: {known}", "SOURCE")
    if source.file is None:
        raise UsageError(
            f"source '{source_id}' has no stored text to quote; add the page's text with "
            "`tracker add source URL`",
            "SOURCE",
        )
    shown = log.local_file(source)
    try:
        corpus = Corpus(Path(log.path), log.corpus)
    except OutsideCorpus as err:  # the bound that check applies: nothing outside the corpus is read
        raise UsageError(f"cannot read {shown}: corpus '{log.corpus}' {err.why}", "SOURCE") from None
    try:
        raw = corpus.read(source.file)
        article = Article(raw.decode("utf-8-sig"))
    except OutsideCorpus as err:
        hidden = err.how == "hidden"
        why = "it is hidden or in a hidden folder" if hidden else "it is outside the corpus folder"
        raise UsageError(f"cannot read {shown}: {why}", "SOURCE") from None
    except (OSError, UnicodeDecodeError) as err:
        raise UsageError(f"cannot read {shown}: {getattr(err, 'strerror', None) or err}", "SOURCE") from None
    near = nearest(article, text)
    refused = None
    if near.passage is not None:
        strict = article.find(near.passage, min_words=MIN_WORDS)
        refused = strict.reason if isinstance(strict, Miss) else None
    return Finding(source_id, shown, near.grade.value, near.score, near.line, near.passage, refused)


_SAID = {
    "exact": "exact",
    "normalised": "equal once whitespace, quote marks and invisible characters are normalised",
    "fuzzy": "fuzzy",
    "absent": "not found",
}


def print_quote(found: Finding, as_json: bool) -> None:
    from tracker.render.text import encodable, inert

    if as_json:
        record = {k: encodable(v) if isinstance(v, str) else v for k, v in asdict(found).items()}
        write((json.dumps(record, ensure_ascii=False, indent=2) + "\n").encode("utf-8"))
        return
    said = _SAID[found.grade]
    if found.grade == "fuzzy":
        said += f" (score {found.score:g} of 100)"
    if found.passage is None:
        print(inert(f"{said} in {found.file} (source '{found.source}')"))
        return
    print(inert(f"{said}: {found.file}:{found.line} (source '{found.source}')"))
    print(inert(" ".join(found.passage.split())))
    if found.refused is not None:
        print(inert(f"but check would refuse it as a quote: {found.refused}"))
