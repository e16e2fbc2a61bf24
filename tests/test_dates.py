from datetime import date

import pytest

from tracker.dates import DateError, parse_iso, parse_user_date
from tracker.model import PartialDate, Precision


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2025-11-07", PartialDate(2025, 11, 7)),
        ("2025-11", PartialDate(2025, 11)),
        ("2025", PartialDate(2025)),
        ("7 Nov 2025", PartialDate(2025, 11, 7)),
        ("November 7, 2025", PartialDate(2025, 11, 7)),
        ("7 November 2025", PartialDate(2025, 11, 7)),
        ("Nov 2025", PartialDate(2025, 11)),
        ("2025/11/07", PartialDate(2025, 11, 7)),
        ("13/11/2025", PartialDate(2025, 11, 13)),  # day > 12: only one reading
        ("11/13/2025", PartialDate(2025, 11, 13)),
        ("05/05/2025", PartialDate(2025, 5, 5)),  # both readings agree
        ("  2025-11-07 ", PartialDate(2025, 11, 7)),
    ],
)
def test_accepted_forms_keep_their_precision(text, expected):
    assert parse_user_date(text) == expected


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("07/11/2025", "ambiguous"),
        ("07.11.2025", "ambiguous"),
        ("11/07/2025", "ambiguous"),
        ("07/11/25", "two-digit year"),
        ("2025-02-30", "not a real date"),
        ("30 Feb 2025", "cannot read"),
        ("2025-13", "not a real date"),
        ("7 Nov", "no year"),
        ("yesterday-ish", "cannot read"),
        ("", "empty date"),
        ("12345", "cannot read"),
    ],
)
def test_refused_forms_say_why(text, message):
    with pytest.raises(DateError, match=message):
        parse_user_date(text)


def test_ambiguous_message_offers_both_readings():
    with pytest.raises(DateError) as err:
        parse_user_date("07/11/2025")
    assert "2025-11-07" in str(err.value) and "2025-07-11" in str(err.value)


def test_log_dates_are_iso_only():
    assert parse_iso("2020-12", approximate=True) == PartialDate(2020, 12, None, True)
    with pytest.raises(DateError, match="not an ISO date"):
        parse_iso("Dec 2020")


def test_partial_dates_cover_their_whole_period():
    assert PartialDate(2020, 12).end == date(2020, 12, 31)
    assert PartialDate(2024, 2).end == date(2024, 2, 29)
    assert PartialDate(1992).end == date(1992, 12, 31)
    assert PartialDate(1992).start == date(1992, 1, 1)
    assert PartialDate(2020, 12).precision is Precision.MONTH
    assert str(PartialDate(2020, None, None, approximate=True)) == "~2020"
    assert PartialDate(2020, 9, 15).iso() == "2020-09-15"
