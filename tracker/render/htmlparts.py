"""The pieces every section of `export html`'s page is made of: safe anchors and links, a country, a
status, an expectation's state, an event's date. Every piece of log text goes through `_t`
(`text.markup`: control characters made visible, then HTML-escaped)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from urllib.parse import urlsplit

from tracker.model import Event, MemberStatus, Source
from tracker.queries.expectations import State
from tracker.render.text import markup as _t

_UNSAFE = re.compile(r"[^A-Za-z0-9._-]")


def anchor(prefix: str, ident: str) -> str:
    """An id made of safe characters only, the same in the id and in the link to it."""
    return prefix + _UNSAFE.sub(lambda m: "".join(f"%{b:02X}" for b in m.group().encode()), ident)


def safe_url(url: str | None) -> str | None:
    """An http(s) URL fit for href, or None: other schemes (javascript:, file:) are never links."""
    if not url or any(c.isspace() or ord(c) < 32 or ord(c) == 127 for c in url):
        return None
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    return url if parts.scheme.lower() in ("http", "https") and parts.netloc else None


def country(code: str, names: Mapping[str, str]) -> str:
    return _t(names[code])


def status(status: MemberStatus | str) -> str:
    value = status.value if isinstance(status, MemberStatus) else status
    return f'<span class="status status-{_t(value)}">{_t(value)}</span>'


def state(state: State) -> str:
    return f'<span class="state-{_t(state.expectation.value)}">{_t(state.describe())}</span>'


def event_link(event_id: str, text: str | None = None) -> str:
    shown = 'class="id" ' if text is None else ""  # an id stays whole: it breaks at no hyphen
    return f'<a {shown}href="#{anchor("event-", event_id)}">{_t(text if text is not None else event_id)}</a>'


def source_link(source_id: str) -> str:
    return f'<a class="id" href="#{anchor("source-", source_id)}">{_t(source_id)}</a>'


def links(ids: Iterable[str], sources: Mapping[str, Source]) -> str:
    """Sources in a table cell, by outlet (which wraps between words, where an id would break at its
    hyphens or widen the table); each links to the source's entry, whose id is its title."""
    out = []
    for source_id in ids:
        source = sources.get(source_id)
        if source is None or not source.outlet:
            out.append(source_link(source_id))
            continue
        out.append(
            f'<a href="#{anchor("source-", source_id)}" title="{_t(source_id)}">{_t(source.outlet)}</a>'
        )
    return ", ".join(out) or "—"


def when(event: Event) -> str:
    if event.date is None:
        return "undated"
    shown = str(event.date)
    if event.date_basis.value == "reported":
        shown = f"as of {shown} (date reported)"
    return shown
