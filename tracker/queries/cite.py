"""An event's citations ready to paste: outlet, publication date, where to read it, the verified quote."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import ClassVar

from tracker.model import EventLog
from tracker.queries.base import Query
from tracker.queries.sources import EventDetail, detail


class Style(StrEnum):
    TEXT = "text"
    MARKDOWN = "markdown"
    CSL_JSON = "csl-json"
    APA = "apa"  # rendered by citeproc-py from the CSL-JSON (the cite extra)
    CHICAGO = "chicago"


@dataclass(frozen=True)
class CitationSheet:
    detail: EventDetail
    style: Style

    @property
    def reviewed(self) -> date | None:
        return self.detail.reviewed

    @property
    def notices(self) -> tuple[str, ...]:
        """That the event was asked for by a retired id, as `show` says it."""
        return self.detail.notices


@dataclass(frozen=True)
class Cite(Query[CitationSheet]):
    """The citations of one event in a style; article paths from `cwd` (the working folder)."""

    command: ClassVar[str] = "cite"
    result: ClassVar[type] = CitationSheet
    event_id: str
    style: Style = Style.TEXT
    cwd: str | None = None

    def run(self, log: EventLog) -> CitationSheet:
        return CitationSheet(detail(log, self.event_id, self.cwd), self.style)
