import time
import warnings
from datetime import date

import pytest
from conftest import run
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tracker.dates import DateError, parse_iso, parse_user_date
from tracker.model import PartialDate, Precision

TODAY = date(2026, 3, 4)  # a fixed clock for 'today' and the examples in messages

# Words dateutil skips even with fuzzy off (its parserinfo.JUMP), and other dressing.
SKIPPED = ["on", "at", "of", "and", "AD", "st", "nd", "rd", "th", "t", "m", ",", ";", "'", ".", "-", "/"]
# What dateutil itself says; none of it may reach a user.
LIBRARY_WORDING = [
    "Unknown string format",
    "String does not contain a date",
    "%s",
    "Could not convert",
    "Python int too large",
    "decimal",
    "offset must be",
    "tzname",
    "Parser must be",
]


def refusal(text: str, **kwargs) -> str:
    """The message of the DateError that `text` must raise (and nothing else, no warning)."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        with pytest.raises(DateError) as err:
            parse_user_date(text, **{"today": TODAY, **kwargs})
    assert caught == [], [str(w.message) for w in caught]
    message = str(err.value)
    assert all(ch.isprintable() for ch in message), message
    return message


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
        # Skipped words change nothing when there is nothing to guess.
        ("on 13/11/2025", PartialDate(2025, 11, 13)),
        ("on 05.05.2025", PartialDate(2025, 5, 5)),
        ("on 2025/07/11", PartialDate(2025, 7, 11)),  # year first: always Y/M/D, as in ISO
        ("2025 07 11 on", PartialDate(2025, 7, 11)),
        ("on 7th of November, 2025", PartialDate(2025, 11, 7)),
        ("7th Nov 2025", PartialDate(2025, 11, 7)),
        ("Nov 7th, 2025", PartialDate(2025, 11, 7)),
        ("7 Nov 2025 AD", PartialDate(2025, 11, 7)),
        ("Friday 7 Nov 2025", PartialDate(2025, 11, 7)),
        ("Fri, 7 Nov 2025", PartialDate(2025, 11, 7)),
        ("Sept 2025", PartialDate(2025, 9)),
        ("29 Feb 2024", PartialDate(2024, 2, 29)),
        ("2025-1-7", PartialDate(2025, 1, 7)),
    ],
)
def test_accepted_forms_keep_their_precision(text, expected):
    assert parse_user_date(text, today=TODAY) == expected


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
        ("2025-11-00", "is not a real date (day is out of range for month)"),
        ("00/11/2025", "is not a real date (there is no month 0)"),
        ("2025-00", "is not a real date (there is no month 0)"),
        ("0000-01-01", "is not a real date (there is no year 0)"),
        ("13/14/2025", "is not a real date (there is no month 13)"),
        ("29 Feb 2025", "cannot read '29 Feb 2025' as a date"),
        ("202/11/07", "has a three-digit year"),
        ("7 Nov 207", "gives the year 207 (a digit missing?)"),
        ("on 123", "gives the year 123"),
        ("tomorrow", "cannot read 'tomorrow' as a date"),
    ],
)
def test_refused_forms_say_why(text, message):
    assert message in refusal(text)


def test_ambiguous_message_offers_both_readings():
    with pytest.raises(DateError) as err:
        parse_user_date("07/11/2025", today=TODAY)
    assert "2025-11-07" in str(err.value) and "2025-07-11" in str(err.value)


def test_log_dates_are_iso_only():
    assert parse_iso("2020-12", approximate=True) == PartialDate(2020, 12, None, True)
    with pytest.raises(DateError, match="not an ISO date"):
        parse_iso("Dec 2020")


def test_log_dates_keep_their_messages():
    # `tracker check` prints these verbatim; its tests pin them.
    with pytest.raises(DateError) as err:
        parse_iso("2025-02-30")
    assert str(err.value) == "'2025-02-30' is not a real date (day is out of range for month)"
    with pytest.raises(DateError) as err:
        parse_iso("2025-11-03 10:00:00")
    assert str(err.value) == "'2025-11-03 10:00:00' is not an ISO date; write YYYY, YYYY-MM or YYYY-MM-DD"


def test_partial_dates_cover_their_whole_period():
    assert PartialDate(2020, 12).end == date(2020, 12, 31)
    assert PartialDate(2024, 2).end == date(2024, 2, 29)
    assert PartialDate(1992).end == date(1992, 12, 31)
    assert PartialDate(1992).start == date(1992, 1, 1)
    assert PartialDate(2020, 12).precision is Precision.MONTH
    assert str(PartialDate(2020, None, None, approximate=True)) == "~2020"
    assert PartialDate(2020, 9, 15).iso() == "2020-09-15"


# -- 1. whatever dateutil raises becomes a DateError ------------------------------


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("7 Nov 2025 99999999999999999999:00", "cannot read"),  # OverflowError in dateutil
        ("Nov 2025 99999999999999999999h", "cannot read"),  # OverflowError
        ("Nov 2025 99999999999999999999 am", "cannot read"),  # OverflowError
        ("Nov 2025 1" + "0" * 60 + "h", "cannot read"),  # decimal.InvalidOperation
        ("Nov 2025 10." + "9" * 60 + "h", "cannot read"),  # ParserError: minute must be in 0..59
        ("10:00 Nov 2025 -99:99", "time zone"),  # a plain ValueError from datetime.timezone
        ("2025 10:00:00.99999999999999999999999", "time of day"),
        ("999999999999999999999999999999", "cannot read"),
        ("Nov 999999999999999999999999999", "cannot read"),
        ("Nov 2025 +99999", "cannot read"),
        ("7 Nov 2025 1e999:00", "cannot read"),
        ("Nov 2025 10:nan", "cannot read"),
        ("Nov 2025 10:inf", "cannot read"),
        ("7 Nov 2025 10:1e-999999999", "cannot read"),
        ("Nov 2025 10:00 +", "cannot read"),
        ("12 Nov 2025 25 am", "cannot read"),
        ("Jan Feb 2025", "cannot read"),  # 'Month is already set'
        ("1 2 3 4 Nov", "cannot read"),  # 'More than three YMD values'
    ],
)
def test_anything_dateutil_raises_is_a_date_error_in_our_words(text, message):
    said = refusal(text)
    assert message in said
    assert not any(words in said for words in LIBRARY_WORDING), said


# -- 2. skipped words do not make a swappable day and month readable ---------------


@pytest.mark.parametrize(
    "text",
    [
        "on 07/11/2025",
        "07/11/2025 at noon",  # dateutil cannot read 'noon': still say which dates are meant
        "07/11/2025 at",
        "on 07.11.2025",
        "7-11-2025 AD",
        "07 11 2025",
        "on 07 11 2025",
        "07, 11, 2025",
        "07 - 11 - 2025",
        "07/11 2025 at",
        "'07/11/2025",
        ". 07/11/2025",
        "on the 07/11/2025",
        "7th 11 2025",
        "07th/11th/2025",
        "07/11/2025.",
        "on.07.11.2025",  # not the numeric shape: dateutil's own two readings show it
        "7th of 11, 2025",
        "07/11/2025 10:00",
        "07/11/2025T10:00",
    ],
)
def test_a_swappable_day_and_month_is_refused_however_it_is_dressed(text):
    said = refusal(text)
    assert "ambiguous" in said and "2025-11-07" in said and "2025-07-11" in said, said


@pytest.mark.parametrize(
    ("text", "readings"),
    [
        ("on 01/02/2025", ("2025-02-01", "2025-01-02")),
        ("12.1.1999 on", ("1999-01-12", "1999-12-01")),
        ("on 3 4 2030", ("2030-04-03", "2030-03-04")),
    ],
)
def test_the_message_gives_both_iso_readings_day_first(text, readings):
    said = refusal(text)
    assert f"write it as {readings[0]} or {readings[1]}" in said, said


# -- 3. two-digit years, in every spelling ---------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "7 Nov 25",
        "25-11-07",
        "7 Nov '25",
        "11/07/25",
        "07/11/25",
        "13/11/25",
        "Nov 35",
        "Jan of 01",
        "7-11-5",
        "on 13 11 25",
    ],
)
def test_two_digit_years_are_refused(text):
    said = refusal(text)
    assert "-digit year" in said and "write the year in four digits" in said, said


@pytest.mark.parametrize(
    ("text", "day"),
    [("Nov 25", 25), ("Nov '25", 25), ("25 Nov", 25), ("November 7", 7), ("29 Feb", 29)],
)
def test_a_month_and_one_small_number_is_refused_not_guessed(text, day):
    said = refusal(text, today=TODAY)
    assert f"has no year, or a two-digit one ({day} could be either)" in said, said
    assert "2026'" in said and f"20{day:02d}'" in said  # both things the user may have meant


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("Nov", "'Nov' has no year; write e.g. 'Nov 2026'"),
        ("on 07/11", "'on 07/11' has no year; write e.g. '7 Nov 2026'"),  # no guess at the month
        ("Monday", "'Monday' has no year; write e.g. '7 Nov 2026'"),
    ],
)
def test_no_year_at_all(text, message):
    assert refusal(text, today=TODAY) == message


# -- 4. a date option takes a day: times and zones are refused, without a warning --


@pytest.mark.parametrize(
    ("text", "what"),
    [
        ("7 Nov 2025 10:00 EST", "a time of day and a time zone"),  # dateutil warns about EST
        ("7 Nov 2025 10:00 CEST", "a time of day and a time zone"),
        ("7 Nov 2025 10:00 XYZ", "a time of day and a time zone"),
        ("2025-11-07T10:00Z", "a time of day and a time zone"),
        ("7 Nov 2025 10:00 UTC", "a time of day and a time zone"),
        ("7 Nov 2025 10:00 +0300", "a time of day and a time zone"),
        ("7 Nov 2025 10:00 -0300 (BRST)", "a time of day and a time zone"),
        ("7 Nov 2025 10:00", "a time of day"),
        ("7 Nov 2025 10am", "a time of day"),
        ("7 Nov 2025 12 am", "a time of day"),
        ("7 Nov 2025 00:00", "a time of day"),
        ("2025-11-07T10:00", "a time of day"),
        ("2025-11-07 10:00", "a time of day"),
        ("Nov 2025 10h", "a time of day"),
    ],
)
def test_a_time_or_zone_is_refused_consistently(text, what):
    said = refusal(text)
    assert f"has {what}; a date option takes only the day" in said, said


# -- 5. only the digits 0-9 -----------------------------------------------------


@pytest.mark.parametrize(
    ("text", "digit"),
    [
        ("２０２５-11-07", "U+FF12"),  # fullwidth
        ("٢٠٢٥-11-07", "U+0662"),  # Arabic-Indic
        ("2025-11-0٧", "U+0667"),  # one Arabic-Indic seven among ASCII digits
        ("۲۰۲۵", "U+06F2"),  # Extended Arabic-Indic (Persian)
        ("२०२५-११", "U+0968"),  # Devanagari
        ("2025²", "U+00B2"),
    ],
)
def test_log_dates_take_ascii_digits_only(text, digit):
    with pytest.raises(DateError) as err:
        parse_iso(text)
    assert "is not an ISO date" in str(err.value) and digit in str(err.value) and "0-9" in str(err.value)


@pytest.mark.parametrize(
    ("text", "digit"),
    [
        ("２０２５-11-07", "U+FF12"),
        ("٢٠٢٥-11-07", "U+0662"),
        ("2025-11-0٧", "U+0667"),
        ("07/11/٢٠٢٥", "U+0662"),
        ("13/11/２０２５", "U+FF12"),
        ("7 Nov ٢٠٢٥", "U+0662"),  # dateutil would read it: float() takes any script's digits
        ("٧ Nov 2025", "U+0667"),
    ],
)
def test_arguments_take_ascii_digits_only(text, digit):
    said = refusal(text)
    assert digit in said and "not one of the digits 0-9" in said, said


# -- 6. today and yesterday -----------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("today", PartialDate(2026, 3, 4)),
        ("TODAY", PartialDate(2026, 3, 4)),
        ("  Today ", PartialDate(2026, 3, 4)),
        ("yesterday", PartialDate(2026, 3, 3)),
        ("YesterDay\t", PartialDate(2026, 3, 3)),
    ],
)
def test_today_and_yesterday_are_days(text, expected):
    result = parse_user_date(text, today=TODAY)
    assert result == expected and result.precision is Precision.DAY


def test_yesterday_crosses_a_year_and_today_is_the_day_given():
    assert parse_user_date("yesterday", today=date(2025, 1, 1)) == PartialDate(2024, 12, 31)
    assert parse_user_date("yesterday", today=date(2024, 3, 1)) == PartialDate(2024, 2, 29)
    assert parse_user_date("today", today=date(2031, 7, 9)) == PartialDate(2031, 7, 9)


@pytest.mark.parametrize("text", ["to day", "today!", "the day before yesterday", "today 10:00"])
def test_only_the_words_themselves(text):
    refusal(text, today=TODAY)


# -- 7 and 8. our words only; hostile input ends quickly in a DateError ----------------


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "empty date"),
        ("   \t\n ", "empty date"),
        ("x" * 100_000, "is too long for a date (100000 characters)"),
        ("7 Nov 2025 " * 10_000, "is too long for a date"),
        ("1" * 101, "is too long for a date"),
        ("7 Nov\x002025", "control or invisible character U+0000"),
        ("\x00", "control or invisible character U+0000"),
        ("7 Nov 2025\x1b[31m", "control or invisible character U+001B"),
        ("7\tNov 2025", "control or invisible character U+0009"),
        ("7 Nov 2025\u202e", "control or invisible character U+202E"),  # right-to-left override
        ("\u200f7 Nov 2025", "control or invisible character U+200F"),  # right-to-left mark
        ("7\u200bNov 2025", "control or invisible character U+200B"),  # zero-width space
        ("📅", "cannot read"),
        ("7 Nov 2025 📅", "cannot read"),
        ("٧ نوفمبر", "U+0667"),
        ("نوفمبر 2025", "cannot read"),
        ("שבעה בנובמבר 2025", "cannot read"),
        ("7 Novembre 2025", "cannot read"),
        ("Ｎｏｖ 2025", "cannot read"),
        ("'; DROP TABLE dates; --", "cannot read"),
        ("%d {0} %(x)s", "cannot read"),
    ],
)
def test_hostile_input_is_refused_quickly_in_our_words(text, message):
    start = time.perf_counter()
    said = refusal(text)
    assert time.perf_counter() - start < 0.5
    assert message in said, said
    assert not any(words in said for words in LIBRARY_WORDING), said
    assert len(said) < 300  # a 100 KB argument is not echoed back whole


def test_messages_escape_what_they_quote():
    said = refusal("7 Nov\x1b[2J2025")
    assert "\x1b" not in said and "\\x1b" in said


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("Monday 7 Nov 2025", "does not fit: 2025-11-07 is a Friday, not a Monday"),
        ("Fri 8 Nov 2025", "2025-11-08 is a Saturday, not a Friday"),
        ("Monday Nov 2025", "names a weekday but no day of the month"),  # dateutil would pick Nov 3
        ("Sunday 2025", "names a weekday but no day of the month"),
    ],
)
def test_a_weekday_must_fit_the_date(text, message):
    assert message in refusal(text)


# -- fuzzing -------------------------------------------------------------------------

FUZZ = settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
MONTH_WORDS = ["Nov", "November", "jan", "SEPT", "May", "feb"]
TIMES = [
    "10:00",
    "10:00:00",
    "10am",
    "12 pm",
    "99999999999999999999:00",
    "10:00:00.9999999999999",
    "T10",
    "10h",
]
ZONES = ["EST", "UTC", "Z", "GMT+3", "+0300", "-03:00", "+99999", "CEST", "(BRST)", "XYZ"]
WEEKDAYS = ["Mon", "Friday", "sun"]
NUMBERS = st.one_of(
    st.integers(0, 40).map(str),
    st.integers(0, 40).map(lambda n: f"{n:02d}"),
    st.integers(1900, 2100).map(str),
    st.from_regex(r"[0-9]{1,30}", fullmatch=True),
    st.sampled_from(["1e999", "nan", "inf", "0.5", "1" + "0" * 40, "٧", "２"]),
)
PIECES = st.one_of(
    NUMBERS,
    st.sampled_from(["/", ".", "-", " ", ",", ":", "'", "+", "T", "  "]),
    st.sampled_from(MONTH_WORDS + SKIPPED + TIMES + ZONES + WEEKDAYS + ["h", "am", "today", "noon", "the"]),
)
# Absurd time components: dateutil raises OverflowError or decimal's InvalidOperation for these.
ABSURD_TIMES = st.builds(
    "{} {}{}".format,
    st.sampled_from(["7 Nov 2025", "Nov 2025", "2025", ""]),
    st.integers(10**15, 10**60).map(str) | NUMBERS,
    st.sampled_from(["h", "m", "s", ":00", " am", "", ".5h", ":1e5", " +0300"]),
)
DATE_LIKE = (
    st.lists(PIECES, max_size=12).map("".join) | st.lists(PIECES, max_size=8).map(" ".join) | ABSURD_TIMES
)


def outcome(text: str) -> PartialDate | str:
    """The result, or the DateError's message; anything else raised, or any warning, fails."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            result: PartialDate | str = parse_user_date(text, today=TODAY)
        except DateError as err:
            result = str(err)
    assert caught == [], [str(w.message) for w in caught]
    if isinstance(result, str):
        assert result and all(ch.isprintable() for ch in result), result
        stripped = text.strip()
        quoted = repr(stripped if len(stripped) <= 40 else stripped[:40] + "…")
        ours = result.replace(quoted, "")  # what the user typed may say anything
        assert not any(words in ours for words in LIBRARY_WORDING), result
    return result


@FUZZ
@given(st.text(max_size=120) | DATE_LIKE)
def test_any_text_is_a_date_or_a_date_error(text):
    result = outcome(text)
    if isinstance(result, PartialDate):
        assert 1 <= result.year <= 9999 and result.start <= result.end


@FUZZ
@given(
    day=st.integers(1, 12),
    month=st.integers(1, 12),
    year=st.integers(1000, 9999),
    separator=st.sampled_from(["/", ".", "-", " ", ", ", " / ", ";"]),
    padded=st.booleans(),
    ordinal=st.sampled_from(["", "", "th", "st", "nd", "rd"]),
    before=st.lists(st.sampled_from([*SKIPPED, "the", "noon", "please"]), max_size=3),
    after=st.lists(st.sampled_from([*SKIPPED, "the", "noon", "please"]), max_size=3),
)
def test_a_swappable_day_and_month_is_refused_with_both_readings(
    day, month, year, separator, padded, ordinal, before, after
):
    if day == month:
        return  # both readings are the same date
    numbers = [f"{n:02d}" if padded else str(n) for n in (day, month)]
    numbers[0] += ordinal  # '7th 11 2025': no longer the numeric form, still as ambiguous
    text = " ".join([*before, separator.join([*numbers, str(year)]), *after])
    result = outcome(text)
    assert isinstance(result, str), (text, result)
    assert f"{year}-{month:02d}-{day:02d}" in result and f"{year}-{day:02d}-{month:02d}" in result, (
        text,
        result,
    )


@FUZZ
@given(day=st.integers(1, 31), month=st.sampled_from(MONTH_WORDS), year=st.integers(0, 99))
def test_a_two_digit_year_is_never_read(day, month, year):
    for text in (f"{day} {month} {year:02d}", f"{month} {day}, {year:02d}", f"{day}/{month}/{year:02d}"):
        assert isinstance(outcome(text), str), text


# -- issue 19: only the documented forms; a number is a month only in a numeric date ------


@pytest.mark.parametrize("text", ["2025 11th 12", "2025 12th 11", "11th 2025", "2025 11th", "13th 11 2025"])
def test_an_ordinal_or_a_lone_number_is_never_read_as_the_month(text):
    assert "cannot tell which number" in refusal(text) and "is the month" in refusal(text)


def test_the_as_of_option_refuses_a_guessed_month():
    result = run("signatories", "--as-of", "2025 11th 12")
    assert (
        result.exit_code == 2 and "cannot tell which number in '2025 11th 12' is the month" in result.stderr
    )
