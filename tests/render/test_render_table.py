"""The renderer table: complete for every question, found by name, and cheap to consult.

Which result prints in which format is said by rows keyed by the result
type's name in the modules that print them (`json.RECORDS`, `json.COLUMNS`,
`terminal.TABLES`, and `render.OWN` for a format a result prints its own
way), so a new question touches no line of `tracker/render/__init__.py`, and
a JSON answer imports neither rich nor any question's module but its own.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from conftest import SHIPPED

from tracker import queries
from tracker.queries.base import Query
from tracker.render import OWN, Format, Target, formats, renderer, terminal
from tracker.render import json as render_json

QUERIES = sorted(
    {q for m in queries.modules() for q in vars(m).values() if isinstance(q, type) and issubclass(q, Query)}
    - {Query},
    key=lambda q: q.__name__,
)
RESULTS = sorted({q.result for q in QUERIES}, key=lambda r: r.__name__)
# Results a command answers with (not a file `export` writes, such as the HTML report's page).
ANSWERED = sorted(
    {q.result for q in QUERIES if not q.command.startswith("export ")}, key=lambda r: r.__name__
)


def test_every_question_is_found_in_the_package():
    assert {q.command for q in QUERIES} >= {"timeline", "signatories", "candidates", "cite", "chart"}
    assert len({r.__name__ for r in RESULTS}) == len(RESULTS)  # the tables' keys name one type each


@pytest.mark.parametrize("result", ANSWERED, ids=lambda r: r.__name__)
def test_every_answer_prints_as_json_and_as_a_table(result):
    assert renderer(result, Format.JSON) is not None
    assert renderer(result, Format.TABLE) is not None
    shown = formats(result)
    assert shown[:2] == (Format.TABLE, Format.JSON)
    if result.__name__ in render_json.COLUMNS:  # a listing: every flat format, as JSON lines too
        assert {Format.JSONL, Format.CSV, Format.MARKDOWN} <= set(shown)


def test_an_exported_result_prints_in_its_own_format():
    exported = [r for r in RESULTS if r not in ANSWERED]
    assert exported and all(formats(r) for r in exported)


def test_no_row_names_a_result_no_question_gives():
    names = {r.__name__ for r in RESULTS}
    assert set(render_json.RECORDS) <= names
    assert set(render_json.COLUMNS) <= set(render_json.RECORDS)  # columns are of the records
    assert set(terminal.TABLES) <= names
    assert {name for name, _ in OWN} <= names
    assert set(render_json.RECORDS) >= render_json.WHOLE


def test_the_formats_each_result_offers_are_as_they_were():
    """As the table keyed by type gave them before the rows were keyed by name (a new result may
    add its own)."""
    offered = {r.__name__: [f.value for f in formats(r)] for r in RESULTS}
    assert {name: offered.get(name) for name in WERE} == WERE


LISTING = ["table", "json", "jsonl", "csv", "markdown"]
WERE = {
    "CandidateList": LISTING,
    "ChangeList": [*LISTING, "atom"],
    "ChartResult": ["table", "json"],
    "CitationSheet": LISTING,
    "CountryPage": ["table", "json", "jsonl"],
    "DueList": LISTING,
    "EventDetail": ["table", "json", "jsonl"],
    "LogInfo": LISTING,
    "Roster": LISTING,
    "SourceList": LISTING,
    "TimelineResult": LISTING,
}


def test_a_new_result_is_printed_from_its_rows_alone(monkeypatch):
    """What a new question adds to the renderers: its rows in the format modules' tables, by name."""

    class Tally:  # a result type no module knows
        reviewed = None
        notices = ()

        def __init__(self, count: int) -> None:
            self.count = count

    assert renderer(Tally, Format.JSON) is None
    monkeypatch.setitem(render_json.RECORDS, "Tally", lambda r: [{"count": r.count}])
    monkeypatch.setitem(render_json.COLUMNS, "Tally", render_json.fields("count"))
    from rich.text import Text

    monkeypatch.setitem(terminal.TABLES, "Tally", lambda r: [Text(f"{r.count} counted")])
    got = b"".join(renderer(Tally, Format.JSON)(Tally(3), Target(Format.JSON)))  # type: ignore[misc]
    assert json.loads(got) == [{"count": 3, "reviewed": None}]
    csv = b"".join(renderer(Tally, Format.CSV)(Tally(3), Target(Format.CSV)))  # type: ignore[misc]
    assert csv.decode().splitlines() == ["count,reviewed", "3,"]
    from tracker.render import target

    table = b"".join(renderer(Tally, Format.TABLE)(Tally(3), target(Format.TABLE)))  # type: ignore[misc]
    assert table.decode().strip() == "3 counted"
    assert formats(Tally) == (Format.TABLE, Format.JSON, Format.JSONL, Format.CSV, Format.MARKDOWN)


def modules_after(*args: str) -> list[str]:
    """The tracker and rich modules a fresh `tracker` process has imported once it has answered."""
    code = (
        "import json, sys\n"
        "from tracker.front import main\n"
        "sys.argv = ['tracker', *json.loads(sys.argv[1])]\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "print(json.dumps(sorted(m for m in sys.modules if m.split('.')[0] in ('tracker', 'rich'))),"
        " file=sys.stderr)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, json.dumps([*args, "--data", str(SHIPPED), "--no-cache"])],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.stdout, done.stderr
    return json.loads(done.stderr.strip().splitlines()[-1])


def test_a_json_answer_imports_its_own_question_and_no_table():
    loaded = modules_after("signatories", "--json")
    asked = {m for m in loaded if m.startswith("tracker.queries.")}
    assert asked == {
        "tracker.queries.base",
        "tracker.queries.expectations",
        "tracker.queries.knowledge",
        "tracker.queries.membership",
        "tracker.queries.treaty",  # the roster's ratification, its origins and their confidence
        "tracker.queries.origins",
        "tracker.queries.confidence",
    }
    assert "tracker.render.terminal" not in loaded and "tracker.render.flat" not in loaded
    assert not [m for m in loaded if m.startswith("rich")]


def test_a_table_imports_the_tables_and_rich_and_still_only_its_question():
    loaded = modules_after("timeline")
    assert {"tracker.render.terminal", "tracker.render.layout", "rich.table"} <= set(loaded)
    assert {m for m in loaded if m.startswith("tracker.queries.")} == {
        "tracker.queries.base",
        "tracker.queries.expectations",
        "tracker.queries.knowledge",
        "tracker.queries.timeline",
        "tracker.queries.treaty",  # a treaty act's standing, and each event's independent origins
        "tracker.queries.origins",
    }


def test_the_records_are_assembled_from_their_families_only_when_asked_for():
    """Writing JSON alone (`check --json`'s problems, `cite`'s CSL-JSON) imports no family of records;
    the first look at a table imports them all, and the table holds every family's rows."""
    code = (
        "import sys\n"
        "from tracker.render import json\n"
        "b''.join(json.chunks(json.problems([])))\n"
        "print(sorted(m for m in sys.modules if m.startswith('tracker.render.records.')))\n"
        "names = sorted(json.RECORDS)\n"
        "print(sorted(m for m in sys.modules if m.startswith('tracker.render.records.')))\n"
        "print(names)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    before, after, names = done.stdout.splitlines()
    assert before == "[]", done.stderr
    assert after == str([f"tracker.render.records.{f}" for f in sorted(render_json.FAMILIES)])
    assert "'Roster'" in names and "'TimelineResult'" in names
