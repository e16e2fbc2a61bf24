"""Paths and lists as the command takes and gives them: article paths from the working folder (never
an install path), each folder its own cache entry, and --country as a comma-separated list."""

from __future__ import annotations

import pytest
from conftest import REPO, SHIPPED, run, run_json


@pytest.fixture(autouse=True)
def _checkout_log(monkeypatch):
    """Paths in answers are from the working folder to the log's articles: use the checkout's log,
    whether the package is installed as a link to it or as a copy."""
    monkeypatch.setenv("TRACKER_DATA", str(SHIPPED))


def test_show_and_sources_paths_from_another_folder_are_from_the_logs_folder(tmp_path, monkeypatch):
    """Outside the working folder, a stored text's path is given from the log's folder, never absolute
    (an install path would leak into answers)."""
    monkeypatch.chdir(tmp_path)
    records = run_json("sources")
    local = [r for r in records if r["file"]]
    assert len(local) == sum(1 for p in (REPO / "seeds").rglob("*") if p.is_file())  # articles and snapshots
    for record in local:
        assert record["path"] == f"../seeds/{record['file']}"
        assert (SHIPPED.parent / record["path"]).is_file(), record["path"]  # resolved from the log's folder
    assert {r["id"] for r in local if not r["snapshot"]} == {f"seed-00{n}" for n in range(5)}
    shown = run("show", "morocco-signing", "--data", str(SHIPPED), env={"COLUMNS": "200"}).stdout
    lines = [line.strip() for line in shown.splitlines()]
    assert lines[lines.index("9. seed-002: outlet unknown, 2025-11, inferred") + 1] == (
        "../seeds/002_8053211c4aa149c3.txt"
    )
    # A source with a web page is shown by its URL, not by its stored text.
    assert lines[lines.index("8. seed-000: Firstpost, 2025-11-06, inferred") + 1] == (
        "https://www.firstpost.com/world/kazakhstan-set-to-join-abraham-accords-in-symbolic-move-at-central-asia-summit-13948545.html/amp"
    )
    assert (
        "https://newsghana.com.gh/morocco-israel-agree-to-immediately-establish-full-diplomatic-ties/"
        in lines
    )
    assert str(REPO) not in shown and "pages/" not in shown


def test_paths_are_relative_below_the_working_folder_and_the_cache_keeps_them_apart(tmp_path, monkeypatch):
    """The working folder is part of the question: a cached answer from another folder is not reused."""
    monkeypatch.chdir(REPO)
    here = {r["id"]: r["path"] for r in run_json("sources")}
    assert here["seed-000"] == "seeds/000_a9e363f1bd691638.txt"
    assert here["wiki-uae"] == "seeds/pages/wiki-uae.txt"
    monkeypatch.chdir(REPO / "seeds" / "pages")
    below = {r["id"]: r["path"] for r in run_json("sources")}
    assert below["wiki-uae"] == "wiki-uae.txt"  # below the working folder: from it
    assert below["seed-000"] == "../seeds/000_a9e363f1bd691638.txt"  # outside it: from the log's folder
    assert (SHIPPED.parent / below["seed-000"]).is_file()
    monkeypatch.chdir(REPO / "tracker")
    beside = {r["id"]: r["path"] for r in run_json("sources")}
    assert (
        beside["seed-000"] == "../seeds/000_a9e363f1bd691638.txt"
        and beside["wiki-uae"] == "../seeds/pages/wiki-uae.txt"
    )


def test_country_option_takes_a_comma_separated_list():
    both = run_json("timeline", "--country", "SA,KZ", "--since", "2025-11-07")
    repeated = run_json("timeline", "--country", "SA", "--country", "Kazakhstan", "--since", "2025-11-07")
    assert both == repeated and {"KZ"} <= {c for e in both for c in e["countries"]}
    assert run("country", "Congo").exit_code == 2
