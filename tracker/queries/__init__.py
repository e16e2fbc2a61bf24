"""Questions about a checked log, each a frozen dataclass answered by `run`: pure, no I/O."""

from tracker.queries.base import Query, in_force, sort_key
from tracker.queries.changes import Change, ChangeKind, ChangeList, Changes
from tracker.queries.chart import Chart, ChartResult, Lane, Marker, Span
from tracker.queries.cite import CitationSheet, Cite, Style
from tracker.queries.confidence import Confidence, Grade
from tracker.queries.corrections import CorrectionRow
from tracker.queries.country import Country, CountryPage, Disagreement
from tracker.queries.due import Due, DueList, DueRow, Info, LogInfo
from tracker.queries.expectations import Expectation, State, Step
from tracker.queries.membership import CandidateList, Candidates, Roster, Signatories
from tracker.queries.report import Report, ReportResult
from tracker.queries.sources import EventDetail, Show, SourceList, SourceRecord, Sources
from tracker.queries.timeline import Timeline, TimelineResult
from tracker.queries.treaty import Act, Ratification, Treaty

__all__ = [
    "Act",
    "CandidateList",
    "Candidates",
    "Change",
    "ChangeKind",
    "ChangeList",
    "Changes",
    "Chart",
    "ChartResult",
    "CitationSheet",
    "Cite",
    "Confidence",
    "CorrectionRow",
    "Country",
    "CountryPage",
    "Disagreement",
    "Due",
    "DueList",
    "DueRow",
    "EventDetail",
    "Expectation",
    "Grade",
    "Info",
    "Lane",
    "LogInfo",
    "Marker",
    "Query",
    "Ratification",
    "Report",
    "ReportResult",
    "Roster",
    "Show",
    "Signatories",
    "SourceList",
    "SourceRecord",
    "Sources",
    "Span",
    "State",
    "Step",
    "Style",
    "Timeline",
    "TimelineResult",
    "Treaty",
    "in_force",
    "sort_key",
]
