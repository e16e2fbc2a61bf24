"""`tracker export html`: the web page, as the report query answers it and its renderer prints it.

What the page holds is `queries.report` (computed once per page) and how it
looks is `render.html` (pure); this writes the bytes through the export's
destination (a file, replaced in one step, or standard output).
"""

from __future__ import annotations

from datetime import date

from tracker.app.export import Destination, write_result
from tracker.model import EventLog
from tracker.queries.report import Report
from tracker.render import Format


def write(log: EventLog, destination: Destination, as_of: date) -> None:
    """The page for a checked log as of `as_of` (the CLI's default: the log's review date)."""
    write_result(destination, Report(as_of).run(log), Format.HTML)
