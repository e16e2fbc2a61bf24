"""Treaty-grade statuses (issue 23, part 3): ratification and entry into force as events, "signed, not
ratified" derived from an expected ratification, shown by signatories, country and every export."""

from __future__ import annotations

import json
import sqlite3
from datetime import date
from pathlib import Path

import pytest
from conftest import open_log, run, run_json

from tracker.queries.treaty import Ratification, treaties

ARTICLES = {
    "a.txt": "The United Arab Emirates agreed on Thursday to normalise relations with Israel.\n"
    "The UAE and Israel signed the treaty at the White House on Tuesday.\n",
    "b.txt": "Israel's parliament approved the treaty with the UAE on Thursday by 80 votes to 13.\n"
    "The UAE cabinet decided on Monday to ratify the treaty and ordered a federal decree.\n"
    "The treaty entered into force on the first of November, the foreign ministry said.\n",
    "c.txt": "Sudan agreed to normalise relations with Israel, the White House said on Friday.\n"
    "Sudan signed the declaration in Khartoum on Wednesday with the US treasury secretary.\n"
    "Sudan's agreement will depend on approval from a legislative council not yet formed.\n",
    "d.txt": "Morocco agreed to establish relations with Israel, the White House said.\n"
    "Morocco, the US and Israel signed a joint declaration in Rabat on Tuesday.\n",
}

LOG = """\
format: 1
roles:
  party: [IL]
  broker: [US]
sources:
  - {id: a, file: a.txt, published: 2020-09-16, published_basis: stated}
  - {id: b, file: b.txt, published: 2020-11-02, published_basis: stated}
  - {id: c, file: c.txt, published: 2021-01-07, published_basis: stated}
  - {id: d, file: d.txt, published: 2020-12-23, published_basis: stated}
events:
  - id: ae-announced
    date: 2020-08-13
    kind: announcement
    countries: [AE, IL, US]
    subjects: [AE]
    title: The UAE agrees to normalise relations
    cite:
      - {source: a, quote: "The United Arab Emirates agreed on Thursday to normalise relations with Israel."}
  - id: ae-signs
    date: 2020-09-15
    kind: signing
    countries: [AE, IL, US]
    subjects: [AE]
    title: The UAE signs the treaty
    cite:
      - {source: a, quote: "The UAE and Israel signed the treaty at the White House on Tuesday."}
  - id: il-knesset
    date: 2020-10-15
    kind: ratification
    countries: [IL, AE]
    subjects: [AE]
    by: [IL]
    title: Israel's parliament approves the treaty with the UAE
    cite:
      - {source: b, quote: "Israel's parliament approved the treaty with the UAE on Thursday by 80 votes to 13."}
  - id: ae-cabinet
    date: 2020-10-19
    effective: 2020-10-20
    kind: ratification
    countries: [AE, IL]
    subjects: [AE]
    title: The UAE cabinet ratifies the treaty
    cite:
      - {source: b, quote: "The UAE cabinet decided on Monday to ratify the treaty and ordered a federal decree."}
  - id: ae-in-force
    date: 2020-10-25
    effective: 2020-11-01
    kind: entry-into-force
    countries: [AE, IL]
    subjects: [AE]
    title: The treaty with the UAE enters into force
    cite:
      - {source: b, quote: "The treaty entered into force on the first of November"}
  - id: sd-announced
    date: 2020-10-23
    kind: announcement
    countries: [SD, IL, US]
    subjects: [SD]
    title: Sudan agrees to normalise relations
    cite:
      - {source: c, quote: "Sudan agreed to normalise relations with Israel, the White House said on Friday."}
  - id: sd-signs
    date: 2021-01-06
    kind: signing
    countries: [SD, US]
    subjects: [SD]
    title: Sudan signs the declaration
    cite:
      - {source: c, quote: "Sudan signed the declaration in Khartoum on Wednesday with the US treasury secretary."}
  - id: sd-ratification-awaited
    status: expected
    kind: ratification
    countries: [SD, IL]
    subjects: [SD]
    title: Sudan's agreement awaits a legislature's approval
    cite:
      - {source: c, quote: "Sudan's agreement will depend on approval from a legislative council not yet formed."}
  - id: ma-announced
    date: 2020-12-10
    kind: announcement
    countries: [MA, IL, US]
    subjects: [MA]
    title: Morocco agrees to establish relations
    cite:
      - {source: d, quote: "Morocco agreed to establish relations with Israel, the White House said."}
  - id: ma-signs
    date: 2020-12-22
    kind: signing
    countries: [MA, IL, US]
    subjects: [MA]
    title: Morocco signs a joint declaration
    cite:
      - {source: d, quote: "Morocco, the US and Israel signed a joint declaration in Rabat on Tuesday."}
"""


@pytest.fixture
def treaty_log(tmp_path: Path) -> Path:
    for name, text in ARTICLES.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    path = tmp_path / "events.yaml"
    path.write_text(LOG, encoding="utf-8")
    return path


def _rows(path: Path, as_of: str) -> dict[str, dict]:
    return {r["code"]: r for r in run_json("signatories", "--as-of", as_of, "--data", str(path))}


def test_the_log_is_valid(treaty_log):
    log, problems = open_log(treaty_log)
    assert log is not None and list(problems) == []


def test_ratification_is_replayed_day_by_day_from_the_members_own_acts(treaty_log):
    """Israel's act on the UAE's treaty is listed, not counted as the UAE's; the UAE's own counts from its
    day; entry into force from the day it took effect, not the day it was agreed."""
    log, _ = open_log(treaty_log)
    assert log is not None
    steps = {
        date(2020, 10, 16): Ratification.NOT_KNOWN,  # only Israel has acted
        date(2020, 10, 19): Ratification.RATIFIED,
        date(2020, 10, 31): Ratification.RATIFIED,  # in force agreed on the 25th, taking effect on 1 November
        date(2020, 11, 1): Ratification.IN_FORCE,
    }
    for day, expected in steps.items():
        assert treaties(log, day)["AE"].status is expected, day
    late = treaties(log, date(2021, 2, 1))
    assert (late["SD"].status, late.get("MA")) == (Ratification.NOT_RATIFIED, None)
    assert [a.event.id for a in late["AE"].acts] == ["il-knesset", "ae-cabinet", "ae-in-force"]


def test_signatories_show_signed_not_ratified_in_json_csv_and_the_table(treaty_log):
    rows = _rows(treaty_log, "2021-02-01")
    assert {c: rows[c]["ratification"] for c in ("AE", "SD", "MA")} == {
        "AE": "in-force",
        "SD": "not-ratified",
        "MA": "not-known",
    }
    assert (rows["AE"]["ratified"], rows["AE"]["in_force"]) == ("2020-10-19", "2020-11-01")
    acts = {a["event"]: a for a in rows["AE"]["treaty_acts"]}
    assert acts["il-knesset"]["by"] == ["IL"] and acts["ae-cabinet"]["by"] == ["AE"]
    assert acts["ae-cabinet"]["effective"] == "2020-10-20" and acts["ae-cabinet"]["expectation"] is None
    assert rows["SD"]["treaty_acts"][0]["expectation"] == "pending"
    assert rows["IL"]["ratification"] is None and rows["IL"]["treaty_acts"] == []
    csv = run("signatories", "--as-of", "2021-02-01", "--data", str(treaty_log), "-o", "csv").stdout
    header, *lines = csv.splitlines()
    assert header.split(",")[4:10] == [
        "status",
        "ratification",
        "announced",
        "signed",
        "ratified",
        "in_force",
    ]
    assert any(
        line.startswith("2,SD,Sudan,member,signed,not-ratified,2020-10-23,2021-01-06,,,") for line in lines
    )
    table = run("signatories", "--as-of", "2021-02-01", "--data", str(treaty_log)).stdout.splitlines()
    sudan = next(i for i, line in enumerate(table) if "Sudan (SD)" in line)
    assert table[sudan + 1].split() == ["not", "ratified"]
    text = "\n".join(table)
    assert "in force" in text and "ratification not known" not in text  # not known: nothing is shown


def test_the_country_page_says_where_the_agreement_stands_with_every_act(treaty_log):
    page = run("country", "SD", "--as-of", "2021-02-01", "--data", str(treaty_log)).stdout
    assert page.startswith("Sudan (SD): member, signed, not ratified as of 2021-02-01\n")
    assert "Treaty acts" in page and "sd-ratification-awaited" in page and "ratification by SD" in page
    morocco = run("country", "MA", "--as-of", "2021-02-01", "--data", str(treaty_log)).stdout
    assert morocco.startswith("Morocco (MA): member, signed, ratification not known as of 2021-02-01\n")
    uae = json.loads(
        run("country", "AE", "--as-of", "2020-10-19", "--data", str(treaty_log), "--json").stdout
    )
    assert (uae["ratification"], uae["ratified"], uae["in_force"]) == ("ratified", "2020-10-19", None)
    assert [a["event"] for a in uae["treaty_acts"]] == ["il-knesset", "ae-cabinet"]


def test_the_exports_carry_the_treaty_status(treaty_log, tmp_path):
    database = tmp_path / "out.db"
    assert run("export", "sqlite", str(database), "--data", str(treaty_log)).exit_code == 0
    with sqlite3.connect(database) as connection:
        statuses = dict(connection.execute("SELECT code, ratification FROM members_ratification"))
        acts = connection.execute(
            'SELECT event_id, code, kind, "by", own, status, effective FROM treaty_acts ORDER BY event_id'
        ).fetchall()
    assert statuses == {"AE": "in-force", "SD": "not-ratified", "MA": "not-known"}
    assert ("il-knesset", "AE", "ratification", '["IL"]', 0, "occurred", None) in acts
    assert ("sd-ratification-awaited", "SD", "ratification", '["SD"]', 1, "expected", None) in acts
    html = tmp_path / "out.html"
    assert run("export", "html", str(html), "--as-of", "2021-02-01", "--data", str(treaty_log)).exit_code == 0
    text = html.read_text(encoding="utf-8")
    assert '<span class="muted">not ratified</span>' in text and '<span class="muted">in force</span>' in text


def test_an_expected_treaty_act_is_in_the_calendar_with_its_effective_day(treaty_log, tmp_path):
    dated = LOG.replace(
        "  - id: sd-ratification-awaited\n    status: expected\n",
        "  - id: sd-ratification-awaited\n    status: expected\n    date: 2021-03-01\n    effective: 2021-03-15\n",
    )
    treaty_log.write_text(dated, encoding="utf-8")
    calendar = tmp_path / "due.ics"
    result = run("export", "ics", str(calendar), "--as-of", "2021-02-01", "--data", str(treaty_log))
    assert result.exit_code == 0, result.stderr
    text = calendar.read_text(encoding="utf-8").replace("\r\n ", "")
    assert "UID:sd-ratification-awaited@" in text and "Takes effect: 2021-03-15." in text


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (("    by: [IL]\n", "    by: [EG]\n"), "'EG' in event 'il-knesset' by is not among its countries"),
        (
            ("    effective: 2020-10-20\n", "    effective: 2020-10-01\n"),
            "takes effect 2020-10-01, before the act",
        ),
        (
            (
                "    kind: signing\n    countries: [MA, IL, US]",
                "    kind: meeting\n    countries: [MA, IL, US]",
            ),
            None,  # a meeting takes no subjects; the message for that is the reader's own
        ),
    ],
)
def test_check_refuses_treaty_fields_that_cannot_be(treaty_log, edit, message):
    old, new = edit
    treaty_log.write_text(LOG.replace(old, new), encoding="utf-8")
    _, problems = open_log(treaty_log)
    assert problems, "the edit should make the log invalid"
    if message is not None:
        assert any(message in p.message for p in problems), [p.message for p in problems]


def test_an_act_on_an_agreement_never_signed_is_refused(treaty_log):
    """Morocco announced but never signed (its signing is the log's last event, dropped here)."""
    unsigned = LOG[: LOG.index("  - id: ma-signs")] + (
        "  - id: ma-ratifies\n"
        "    date: 2020-12-20\n"
        "    kind: ratification\n"
        "    countries: [MA]\n"
        "    subjects: [MA]\n"
        "    title: Morocco ratifies\n"
        "    cite:\n"
        '      - {source: d, quote: "Morocco agreed to establish relations with Israel, the White House said."}\n'
    )
    treaty_log.write_text(unsigned, encoding="utf-8")
    _, problems = open_log(treaty_log)
    assert [p.message for p in problems] == [
        "event 'ma-ratifies' ratifies the agreement of 'MA', but no signing of 'MA' comes before it"
    ]


def test_effective_and_by_belong_to_treaty_acts_only(treaty_log):
    wrong = LOG.replace(
        "    title: The UAE signs the treaty\n",
        "    title: The UAE signs the treaty\n    effective: 2020-09-20\n",
    )
    treaty_log.write_text(wrong, encoding="utf-8")
    _, problems = open_log(treaty_log)
    assert any(
        "is of kind 'signing'; only 'entry-into-force' and 'ratification' take 'effective'" in p.message
        for p in problems
    ), [p.message for p in problems]


def test_show_and_the_timeline_say_whose_act_it_is_and_when_it_takes_effect(treaty_log):
    shown = run("show", "ae-cabinet", "--data", str(treaty_log)).stdout
    assert "By         United Arab Emirates (AE)" in shown and "Effective  2020-10-20" in shown
    rows = {r["id"]: r for r in run_json("timeline", "--data", str(treaty_log), "--as-of", "2021-02-01")}
    assert (rows["il-knesset"]["by"], rows["il-knesset"]["effective"]) == (["IL"], None)
    assert (rows["ae-cabinet"]["by"], rows["ae-cabinet"]["effective"]) == (["AE"], "2020-10-20")
    assert (rows["ae-signs"]["by"], rows["ae-signs"]["effective"]) == ([], None)  # not a treaty act
