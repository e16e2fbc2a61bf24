"""Changes as an Atom feed (RFC 4287), so a reporter can subscribe instead of re-running `changes`.

One entry per change: a status moved, a condition came into force, an
expectation was first reported, came due or was resolved, or any other event
happened; and one per correction of the log made in the window (category
"correction"), dated the day it was made. An entry's id is derived from what changed (the event, the country,
the states before and after), so a feed re-read after the log grew keeps its
entries' ids and a reader shows only what is new. Times are the last day of
each change's date, at midnight UTC: the log knows days, not hours. Nothing
here depends on the clock, so the same log gives the same bytes.
"""

from __future__ import annotations

import re
import uuid
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from datetime import date

from tracker.inert import escape
from tracker.model import Source
from tracker.queries.changes import Change, ChangeKind, ChangeList
from tracker.queries.corrections import CorrectionRow, described

ATOM = "http://www.w3.org/2005/Atom"
_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "https://abraham-accords-tracker.invalid/changes")


def stamp(day: date) -> str:
    return f"{day.isoformat()}T00:00:00Z"


def entry_id(row: Change) -> str:
    """Stable across runs and log edits that leave this change as it was."""
    key = "/".join((row.change.value, row.event.id, row.code or "", row.before or "", row.after))
    return f"urn:uuid:{uuid.uuid5(_NAMESPACE, key)}"


def _title(row: Change) -> str:
    event = row.event.title
    if row.change is ChangeKind.EVENT:
        return f"{row.after.capitalize()}: {event}"
    who = f"{row.country} ({row.code})" if row.code else "Expectation"
    if row.change is ChangeKind.CONDITION:
        return f"{who}: new condition. {event}"
    before = row.before or ("new" if row.change is ChangeKind.EXPECTATION else "none")
    what = "expectation " if row.change is ChangeKind.EXPECTATION and row.code else ""
    return f"{who}: {what}{before} → {row.after}. {event}"


# What XML 1.0 cannot hold, even escaped: C0 controls but tab, line feed and carriage return, lone
# surrogates, U+FFFE and U+FFFF. A log may hold them (written as YAML escapes); the feed writes each
# as its escape (`\x1b`), as a terminal shows it, rather than a file no feed reader can parse.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _xml(value: str) -> str:
    return _NOT_XML.sub(lambda found: escape(found.group()), value)


def _element(parent: ET.Element, tag: str, text: str | None = None, **attributes: str) -> ET.Element:
    """Every element of the feed, its text and attributes made fit for XML here."""
    child = ET.SubElement(parent, f"{{{ATOM}}}{tag}", {k: _xml(v) for k, v in attributes.items()})
    if text is not None:
        child.text = _xml(text)
    return child


def feed(result: ChangeList) -> ET.Element:
    ET.register_namespace("", ATOM)
    root = ET.Element(f"{{{ATOM}}}feed")
    window = f"{result.since.isoformat()} to {result.until.isoformat()}"
    _element(root, "id", f"urn:uuid:{uuid.uuid5(_NAMESPACE, 'feed')}")
    _element(root, "title", "Abraham Accords tracker: what changed")
    reach = (
        f"; the log was reviewed through {result.reviewed.isoformat()}, and nothing after that is in it"
        if result.reviewed is not None
        else ""
    )
    _element(root, "subtitle", f"Changes from {window}{reach}.")
    days = [row.date.end for row in result.rows if row.date is not None]
    days += [row.correction.date.end for row in result.corrections]
    latest = max(days, default=None) or result.reviewed or result.until
    _element(root, "updated", stamp(latest))
    author = _element(root, "author")
    _element(author, "name", "abraham-accords-tracker curators")
    _element(root, "generator", "abraham-accords-tracker")
    entries = [(row.date.end if row.date else date.min, _entry(row, result)) for row in result.rows]
    entries += [(row.correction.date.end, _correction(row, result)) for row in result.corrections]
    for _, entry in sorted(entries, key=lambda pair: pair[0], reverse=True):  # stable: news first on a day
        root.append(entry)
    return root


# -- corrections: entries about the record itself, beside the news ----------------------------------


def correction_id(row: CorrectionRow) -> str:
    """Derived from what the correction says, never from its place in the list or the clock."""
    c = row.correction
    parts = (c.kind.value, *c.subject, c.field, c.was, c.source, c.quote, c.replaced_by, c.date.iso())
    key = "correction/" + "/".join(part or "" for part in parts)
    return f"urn:uuid:{uuid.uuid5(_NAMESPACE, key)}"


def _correction(row: CorrectionRow, result: ChangeList) -> ET.Element:
    c = row.correction
    what, item_id = c.subject
    entry = ET.Element(f"{{{ATOM}}}entry")
    _element(entry, "id", correction_id(row))
    _element(entry, "title", f"Correction of {what} {item_id}: {described(row)}")
    _element(entry, "updated", stamp(c.date.end))
    _element(entry, "category", term="correction")
    lines = [
        *([row.title] if row.title else []),
        f"The log corrected {what} {item_id} on {c.date} ({c.kind.value}): {described(row)}.",
        f"Why: {' '.join(c.reason.split())}",
    ]
    if row.now is not None and row.now != item_id:
        lines.append(f"Its id now: {row.now}.")
    _linked(entry, row.links, result)
    _element(entry, "summary", "\n".join(lines), type="text")
    return entry


def _entry(row: Change, result: ChangeList) -> ET.Element:
    entry = ET.Element(f"{{{ATOM}}}entry")
    _element(entry, "id", entry_id(row))
    _element(entry, "title", _title(row))
    day = row.date.end if row.date is not None else (result.reviewed or result.until)
    _element(entry, "updated", stamp(day))
    _element(entry, "category", term=row.change.value)
    when = f"{row.date} (known to the {row.date.precision.value})" if row.date is not None else "undated"
    lines = [row.event.title, f"Date: {when}."]
    if row.change is ChangeKind.EXPECTATION:  # what it must come to, and by when
        lines += [f"Criterion: {row.event.criterion}"] if row.event.criterion else []
        lines += [f"Deadline: {row.event.deadline}."] if row.event.deadline is not None else []
    if row.by is not None:
        lines.append(f"{row.after.replace('-', ' ').capitalize()} by: {row.by.title}")
        if row.part:
            lines.append(f"The part met: {row.part}")
        said = [_label(s) for i in row.by.source_ids if (s := result.sources.get(i)) is not None]
        if said:
            lines.append("As reported by: " + "; ".join(said) + ".")
    cited = _linked(entry, row.event.source_ids, result)
    if cited:
        lines.append("Sources: " + "; ".join(cited) + ".")
    _element(entry, "summary", "\n".join(lines), type="text")
    return entry


def _linked(entry: ET.Element, source_ids: tuple[str, ...], result: ChangeList) -> list[str]:
    """A link to each source's page (the first the entry's alternate), and the sources as text."""
    cited = []
    for source_id in source_ids:
        source = result.sources.get(source_id)
        if source is None:
            continue
        label = ", ".join(part for part in (source.outlet, source.shown_title) if part) or source_id
        cited.append(_label(source))
        if source.url is not None:
            rel = "alternate" if not entry.findall(f"{{{ATOM}}}link") else "related"
            _element(entry, "link", rel=rel, href=source.url, title=label)
    return cited


def _label(source: Source) -> str:
    """A source as the feed names it: outlet and title (else its id), and its publication date."""
    label = ", ".join(part for part in (source.outlet, source.shown_title) if part) or source.id
    return label + (f" ({source.published})" if source.published is not None else "")


def chunks(result: ChangeList) -> Iterator[bytes]:
    root = feed(result)
    ET.indent(root)
    yield b'<?xml version="1.0" encoding="utf-8"?>\n'
    yield ET.tostring(root, encoding="utf-8", xml_declaration=False) + b"\n"
