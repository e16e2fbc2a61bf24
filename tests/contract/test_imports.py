"""Users pay only for what they ask for: which libraries each path imports.

Start-up time is what users of a CLI feel (issue 4): rich, dateutil, pycountry
and yaml each cost tens of milliseconds, so each is imported only by the
paths that need it; a cached answer is served by the front door (issue 14)
without Typer and pydantic too. Checked in a fresh interpreter, the way users
run it: through the command's entry point, `tracker.front.main`, unless
`entry` names the full command's.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from conftest import REPO, SHIPPED

HEAVY = ("rich", "dateutil", "pycountry", "yaml", "ruamel", "rapidfuzz", "typer", "click", "pydantic",
         "trafilatura", "htmldate", "lxml", "citeproc")  # fmt: skip
# Typer, with its own click (typer._click); not pydantic, which Typer imports to coerce values that
# tracker's options never have (cli.tree), nor pycountry, whose data is read as a file (countries).
FRAMEWORK = {"typer"}


def imported(*args: str, entry: str = "tracker.front") -> set[str]:
    code = (
        "import json, sys\n"
        f"from {entry} import main\n"
        "args = json.loads(sys.argv[1])\n"
        "sys.argv = ['tracker', *args]\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        f"print(json.dumps(sorted({{m.split('.')[0] for m in sys.modules}} & set({list(HEAVY)!r}))), file=sys.stderr)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code, json.dumps([*args, "--data", str(SHIPPED)])],
        capture_output=True,
        text=True,
        timeout=60,
    )
    return set(json.loads(result.stderr.strip().splitlines()[-1]))


@pytest.mark.parametrize(
    "args",
    [["signatories", "--json"], ["timeline", "--json"], ["candidates", "--json"], ["sources", "--json"]],
)
def test_json_never_imports_rich_and_a_cached_answer_imports_nothing_heavy(args):
    first = imported(*args)
    assert first == {"yaml"} | FRAMEWORK  # loading and checking the log
    assert imported(*args) == set()  # served from the cache by the front door
    assert imported(*args, entry="tracker.cli") == FRAMEWORK  # the full command's hit: no yaml


def test_tables_import_rich_only():
    assert imported("timeline") == {"rich", "yaml"} | FRAMEWORK
    assert imported("timeline") == set()  # the front door
    assert imported("timeline", entry="tracker.cli") == {"rich"} | FRAMEWORK  # the key needs the console


def test_dateutil_only_for_written_dates():
    assert "dateutil" not in imported("signatories", "--json", "--as-of", "2025-11-07")
    assert "dateutil" in imported("signatories", "--json", "--as-of", "7 Nov 2025")


def test_check_does_not_import_rich():
    assert imported("check") == {"yaml"} | FRAMEWORK


def test_curating_libraries_only_where_they_are_used():
    assert "rapidfuzz" not in imported("check")  # a passing check has no miss to explain
    later = str(REPO / "tests" / "articles" / "later-report.txt")
    saved = imported("add", "source", "https://example.org/new", "--text-file", later, "--dry-run")
    assert "ruamel" in saved and "trafilatura" not in saved  # a saved text needs no extraction
    assert "rapidfuzz" in imported("quote", "seed-001", "two countries established consular ties")


def test_citation_styles_import_citeproc_only_there():
    assert "citeproc" in imported("cite", "kazakhstan-announcement", "--style", "apa", "--no-cache")
    plain = imported("cite", "kazakhstan-announcement", "--no-cache")
    assert not {"citeproc", "trafilatura", "lxml"} & plain
