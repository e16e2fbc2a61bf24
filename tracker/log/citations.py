"""The check's rule on citations: each names a source with a stored text that holds its quote verbatim.

Per citation, against the sources it names and their articles. Quotes are
verified article by article (`verified`): each (article, quote) once a run,
and, with a memo, once for as long as the article, the quote and the matcher
are unchanged. A run of events whose summary (`parts`) shows only existing,
stored sources and quotes already verified in their articles has nothing to
report and is passed over; any other run is looked at citation by citation.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from tracker.files import Corpus, OutsideCorpus
from tracker.log.corrections import retired_hint
from tracker.log.memo import Memo
from tracker.log.parts import Part
from tracker.log.quotemisses import Miss
from tracker.log.verified import Text, known, verified
from tracker.model import Citation, Collector, Event, EventLog, Problem, Problems, Source

# A failing check names the nearest passage of this many missing quotes at most: each costs a fuzzy search.
HINT_LIMIT = 100
BATCH = 2000  # events whose citations are gathered at once, to be verified together


def citations(log: EventLog, memo: Memo | None, parts: list[Part]) -> Problems:
    """Every citation's problems: an unknown source, one without a stored text, a quote not in it."""
    problems = Collector()
    sources = log.source_map()
    texts: dict[str, Text | None] = {}  # each article read once, indexed only if a quote needs it
    try:
        corpus: Corpus | None = Corpus(Path(log.path), log.corpus)
    except OutsideCorpus as err:
        corpus = None
        problems.append(Problem(log.locs["corpus"], f"corpus '{log.corpus}' {err.why}"))
    if corpus is not None:
        for source in log.sources:
            if source.is_local and source.id not in texts:
                text, problem = _read_local(corpus, log, source)
                texts[source.id] = text
                if problem is not None:
                    problems.append(problem)
    hints = [0]
    seen = memo if memo is not None else Memo()  # what was verified, at least for this run
    for part in parts:
        if part.summary is not None and _clean(part.summary[0], sources, texts, seen):
            continue
        for start in range(part.start, part.end, BATCH):  # memory follows the batch, not the log
            _each(
                log, log.events[start : min(start + BATCH, part.end)], sources, texts, seen, problems, hints
            )
    seen.save_quotes()
    return problems.report()


def _clean(
    quoted: dict[str, tuple[bytes, ...]],
    sources: dict[str, Source],
    texts: dict[str, Text | None],
    memo: Memo | None,
) -> bool:
    """Whether events citing these sources with these quotes (digests) have nothing to report."""
    for source_id, found in quoted.items():
        source = sources.get(source_id)
        if source is None or not source.is_local:
            return False
        text = texts.get(source_id)
        if text is None or not found:
            continue  # an unusable article is reported once, at the source; its quotes are not searched
        verified_here = known(memo, text)
        if verified_here is None or not verified_here.issuperset(found):
            return False
    return True


def _each(
    log: EventLog,
    events: tuple[Event, ...],
    sources: dict[str, Source],
    texts: dict[str, Text | None],
    memo: Memo | None,
    problems: Collector,
    hints: list[int],
) -> None:
    """The problems of these events' citations, one by one; `hints` counts the nearest passages named."""
    quoted: list[tuple[Citation, Source]] = []
    asked: dict[str, list[str]] = {}  # source id -> its quotes, to verify together
    for event in events:
        for citation in event.citations:
            cited = sources.get(citation.source)
            if cited is None:
                hint = retired_hint(log, "source", citation.source)
                problems.append(
                    Problem(
                        citation.at("source"),
                        f"event '{event.id}' cites unknown source '{citation.source}'{hint}",
                    )
                )
                continue
            if not cited.is_local:
                problems.append(
                    Problem(
                        citation.at("source"),
                        f"source '{cited.id}' has no stored text ('file') to check the quote against; "
                        "add the page with `tracker add source URL` (or --text-file), which stores its text",
                    )
                )
                continue
            if citation.quote is None or texts.get(cited.id) is None:
                continue  # the reader has said that the quote is missing, or why the text is unusable
            quoted.append((citation, cited))
            asked.setdefault(cited.id, []).append(citation.quote)
    results = {}
    for source_id, quotes in asked.items():
        text = texts[source_id]
        assert text is not None
        results[source_id] = verified(memo, text, quotes)
    for citation, cited in quoted:
        assert citation.quote is not None
        found = results[cited.id][citation.quote]
        if found is None:
            continue
        hint = ""
        if found.kind not in ("refused", "weak", "gave-up") and hints[0] < HINT_LIMIT:
            text = texts[cited.id]
            assert text is not None
            hints[0] += 1
            hint = _hint(log, text, citation.quote, cited, texts)
        problems.append(
            Problem(
                citation.at("quote"),
                f"quote not found in {log.local_file(cited)} (source '{cited.id}'): "
                f"{excerpt(citation.quote)}; {found.reason}{hint}",
            )
        )


def _hint(log: EventLog, text: Text, quote: str, cited: Source, texts: dict[str, Text | None]) -> str:
    """Where a missing quote may really be: the nearest passage, and another article that has it verbatim."""
    from tracker.log.passages import Grade, fuzzy

    hint = ""
    near = fuzzy(text.article, quote)
    if near.grade is Grade.FUZZY and near.passage is not None:
        hint = f"; the nearest passage ({near.score:g}%) is at line {near.line}: {excerpt(near.passage, 80)}"
    sources = log.source_map()
    for other_id, other in texts.items():
        if other is None or other is text or other_id == cited.id:
            continue
        elsewhere = other.article.find(quote)
        if not isinstance(elsewhere, Miss):
            shown = log.local_file(sources[other_id])
            return hint + f"; it is verbatim in {shown} (source '{other_id}') at line {elsewhere.line}"
    return hint


def _read_local(corpus: Corpus, log: EventLog, source: Source) -> tuple[Text | None, Problem | None]:
    """A local source's text (indexed for quotes when first asked), or the reason it cannot be used."""
    assert source.file is not None
    where = source.at("file")
    shown = log.local_file(source)
    try:
        raw = corpus.read(source.file)
    except OutsideCorpus as err:
        if err.how == "link":
            return None, Problem(where, f"source file {shown} leads outside the corpus folder through a link")
        if err.how == "hidden":
            return None, Problem(
                where,
                f"source file {shown} is hidden or in a hidden folder; "
                "keep articles in visible files of the corpus folder",
            )
        return None, Problem(
            where, f"source file '{source.file}' must be a path inside the corpus folder '{log.corpus}'"
        )
    except FileNotFoundError:
        return None, Problem(where, f"source file {shown} does not exist")
    except OSError as err:
        return None, Problem(where, f"cannot read source file {shown}: {err.strerror or err}")
    if b"\0" in raw:
        return None, Problem(where, f"source file {shown} is binary, not text")
    try:
        text = Text(raw.decode("utf-8-sig"), hashlib.sha256(raw).hexdigest())
    except UnicodeDecodeError:
        return None, Problem(where, f"source file {shown} is not UTF-8 text")
    if source.sha256 is not None and text.digest != source.sha256:
        return text, Problem(
            source.at("sha256"),
            f"source file {shown} has changed since it was cited: its sha256 is now {text.digest}; "
            "check its quotes, then pin the new hash",
        )
    return text, None


def excerpt(text: str, limit: int = 60) -> str:
    flat = " ".join(text.split())
    return repr(flat if len(flat) <= limit else flat[: limit - 1] + "…")
