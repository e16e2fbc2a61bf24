"""`cite`'s output: an event's citations as plain text, Markdown or CSL-JSON, ready to paste.

Nothing is invented: the outlet is given only where the log records it
("outlet not named" otherwise), an inferred publication date says so, and
as the log records no article titles, a CSL item's title says that instead of
making one up. Quotes are printed as stored, with line breaks as spaces.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from tracker.model import Citation, PublishedBasis, Source
from tracker.queries import CitationSheet, SourceRecord, Style
from tracker.render import json
from tracker.render.text import inert

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>#|])")


def _published(source: Source) -> str:
    if source.published is None:
        return "publication date unknown"
    inferred = " (date inferred)" if source.published_basis is PublishedBasis.INFERRED else ""
    return f"published {source.published.iso()}{inferred}"


def _quote(citation: Citation) -> str | None:
    return " ".join(citation.quote.split()) if citation.quote else None


def _where(record: SourceRecord) -> str:
    return record.source.url or record.where or "no URL or file recorded"


def text(sheet: CitationSheet) -> Iterator[str]:
    event = sheet.detail.event
    when = f" ({event.date})" if event.date else ""
    yield inert(f"{event.id}: {event.title}{when}") + "\n"
    for number, citation in enumerate(event.citations, start=1):
        record = sheet.detail.source(citation.source)
        source = record.source
        line = f"{source.outlet or 'Outlet not named'}, {_published(source)}. {_where(record)} [{source.id}]"
        yield f"\n{number}. {inert(line)}\n"
        quote = _quote(citation)
        if quote:
            yield f"   “{inert(quote)}”\n"
        elif citation.note:
            yield f"   No quote (no local copy); the log notes: {inert(citation.note)}\n"
        else:
            yield "   No quote (no local copy of this source).\n"


def _md(value: str) -> str:
    return _MARKDOWN_SPECIAL.sub(r"\\\1", inert(value))


def markdown(sheet: CitationSheet) -> Iterator[str]:
    event = sheet.detail.event
    when = f" ({event.date})" if event.date else ""
    yield f"**{_md(event.id)}**: {_md(event.title)}{when}\n\n"
    for number, citation in enumerate(event.citations, start=1):
        record = sheet.detail.source(citation.source)
        source = record.source
        outlet = f"*{_md(source.outlet)}*" if source.outlet else "Outlet not named"
        if source.url:
            where = f"<{inert(source.url)}>"
        elif record.where:
            where = f"`{inert(record.where)}`"
        else:
            where = "no URL or file recorded"
        quote = _quote(citation)
        said = f": “{_md(quote)}”" if quote else ""
        yield f"{number}. {outlet}, {_published(source)}, {where} \\[{_md(source.id)}\\]{said}\n"


def csl(sheet: CitationSheet) -> list[dict[str, Any]]:
    """One CSL-JSON item per distinct source, its quotes in `note` (Zotero imports the list)."""
    event, items = sheet.detail.event, []
    for record in sheet.detail.sources:
        source = record.source
        quotes = [q for c in event.citations if c.source == source.id and (q := _quote(c))]
        note = [f"Cited by tracker for {event.id}: {event.title}."]
        note += [f"“{q}”" for q in quotes]
        if record.where and not source.url:
            note.append(f"Local copy: {record.where}")
        if source.published_basis is PublishedBasis.INFERRED and source.published_clue:
            note.append(f"Publication date inferred: {' '.join(source.published_clue.split())}")
        item: dict[str, Any] = {
            "id": source.id,
            "type": "article-newspaper" if source.outlet else "webpage" if source.url else "article",
            "title": f"[Untitled: the log records no title for source {source.id}]",
        }
        if source.outlet:
            item["container-title"] = source.outlet
        if source.published is not None:
            when = source.published
            item["issued"] = {"date-parts": [[p for p in (when.year, when.month, when.day) if p is not None]]}
        if source.url:
            item["URL"] = source.url
        item["note"] = "\n".join(note)
        items.append(item)
    return items


def chunks(sheet: CitationSheet) -> Iterator[bytes]:
    """The sheet in its style, as UTF-8."""
    if sheet.style is Style.CSL_JSON:
        yield from json.chunks(csl(sheet))
        return
    lines = markdown(sheet) if sheet.style is Style.MARKDOWN else text(sheet)
    yield "".join(lines).encode("utf-8")
