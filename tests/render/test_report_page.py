"""The HTML report's bytes, pinned: a small log that uses every part of the page, exported for several days.

The page is made by a query (`queries.report`) and a renderer (`render.html`); these hashes were
taken from the page as `tracker export html` wrote it before that split, so any change to a byte of
the page shows here. A deliberate change to the page updates them (each failure shows the new
hash); the version in the footer is left out, so a release changes none.
"""

from __future__ import annotations

import hashlib
from datetime import date
from pathlib import Path

import pytest
from conftest import open_log, run

from tracker import __version__
from tracker.model import STATUS_KINDS, Event, EventLog, Role
from tracker.queries import Report, ReportResult, in_force, membership
from tracker.render import Format, renderer, target

# Three stored texts: a wire story of March 2021, a later one of June 2024, a local file with no URL.
TEXTS = {
    "wire.txt": (
        "France and Germany would join the accords soon, officials said.\n"
        "France will sign the accords in February.\n"
        "Germany will sign the accords next year.\n"
    ),
    "late.txt": (
        "Spain was also named as a possible member, the wire said.\n"
        "Spain will join only once its parliament agrees.\n"
        "France announced in January 2022 that it would join the accords.\n"
        "Germany would join the accords too, officials said.\n"
        "France signed the accords in March.\n"
        'France suspended its participation & said it would "review" it.\n'
        "France resumed its participation in January.\n"
        "Germany withdrew from the accords and will not sign.\n"
    ),
    "local.txt": (
        "Other countries could follow, the report said.\n"
        "Spain is expected to announce that it will join.\n"
        "Somaliland hopes to join one day.\n"
    ),
}

# Every part of the page: members who sign, are suspended, reinstated and withdraw; the party and the
# broker; a named, an implied and a conditioned candidate, one of them an entity with no ISO code;
# expectations fulfilled, called off, overdue, pending and undated; partial and reported dates; notes,
# a citation's own date and note, a source with no web address, and text that must be escaped.
LOG = """\
format: 1
reviewed: 2025-06-30
roles:
  party: [IL]
  broker: [US]
entities:
  - id: somaliland
    name: Somaliland
    note: Declared itself a republic in 1991; ISO 3166-1 gives it no code.
sources:
  - id: wire
    file: wire.txt
    outlet: Example <Wire> & Co
    title: France and Germany to join the accords
    url: https://example.org/wire?a=1&b=2
    retrieved: 2025-01-01
    published: 2021-03-02
    published_basis: stated
  - id: late
    file: late.txt
    outlet: Example Wire
    title: Four years of the accords in Europe
    url: http://example.org/late
    retrieved: 2025-01-01
    published: 2024-06-02
    published_basis: stated
  - id: local
    file: local.txt
    title: A report kept with the log
    title_basis: supplied
    published: 2021-03
    published_basis: inferred
    published_clue: Speaks of "this month" in March 2021.
    note: Kept as a file only; no web address.
events:
  - id: fr-named
    date: 2021-03
    kind: candidacy
    countries: [FR]
    subjects: [FR]
    title: France is named as a possible member
    cite: [{source: wire, quote: France and Germany would join the accords soon}]
  - id: others-implied
    date: 2021-03-15
    kind: candidacy
    countries: [ES, somaliland]
    subjects: [ES, somaliland]
    title: Spain and others could follow
    cite:
      - {source: late, quote: Spain was also named as a possible member, names: [ES]}
      - {source: local, quote: Other countries could follow, names: []}
  - id: es-condition
    date: 2021-06
    kind: condition
    countries: [ES]
    subjects: [ES]
    title: Spain's parliament must agree first
    cite: [{source: late, quote: Spain will join only once its parliament agrees}]
  - id: fr-announced
    date: 2022-01-10
    kind: announcement
    countries: [FR, IL, US]
    subjects: [FR]
    title: France will join
    note: The first <b>European</b> member.
    cite: [{source: late, quote: France announced in January 2022 that it would join the accords}]
  - id: fr-to-sign
    date: 2022-02
    status: expected
    kind: signing
    countries: [FR, IL, US]
    subjects: [FR]
    title: France is expected to sign
    cite: [{source: wire, quote: France will sign the accords in February}]
  - id: de-announced
    date: 2022-02-01
    date_basis: reported
    date_note: '"would join" in a report of 1 February 2022'
    kind: announcement
    countries: [DE, IL, US]
    subjects: [DE]
    title: Germany will join
    cite:
      - {source: late, quote: Germany would join the accords too, date: 2022-01, note: Says only "too".}
  - id: fr-signs
    date: 2022-03
    kind: signing
    countries: [FR, IL, US]
    subjects: [FR]
    title: France signs
    fulfils: fr-to-sign
    cite: [{source: late, quote: France signed the accords in March}]
  - id: de-to-sign
    date: 2023-01
    status: expected
    kind: signing
    countries: [DE, IL, US]
    subjects: [DE]
    title: Germany is expected to sign
    cite: [{source: wire, quote: Germany will sign the accords next year}]
  - id: fr-suspended
    date: 2023-05-01
    kind: suspension
    countries: [FR]
    subjects: [FR]
    title: France suspends its participation
    cite: [{source: late, quote: "France suspended its participation & said it would \\"review\\" it"}]
  - id: fr-reinstated
    date: 2024-01-01
    kind: reinstatement
    countries: [FR]
    subjects: [FR]
    title: France resumes its participation
    cite: [{source: late, quote: France resumed its participation in January}]
  - id: de-withdraws
    date: 2024-06-01
    kind: withdrawal
    countries: [DE]
    subjects: [DE]
    title: Germany withdraws
    calls_off: de-to-sign
    cite: [{source: late, quote: Germany withdrew from the accords and will not sign}]
  - id: es-to-announce
    date: 2025-03
    status: expected
    kind: announcement
    countries: [ES, IL, US]
    subjects: [ES]
    title: Spain is expected to announce it will join
    cite: [{source: local, quote: Spain is expected to announce that it will join}]
  - id: somaliland-hopes
    status: expected
    kind: announcement
    countries: [somaliland, IL, US]
    subjects: [somaliland]
    title: Somaliland is expected to join one day
    cite: [{source: local, quote: Somaliland hopes to join one day}]
"""

# sha256 of the page for each --as-of day, with the footer's version replaced by "VERSION".
# 2024-07-01, 2025-06-30 and 2026-12-01 were re-recorded when the caption learned '1 member' (it said
# '1 members'); nothing else on those pages changed. All seven were re-recorded when the page learned
# each member's ratification, independent origins and confidence grade (issue 23): a Confidence column
# in the roster, the grade under each candidate's name and its reason with the naming sources. All seven
# were re-recorded when the page learned expectations' histories and the log's corrections (issue 23):
# three style rules, a "Corrections" link and section ("no correction made by" this log's days), the
# expectations' caption naming the seven states, their "Resolved by" column dropped (the event is the
# history's last step, and the state names it); and from 2023-06-01 the dated, cited steps of each row
# an event has judged (fr-to-sign, fulfilled by fr-signs; from 2024-07-01 also de-to-sign, called off
# by de-withdraws). Nothing else changed (the pages were compared line by line). All seven were
# re-recorded when the signatories' and candidates' tables were put in a box of their own that scrolls
# sideways on a desktop too narrow for them (a div around each table, two style rules, and the column 76rem wide, was 72; nothing else).
GOLDEN = {
    "2020-01-01": "7036a76a41c59c255bcd180a7a23fc982f817a762c8acb197b2783942e6889fb",
    "2021-03-31": "22e3d541c94e28f1569672372882738136254c536ea98a0921631c096fbe737f",
    "2022-02-15": "108ad0fa9dd1d06c6f76a1148520aaf12c113a44234f9dd33fbd0611b6ef5c8b",
    "2023-06-01": "1c7d4f35c4b550e192015341dac27e5117184fbc05be739f991ee3ea214c2272",
    "2024-07-01": "0779087844762fc1c4ff66a6f672d66000bf2ec60adfa9783f301c348c95df79",
    "2025-06-30": "4503dae6e7e5b4e30abb2ef5a3886a75d2ac3e4da6da1b36aaadc0ce7eb79959",
    "2026-12-01": "b9d35106f62770f7935cf169ec281fda1200436861eba4bb273f99cd6eddc862",
}


@pytest.fixture(scope="module")
def log(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("report")
    for name, text in TEXTS.items():
        (folder / name).write_text(text, encoding="utf-8")
    path = folder / "events.yaml"
    path.write_text(LOG, encoding="utf-8")
    return path


def exported(log: Path, day: str) -> bytes:
    out = log.parent / f"page-{day}.html"
    result = run("export", "html", str(out), "--as-of", day, "--force", "--data", str(log))
    assert result.exit_code == 0, result.stderr
    return out.read_bytes()


def digest(page: bytes) -> str:
    stamp = f"<code>tracker export html</code> {__version__}.".encode()
    assert page.count(stamp) == 1
    return hashlib.sha256(page.replace(stamp, b"<code>tracker export html</code> VERSION.")).hexdigest()


DAYS = ["2020-01-01", "2021-03-31", "2022-02-15", "2023-06-01", "2024-07-01", "2025-06-30", "2026-12-01"]


@pytest.mark.parametrize("day", DAYS)
def test_golden_page_bytes(log: Path, day: str) -> None:
    assert digest(exported(log, day)) == GOLDEN[day]


@pytest.fixture(scope="module")
def checked(log: Path) -> EventLog:
    opened, problems = open_log(log)
    assert opened is not None and not [p for p in problems if p.severity.value == "error"]
    return opened


def test_the_report_holds_what_the_page_shows(checked: EventLog) -> None:
    got = Report(date(2023, 6, 1)).run(checked)
    members = [(r.code, r.status.value, r.ordinal) for r in got.roster.rows if r.role is Role.MEMBER]
    assert members == [("FR", "suspended", 1), ("DE", "announced", 2)]
    assert [(c.code, c.sources, c.implied) for c in got.candidates] == [
        ("ES", ("late",), ("local",)),
        ("somaliland", (), ("late", "local")),
    ]
    states = {e.id: s.expectation.value for e, s in got.expected}
    assert states == {
        "fr-to-sign": "fulfilled",
        "de-to-sign": "overdue",
        "es-to-announce": "pending",
        "somaliland-hopes": "pending",
    }
    assert (got.open, got.overdue) == (3, 1)
    assert [c.day.isoformat() for c in got.changes][-1] == "2023-05-01"
    assert [lane.code for lane in got.timeline.lanes] == ["FR", "DE", "ES", "somaliland"]
    assert got.recent.start == date(2022, 6, 1) and got.recent.end == got.timeline.end
    assert got.names["somaliland"] == "Somaliland" and got.names["DE"] == "Germany"
    assert [e.event.id for e in got.events][:3] == ["others-implied", "fr-named", "es-condition"]
    first = {e.event.id: e.first_reported for e in got.events}
    assert first["fr-named"] == date(2021, 3, 2) and first["others-implied"] == date(2021, 3, 31)
    cited = {c.source.id: c.cited_by for c in got.sources}
    assert cited["local"] == ("others-implied", "es-to-announce", "somaliland-hopes")


def test_the_page_is_the_renderer_tables_html_and_pure(log: Path, checked: EventLog) -> None:
    """`export html` writes what the table's renderer prints for the query's result, and the same
    result prints the same bytes however often it is printed."""
    result = Report(date(2024, 7, 1)).run(checked)
    render = renderer(ReportResult, Format.HTML)
    assert render is not None
    printed = b"".join(render(result, target(Format.HTML)))
    assert printed == b"".join(render(result, target(Format.HTML)))
    assert printed == exported(log, "2024-07-01")
    assert renderer(ReportResult, Format.JSON) is None


def test_the_page_replays_the_log_once(checked: EventLog, monkeypatch: pytest.MonkeyPatch) -> None:
    """The roster, candidates, history and both charts share one replay: each status event in force
    is applied to each of its subjects once per page (the page before replayed the log nine times)."""
    applied: list[str] = []
    apply = membership._apply

    def counted(state: object, event: Event) -> None:
        applied.append(event.id)
        apply(state, event)  # type: ignore[arg-type]

    monkeypatch.setattr(membership, "_apply", counted)
    day = date(2026, 12, 1)
    Report(day).run(checked)
    replayed = [
        e.id for e in checked.events if in_force(e, day) and e.kind in STATUS_KINDS for _ in e.subjects
    ]
    assert sorted(applied) == sorted(replayed)


def test_one_member_is_said_in_the_singular(log: Path) -> None:
    page = exported(log, "2026-12-01").decode()
    assert "1 member in order of announcement." in page and "1 members" not in page
