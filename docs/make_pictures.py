"""Make docs/html-report.png (a desktop's 1280 pixels), docs/html-report-phone.png (a phone's 390)
and docs/chart.png with the code the tests run (tests/browser.py).

    PYTHONPATH=. python docs/make_pictures.py

The page is the shipped log's `tracker export html`; the chart is `tracker chart`
at 100 columns, recorded by rich as SVG and photographed by the same Chromium.
"""

from __future__ import annotations

import io
import sys
import tempfile
from datetime import date
from pathlib import Path

DOCS = Path(__file__).resolve().parent
REPO = DOCS.parent
sys.path[:0] = [str(REPO), str(REPO / "tests")]

from browser import framed_screenshot, screenshot  # noqa: E402

from tracker.log import open_log  # noqa: E402

AS_OF = date(2026, 6, 26)  # the shipped log's review date: the pictures do not change with the day


def chart_svg(width: int = 100) -> str:
    """The chart as rich prints it at `width` columns, in colour, as an SVG document."""
    from rich.console import Console

    from tracker.queries.chart import Chart
    from tracker.render.chart import ChartView

    log, problems = open_log(REPO / "data" / "events.yaml", today=date.today())
    assert log is not None and not problems, problems
    console = Console(
        record=True, width=width, force_terminal=True, color_system="truecolor", file=io.StringIO()
    )
    console.print(ChartView(Chart(as_of=AS_OF).run(log)))
    return console.export_svg(title="tracker chart")


def main() -> None:
    from tracker.app.export import Destination, html

    log, problems = open_log(REPO / "data" / "events.yaml", today=date.today())
    assert log is not None and not problems, problems
    with tempfile.TemporaryDirectory() as folder:
        page = Path(folder) / "report.html"
        html.write(log, Destination(page), AS_OF)
        screenshot(page, DOCS / "html-report.png", 1280, 2000)
        framed_screenshot(page, DOCS / "html-report-phone.png", 390, 1800)
        svg = Path(folder) / "chart.svg"
        svg.write_text(chart_svg(), encoding="utf-8")
        screenshot(svg, DOCS / "chart.png", 1300, 620)
    print("wrote docs/html-report.png, docs/html-report-phone.png and docs/chart.png")


if __name__ == "__main__":
    main()
