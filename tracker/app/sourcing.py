"""`add source` without the CLI framework: a local article, or a web page fetched or saved by the
curator, with its snapshot pinned by hash and the origin a nearly coinciding text suggests.

Values come in as the options gave them, and what is missing is asked for or a
usage error, as for every addition (`curate`).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tracker import urls
from tracker.app.answer import LogFile
from tracker.app.curate import Ask, _assertions, _log, _maybe, _memo, _need, _planned
from tracker.errors import UsageError
from tracker.log import additions
from tracker.log.additions import Plan
from tracker.model import EventLog


def add_source(log_file: LogFile, reference: str, values: dict[str, Any], ask: Ask = None) -> Plan:
    """A new source: a local article, or a web page (fetched, or saved by the curator) with its snapshot.

    The text that is hashed is the text that is copied: the bytes are read
    once and carried in the plan, so a file changed meanwhile cannot split
    the log's pin from the corpus's copy.
    """
    memo = _memo()
    log = _log(log_file, memo=memo)
    today = log_file.today
    taken = {s.id for s in log.sources}
    item = dict(values)
    text_file = item.pop("text_file", None)
    if item.get("published") and not item.get("published_basis") and ask is None:
        raise UsageError("missing --basis (stdin is not a terminal, so nothing is asked)", "--basis")
    is_url = urls.is_web(reference)
    if is_url:
        _url_or_usage(reference, "PATH_OR_URL")
        item["url"] = reference
        if text_file is not None:
            data = _text_bytes(text_file, "--text-file")
        else:
            data, page = _fetched(reference)
            item["url"] = page.url
            for key, value in (("title", page.title), ("outlet", page.outlet)):
                if item.get(key) is None and value:
                    item[key] = value
            if not item.get("authors") and page.authors:
                item["authors"] = list(page.authors)
            if item.get("published") is None and page.published:
                item["published"], item["published_basis"] = page.published, "stated"
        item["retrieved"] = item.get("retrieved") or today.isoformat()
    else:
        if text_file is not None:
            raise UsageError("--text-file goes with a URL: PATH_OR_URL is the page's address", "--text-file")
        data = _text_bytes(reference, "PATH_OR_URL")
    proposed = additions.propose_id(item.get("url") or reference, taken)
    item["id"] = values.get("id") or (ask("Source id", proposed).strip() if ask else proposed) or proposed
    digest = additions.sha256(data)
    name = f"pages/{item['id']}.txt" if is_url else Path(reference).name
    clash = additions.corpus_clash(log.corpus_root, name, digest, log)
    if clash is not None:
        raise UsageError(clash, "PATH_OR_URL")
    item["file"], item["sha256"] = name, digest
    article = (data, log.corpus_root / name, digest)
    near = [] if item.get("origin") else _nearly_coinciding(log, data)
    if near and ask is not None:
        best = near[0]
        item["origin"] = _maybe(
            None,
            f"Origin: {best.describe()}; if it repeats that source, type '{best.source}' or the label of "
            "the original both repeat (empty: an origin of its own)",
            ask,
        )
    item["title"] = _maybe(item.get("title"), "Title, as the source gives it (empty: none)", ask)
    item["outlet"] = _maybe(item.get("outlet"), "Outlet, only as the source names itself (empty: none)", ask)
    item["published"] = _maybe(item.get("published"), "Published (YYYY-MM-DD, YYYY-MM or YYYY; empty)", ask)
    if item["published"]:
        item["published_basis"] = _need(
            item.get("published_basis"), "--basis", "Basis of the date (stated or inferred)", ask
        )
        if item["published_basis"] == "inferred":
            item["published_clue"] = _need(
                item.get("published_clue"), "--clue", "What the date is inferred from", ask
            )
    result = _planned(
        memo,
        lambda: additions.plan(
            log_file.path,
            log_file.shown,
            "sources",
            additions.source_item(item),
            article=article,
            pending_file=name,
            today=today,
            verify=_assertions,
            store=memo,
        ),
    )
    result.notes.append(f"{reference if not is_url else text_file or item['url']} -> {log.corpus}/{name} "
                        f"(sha256 {digest})")  # fmt: skip
    if is_url and item["url"] != reference:
        result.notes.append(
            f"{reference} redirected to {item['url']}; the log records where the page was found"
        )
    if near and not item.get("origin"):
        best = near[0]
        repeats = log.source_map()[best.source].origin
        further = f", which itself repeats {repeats}" if repeats else ""
        result.advice.append(
            f"{best.describe()}{further}: if it repeats that source (a reprinted wire story, a relayed "
            f"report), give --origin {best.source}, or a label naming the original both repeat, and say "
            'why in --note (docs/format.md, "Origins")'
        )
    published = item.get("published")
    if published and log.reviewed is not None and published > log.reviewed.iso():
        result.advice.append(
            f"the source is published {published}, after the review date {log.reviewed}: once the news "
            f"is read through that day, move 'reviewed' (check --strict fails until then)"
        )
    return result


def _nearly_coinciding(log: EventLog, data: bytes) -> list[Any]:
    """The log's sources whose stored texts the new text nearly coincides with (`log.coincide`):
    the origin `add source` proposes. Texts that cannot be read are passed over (check says why)."""
    from tracker.files import Corpus, OutsideCorpus
    from tracker.log.coincide import coincidences

    try:
        corpus = Corpus(Path(log.path), log.corpus)
    except OutsideCorpus:
        return []

    def stored() -> Any:
        for source in log.sources:
            if source.file is None:
                continue
            try:
                yield source.id, corpus.read(source.file).decode("utf-8-sig")
            except (OSError, OutsideCorpus, UnicodeDecodeError):
                continue

    return coincidences(data.decode("utf-8-sig"), stored())


def _url_or_usage(url: str, option: str) -> None:
    from tracker.urls import problem as url_problem

    problem = url_problem(url)
    if problem is not None:
        raise UsageError(f"{url} {problem}", option)


def _text_bytes(name: str, option: str) -> bytes:
    """A UTF-8 text file's bytes, read once and bounded."""
    from tracker.files import SOURCE_LIMIT, read_bounded

    try:
        data = read_bounded(Path(name), SOURCE_LIMIT)
    except OSError as err:
        raise UsageError(f"cannot read {name}: {err.strerror or err}", option) from None
    if b"\0" in data:
        raise UsageError(f"{name} is binary, not a text article", option)
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        raise UsageError(f"{name} is not UTF-8 text; save the article as UTF-8", option) from None
    return data


def _fetched(url: str) -> tuple[bytes, Any]:
    """The page's extracted text as UTF-8 bytes, and what it says of itself."""
    from tracker.app import web

    try:
        web.require_extra()
        page = web.extract(web.fetch(url))
    except web.PageError as err:
        raise UsageError(str(err), "PATH_OR_URL") from None
    return page.text.encode("utf-8"), page
