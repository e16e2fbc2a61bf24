"""Parties with no ISO code in a log on disk (issue 18): `check` refuses an entity that would invent or
hide a code, at its line; every export carries a declared one. What the queries make of an entity
is in tests/queries/test_reach.py."""

from __future__ import annotations

import csv
import io
import sqlite3

import pytest
from conftest import run

ENTITY_LOG = """\
format: 1
reviewed: 2026-01-10
roles:
  party: [IL]
  broker: [US]
entities:
  - id: somaliland
    name: Somaliland
    note: No ISO 3166-1 code.
sources:
  - id: art
    file: article.txt
    published: 2025-12-27
    published_basis: stated
events:
  - id: vow
    date: 2025-12-26
    kind: candidacy
    countries: [IL, somaliland]
    subjects: [somaliland]
    title: Somaliland vows to join
    cite:
      - source: art
        quote: Somaliland has vowed to accede to the accords
"""
ENTITY_ARTICLE = "Somaliland has vowed to accede to the accords, its president said.\n"


@pytest.fixture
def entity_log(write_log):
    return str(write_log(ENTITY_LOG, article=ENTITY_ARTICLE))


def test_an_entity_is_in_every_export(entity_log, tmp_path):
    database = tmp_path / "log.db"
    assert run("export", "sqlite", str(database), "--data", entity_log).exit_code == 0
    with sqlite3.connect(database) as db:
        rows = db.execute(
            "SELECT code, country, subject FROM event_countries WHERE event_id = 'vow'"
        ).fetchall()
    assert sorted(rows) == [("IL", "Israel", 0), ("somaliland", "Somaliland", 1)]
    page = tmp_path / "log.html"
    assert run("export", "html", str(page), "--data", entity_log).exit_code == 0
    assert "Somaliland" in page.read_text(encoding="utf-8")
    rows = list(csv.DictReader(io.StringIO(run("candidates", "-o", "csv", "--data", entity_log).stdout)))
    assert [(r["code"], r["country"]) for r in rows] == [("somaliland", "Somaliland")]


@pytest.mark.parametrize(
    ("change", "message", "line"),
    [
        (
            ("countries: [IL, somaliland]", "countries: [IL, puntland]"),
            "unknown entity 'puntland': a party with no ISO 3166-1 code is declared under 'entities'",
            19,
        ),
        (
            (
                "    note: No ISO 3166-1 code.\n",
                "    note: No ISO 3166-1 code.\n  - id: somaliland\n    name: S\n",
            ),
            "duplicate entity id 'somaliland' (first at line 7)",
            10,
        ),
        (
            ("    name: Somaliland\n", "    name: Somaliland\n  - id: saudi\n    name: Saudi Arabia\n"),
            "entity 'saudi' is named 'Saudi Arabia', which ISO 3166-1 lists as 'SA': use the code in events",
            9,
        ),
        (
            ("countries: [IL, somaliland]", "countries: [IL, Somaliland]"),
            "'Somaliland' in event 'vow' countries is not an ISO 3166-1 alpha-2 code (two capital letters) "
            "nor the id of an entity in 'entities' (lower-case)",
            19,
        ),
    ],
    ids=["undeclared", "twice", "has-an-iso-code", "neither-form"],
)
def test_check_refuses_entities_that_would_invent_or_hide_a_code(write_log, change, message, line):
    old, new = change
    assert old in ENTITY_LOG
    path = write_log(ENTITY_LOG.replace(old, new, 1), article=ENTITY_ARTICLE)
    result = run("check", "--data", str(path))
    assert result.exit_code == 1
    located = [m for m in result.stdout.splitlines() if message in m]
    assert located and located[0].split(":")[1] == str(line), result.stdout
