"""The web page's question (`Report`) holds the corrections of the log made by its day, in the order
made, with what each changed and the id the corrected event has now, and apart those made later (the
page shows the log as corrected) (issue 23, part 5)."""

from __future__ import annotations

from datetime import date

from promised import corrected

from tracker.queries import Report


def test_the_report_holds_the_corrections_made_by_its_day():
    def made(day: str, later: bool = False) -> list[tuple[str, str, str | None, str | None, str | None]]:
        got = Report(date.fromisoformat(day)).run(corrected())
        rows = got.corrected_later if later else got.corrections
        return [(r.correction.date.iso(), r.correction.kind.value, r.before, r.after, r.now) for r in rows]

    assert made("2026-01-31") == []
    assert [r[0] for r in made("2026-01-31", later=True)] == ["2026-02-01", "2026-03-01", "2026-04-01"]
    assert made("2026-02-01") == [("2026-02-01", "amended", "2026-01-14", "2026-01-15", "visit-expected")]
    assert made("2026-04-30") == [
        ("2026-02-01", "amended", "2026-01-14", "2026-01-15", "visit-expected"),
        ("2026-03-01", "retired", "ceremony-old", "ceremony-expected", "ceremony-expected"),
        ("2026-04-01", "uncited", "plan", None, "visit-delayed"),
    ]
    assert made("2026-04-30", later=True) == []
