"""Independent origins and confidence (issue 23, part 4): reprints of one story count once, `add source`
proposes an origin for a near-duplicate text, and every status and candidacy is graded with its reason."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from conftest import open_log, run, run_json

from tracker.log.coincide import coincidences

WIRE = (
    "JERUSALEM (AP) - France agreed on Monday to join the Abraham Accords, officials said.\n"
    "The announcement followed weeks of talks between Paris, Washington and Jerusalem.\n"
    "Officials said Germany had also been named as a possible member in the talks.\n"
    "A signing ceremony is expected at the White House in the coming weeks, they said.\n"
    "France has had diplomatic relations with Israel since the state's founding.\n"
)
REPRINT = (
    "France joins the accords\n\n"  # its own headline
    + WIRE.replace("JERUSALEM (AP) - ", "").replace("in the talks.", "in those talks.")
    + "Comments are closed.\n"
)
OWN = (
    "Le Monde reported that France said on Monday it would join the accords, after a call with Israel.\n"
    "Spain was named as a possible member by two diplomats who spoke to the paper.\n"
)
OTHER = (
    "A Spanish official said on Tuesday that Spain was weighing whether to join the accords one day.\n"
    "Portugal announced on Wednesday that it would join the accords as well, its prime minister said.\n"
    "France's decision was welcomed in Lisbon, where officials said Portugal would join too.\n"
)
THIRD = (
    "Portugal has decided to join the accords, its foreign ministry confirmed in a statement on Wednesday.\n"
)

LOG = """\
format: 1
roles:
  party: [IL]
  broker: [US]
sources:
  - {id: wire-a, file: wire.txt, published: 2025-11-03, published_basis: stated, origin: ap-france-2025-11-03}
  - {id: wire-b, file: reprint.txt, published: 2025-11-04, published_basis: stated, origin: wire-a}
  - {id: wire-c, file: reprint2.txt, published: 2025-11-04, published_basis: stated, origin: wire-b}
  - {id: own, file: own.txt, published: 2025-11-04, published_basis: stated}
  - {id: other, file: other.txt, published: 2025-11-06, published_basis: stated}
  - {id: third, file: third.txt, published: 2025-11-06, published_basis: stated}
events:
  - id: fr-joins
    date: 2025-11-03
    kind: announcement
    countries: [FR, IL, US]
    subjects: [FR]
    title: France announces it will join
    cite:
      - {source: wire-a, quote: "France agreed on Monday to join the Abraham Accords, officials said."}
      - {source: wire-b, quote: "France agreed on Monday to join the Abraham Accords, officials said."}
      - {source: own, quote: "France said on Monday it would join the accords"}
  - id: de-named
    date: 2025-11-03
    kind: candidacy
    countries: [DE]
    subjects: [DE]
    title: Germany is named as a possible member
    cite:
      - {source: wire-a, quote: "Officials said Germany had also been named as a possible member in the talks."}
      - {source: wire-b, quote: "Officials said Germany had also been named as a possible member"}
      - {source: wire-c, quote: "Officials said Germany had also been named as a possible member"}
  - id: es-named
    date: 2025-11-04
    date_basis: reported
    kind: candidacy
    countries: [ES]
    subjects: [ES]
    title: Spain is named as a possible member
    cite:
      - {source: own, quote: "Spain was named as a possible member by two diplomats who spoke to the paper."}
      - {source: other, quote: "Spain was weighing whether to join the accords one day."}
  - id: pt-joins
    date: 2025-11-05
    kind: announcement
    countries: [PT, IL, US]
    subjects: [PT]
    title: Portugal announces it will join
    cite:
      - {source: other, quote: "Portugal announced on Wednesday that it would join the accords as well"}
      - {source: third, quote: "Portugal has decided to join the accords"}
"""


@pytest.fixture
def origins_log(tmp_path: Path) -> Path:
    files = {"wire.txt": WIRE, "reprint.txt": REPRINT, "reprint2.txt": REPRINT + "Share this.\n",
             "own.txt": OWN,
             "other.txt": OTHER, "third.txt": THIRD}  # fmt: skip
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    path = tmp_path / "events.yaml"
    path.write_text(LOG, encoding="utf-8")
    return path


def test_the_log_is_valid(origins_log):
    log, problems = open_log(origins_log)
    assert log is not None and list(problems) == []


def test_a_wire_story_reprinted_twice_counts_as_one_origin(origins_log):
    """wire-b repeats wire-a, which repeats the AP story: three sources, two independent origins."""
    rows = {r["id"]: r for r in run_json("timeline", "--data", str(origins_log), "--as-of", "2025-11-10")}
    assert rows["fr-joins"]["sources"] == ["wire-a", "wire-b", "own"]
    assert rows["fr-joins"]["origins"] == ["ap-france-2025-11-03", "own"]
    assert rows["de-named"]["origins"] == ["ap-france-2025-11-03"]
    table = run("timeline", "--data", str(origins_log), "--as-of", "2025-11-10").stdout
    assert "fr-joins · 3 sources, 2 origins" in table and "de-named · 3 sources, 1 origin" in table
    assert "es-named · 2 sources\n" in table  # every source its own origin: no second count
    detail = json.loads(run("show", "fr-joins", "--data", str(origins_log), "--json").stdout)
    assert [c["origin"] for c in detail["citations"]] == ["ap-france-2025-11-03"] * 2 + ["own"]
    shown = run("show", "fr-joins", "--data", str(origins_log)).stdout
    assert "Citations (3; 3 sources, 2 independent origins)" in shown
    assert shown.count("repeats ap-france-2025-11-03") == 2
    roster = {
        r["code"]: r for r in run_json("signatories", "--data", str(origins_log), "--as-of", "2025-11-10")
    }
    assert (len(roster["FR"]["sources"]), roster["FR"]["origins"]) == (3, ["ap-france-2025-11-03", "own"])


def test_candidates_rank_by_independent_naming_origins(origins_log):
    """Germany has three sources but one story; Spain two sources of two origins, so it ranks first."""
    rows = run_json("candidates", "--data", str(origins_log), "--as-of", "2025-11-10")
    assert [(r["code"], r["mentions"], len(r["origins"])) for r in rows] == [("ES", 2, 2), ("DE", 3, 1)]
    table = run("candidates", "--data", str(origins_log), "--as-of", "2025-11-10").stdout
    assert "3 sources" in table and "1 origin" in table and "most independent origins first" in table


def test_a_citation_origin_overrides_the_sources_and_can_mark_a_passage_its_own(origins_log):
    """A quote of wire-b marked with its own id is wire-b's reporting, not the wire story's."""
    text = origins_log.read_text(encoding="utf-8").replace(
        '      - {source: wire-b, quote: "Officials said Germany had also been named as a possible member"}',
        '      - {source: wire-b, origin: wire-b, quote: "Officials said Germany had also been named as a possible member"}',
    )
    origins_log.write_text(text, encoding="utf-8")
    rows = {r["id"]: r for r in run_json("timeline", "--data", str(origins_log), "--as-of", "2025-11-10")}
    assert rows["de-named"]["origins"] == ["ap-france-2025-11-03", "wire-b"]


def test_confidence_is_graded_by_the_documented_rule_and_printed_with_its_reason(origins_log):
    roster = {
        r["code"]: r for r in run_json("signatories", "--data", str(origins_log), "--as-of", "2025-11-10")
    }
    assert roster["FR"]["confidence"] == "medium"  # two origins name it: fewer than three
    assert roster["FR"]["confidence_reason"] == (
        "announcement: 2 independent origins (3 sources), date stated, no source differs"
    )
    assert roster["PT"]["confidence"] == "medium"
    assert roster["PT"]["confidence_reason"].startswith("announcement: 2 independent origins, date stated")
    assert roster["IL"]["confidence"] is None  # the party and broker are not graded
    candidates = {
        r["code"]: r for r in run_json("candidates", "--data", str(origins_log), "--as-of", "2025-11-10")
    }
    assert candidates["DE"]["confidence"] == "low"
    assert candidates["DE"]["confidence_reason"].startswith("candidacy: 1 independent origin (3 sources)")
    assert candidates["ES"]["confidence_reason"] == (
        "candidacy: 2 independent origins, dated only by reports or vague wording, no source differs"
    )
    table = run("signatories", "--data", str(origins_log), "--as-of", "2025-11-10").stdout
    assert "FR medium: announcement: 2 independent origins (3 sources), date stated" in " ".join(
        table.split()
    )
    country = run("country", "DE", "--data", str(origins_log), "--as-of", "2025-11-10").stdout
    assert "Confidence: low (candidacy: 1 independent origin (3 sources), date stated" in " ".join(
        country.split()
    )


def test_a_third_origin_a_stated_date_and_no_dissent_make_it_high_and_a_dissent_lowers_it(origins_log):
    third = origins_log.read_text(encoding="utf-8").replace(
        '      - {source: own, quote: "France said on Monday it would join the accords"}',
        '      - {source: own, quote: "France said on Monday it would join the accords"}\n'
        '      - {source: other, quote: "France\'s decision was welcomed in Lisbon"}',
    )
    origins_log.write_text(third, encoding="utf-8")
    roster = {
        r["code"]: r for r in run_json("signatories", "--data", str(origins_log), "--as-of", "2025-11-10")
    }
    assert roster["FR"]["confidence"] == "high", roster["FR"]["confidence_reason"]
    differing = third.replace(
        '      - {source: other, quote: "France\'s decision was welcomed in Lisbon"}',
        '      - {source: other, quote: "France\'s decision was welcomed in Lisbon", differs: true,\n'
        "         note: Calls it a decision taken earlier}",
    )
    origins_log.write_text(differing, encoding="utf-8")
    roster = {
        r["code"]: r for r in run_json("signatories", "--data", str(origins_log), "--as-of", "2025-11-10")
    }
    assert (roster["FR"]["confidence"], roster["FR"]["confidence_reason"].split(", ")[-1]) == (
        "medium",
        "1 citation differs",
    )


def test_a_candidate_only_implied_is_low(origins_log):
    implied = (
        origins_log.read_text(encoding="utf-8")
        .replace(
            '      - {source: own, quote: "Spain was named',
            '      - {source: own, names: [], quote: "Spain was named',
        )
        .replace(
            '      - {source: other, quote: "Spain was',
            '      - {source: other, names: [], quote: "Spain was',
        )
    )
    origins_log.write_text(implied, encoding="utf-8")
    rows = {r["code"]: r for r in run_json("candidates", "--data", str(origins_log), "--as-of", "2025-11-10")}
    assert rows["ES"]["confidence"] == "low"
    assert rows["ES"]["confidence_reason"].startswith("candidacy: no source names it (2 origins imply it)")


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        (
            "origin: ap-france-2025-11-03}",
            "origin: wire-c}",
            "origins go round in a circle: 'wire-a' → 'wire-c' → 'wire-b' → 'wire-a'",
        ),
        (
            "origin: ap-france-2025-11-03}",
            "origin: wire-a}",
            "source 'wire-a' gives itself as its origin; omit 'origin'",
        ),
        (
            "origin: wire-a}",
            "origin: Wire A}",
            "origin 'Wire A' must be lower-case letters, digits and dashes",
        ),
    ],
)
def test_check_refuses_origins_that_lead_nowhere(origins_log, old, new, message):
    origins_log.write_text(origins_log.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")
    _, problems = open_log(origins_log)
    assert any(message in p.message for p in problems), [p.message for p in problems]


def test_the_sqlite_export_groups_citations_by_origin(origins_log, tmp_path):
    database = tmp_path / "out.db"
    assert run("export", "sqlite", str(database), "--data", str(origins_log)).exit_code == 0
    with sqlite3.connect(database) as connection:
        counted = connection.execute(
            "SELECT COUNT(DISTINCT c.source_id), COUNT(DISTINCT o.origin) FROM citations c "
            "JOIN citation_origins o USING (event_id, position) WHERE c.event_id = 'fr-joins'"
        ).fetchone()
        roots = dict(connection.execute("SELECT source_id, origin FROM source_origins"))
    assert counted == (3, 2)
    assert (
        roots["wire-c"] == roots["wire-b"] == roots["wire-a"] == "ap-france-2025-11-03"
        and roots["own"] == "own"
    )


# -- add source proposes an origin ------------------------------------------------------------


def test_near_duplicate_texts_coincide_but_one_shared_quote_does_not():
    assert [c.source for c in coincidences(REPRINT, [("wire-a", WIRE), ("own", OWN)])] == ["wire-a"]
    cut = WIRE.split("\n")[1] + "\n" + WIRE.split("\n")[2] + "\n"  # an excerpt cut short: the other way round
    found = coincidences(
        WIRE + "Further paragraphs of its own follow here in this longer copy today.\n" * 3, [("cut", cut)]
    )
    assert [(c.source, c.mine) for c in found] == [("cut", False)]
    quoted = (
        "An analyst wrote at length about it in another piece altogether, with no wire copy in it at all.\n"
    )
    quoted += (
        WIRE.split("\n")[0]
        + "\n"
        + "Other matters were discussed in the rest of the long analysis that day.\n" * 3
    )
    assert coincidences(quoted, [("wire-a", WIRE)]) == []


def test_add_source_proposes_an_origin_for_a_near_duplicate_text_and_records_none_unless_asked(
    origins_log, tmp_path
):
    (tmp_path / "incoming").mkdir()
    saved = tmp_path / "incoming" / "saved.txt"
    saved.write_text(REPRINT.replace("Comments are closed.", "Share this story."), encoding="utf-8")
    args = ["add", "source", "https://example.org/france", "--text-file", str(saved), "--id", "reprint-3"]
    result = run(*args, "--published", "2025-11-05", "--basis", "stated", "--data", str(origins_log))
    assert result.exit_code == 0, result.stderr
    said = " ".join(result.stderr.split())
    assert "are also in source 'wire-b', which itself repeats wire-a: if it repeats that source" in said
    assert "give --origin wire-b" in said
    log, _ = open_log(origins_log)
    assert log is not None and log.source_map()["reprint-3"].origin is None  # proposed, never guessed
    again = tmp_path / "incoming" / "again.txt"
    again.write_text(REPRINT.replace("Comments are closed.", "Read more."), encoding="utf-8")
    chosen = run(
        "add", "source", "https://example.org/france-2", "--text-file", str(again), "--id", "reprint-4",
        "--origin", "wire-a", "--note", "Origin: the AP story's text, reprinted.", "--data", str(origins_log),
        "--dry-run",
    )  # fmt: skip
    assert chosen.exit_code == 0, chosen.stderr
    assert "+    origin: wire-a\n" in chosen.stdout and "if it repeats" not in chosen.stderr


def test_add_event_writes_treaty_fields_and_citation_origins(origins_log):
    result = run(
        "add", "event", "--id", "fr-ratifies", "--date", "2025-11-04", "--kind", "ratification",
        "--country", "FR", "--country", "IL", "--subject", "FR", "--by", "IL", "--effective", "2025-11-06",
        "--title", "Israel ratifies France's accession",
        "--cite", "own", "--quote", "France said on Monday it would join the accords",
        "--cite-origin", "ap-france-2025-11-03", "--data", str(origins_log), "--dry-run",
    )  # fmt: skip
    # France never signed, so the act is refused: the diff is not printed, the reason is.
    assert result.exit_code == 1 and "no signing of 'FR' comes before it" in result.stderr
    signed = origins_log.read_text(encoding="utf-8") + (
        "  - id: fr-signs\n    date: 2025-11-04\n    kind: signing\n    countries: [FR, IL, US]\n"
        "    subjects: [FR]\n    title: France signs\n    cite:\n"
        '      - {source: own, quote: "France said on Monday it would join the accords"}\n'
    )
    origins_log.write_text(signed, encoding="utf-8")
    result = run(
        "add", "event", "--id", "fr-ratifies", "--date", "2025-11-04", "--kind", "ratification",
        "--country", "FR", "--country", "IL", "--subject", "FR", "--by", "Israel", "--effective", "2025-11-06",
        "--title", "Israel ratifies France's accession",
        "--cite", "own", "--quote", "France said on Monday it would join the accords",
        "--cite-origin", "ap-france-2025-11-03", "--data", str(origins_log), "--dry-run",
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    for line in (
        "+    effective: 2025-11-06\n",
        "+    by: [IL]\n",
        "+        origin: ap-france-2025-11-03\n",
    ):
        assert line in result.stdout
