"""Reading dates: strict ISO in the log, friendlier forms on the command line.

The log accepts only ISO forms so that a curator's typo can never be read as
another date. Arguments also take `today`, `yesterday` and written forms read
with python-dateutil, but whatever dateutil would have to guess is refused: a
day and month that could be swapped (07/11/2025, however it is dressed up), a
two-digit year, a weekday that does not fit. A date option takes a day, so a
time of day or a time zone is refused too. Only the digits 0-9 are read: other
scripts have digits that look like them.
"""

from __future__ import annotations

import calendar
import re
import warnings
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from functools import lru_cache

from tracker.model import PartialDate

# [0-9], not \d: \d also matches Arabic-Indic, fullwidth and other digits.
_ISO = re.compile(r"([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?")
_NUMERIC = re.compile(r"([0-9]{1,4})[/.\-]([0-9]{1,2})[/.\-]([0-9]{1,4})")
# Three numbers among other words, however separated ("on 07/11/2025 at noon", "7th 11, 2025"),
# but not inside a time (10:30.07-11): checked for a swappable day and month before dateutil reads them.
_SEPARATOR = r"(?i:st|nd|rd|th)?(?:\s*[/.\-,;]\s*|\s+)"
_NUMERIC_WITHIN = re.compile(
    rf"(?<![0-9:.])([0-9]{{1,4}}){_SEPARATOR}([0-9]{{1,2}}){_SEPARATOR}([0-9]{{1,4}})(?![0-9])"
)
_TIME = re.compile(r"[0-9]:[0-9]")
_ORDINAL = re.compile(r"[0-9](?i:st|nd|rd|th)(?![a-z])", re.I)

_MAX_LENGTH = 100  # far beyond any date; keeps dateutil's work (and our messages) small
_EXAMPLES = "write e.g. 2025-11-07, 2025-11 or '7 Nov 2025'"
_RELATIVE = {"today": 0, "yesterday": 1}
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_FEW = {1: "one", 2: "two", 3: "three"}
# Two readings with different defaults show which fields the text gave. Both
# years are leap years, so '29 Feb' is read (and refused for having no year);
# days 1 and 15 keep a weekday without a day ("Monday Nov 2025") from moving
# both readings to the same day; every time field differs, to show a time.
_DEFAULTS = (datetime(2000, 1, 1, 0, 0, 0, 0), datetime(2004, 2, 15, 1, 1, 1, 1))


class DateError(ValueError):
    """A date that cannot be read; the message says why and what to type."""


@lru_cache(maxsize=4096)  # a log repeats its dates; the results are immutable
def parse_iso(text: str, *, approximate: bool = False) -> PartialDate:
    """Read YYYY, YYYY-MM or YYYY-MM-DD; anything else is an error."""
    match = _ISO.fullmatch(text.strip())
    if not match:
        digit = _foreign_digit(text)
        why = f": {digit} is not one of the digits 0-9" if digit else ""
        raise DateError(f"{_quoted(text)} is not an ISO date{why}; write YYYY, YYYY-MM or YYYY-MM-DD")
    year, month, day = (int(g) if g else None for g in match.groups())
    assert year is not None  # the pattern requires it
    return _partial_date(text, year, month, day, approximate)


def parse_user_date(text: str, *, today: date) -> PartialDate:
    """Read a date typed by a user, keeping the precision they typed.

    Raises only DateError, whose message says what to type instead: callers
    turn it into a usage error. `today` fixes the clock for 'today' and
    'yesterday' (default: the system's date).
    """
    text = text.strip()
    if not text:
        raise DateError(f"empty date; {_EXAMPLES}")
    if len(text) > _MAX_LENGTH:
        raise DateError(f"{_quoted(text)} is too long for a date ({len(text)} characters); {_EXAMPLES}")
    hidden = next((ch for ch in text if not ch.isprintable()), None)
    if hidden is not None:
        raise DateError(
            f"{_quoted(text)} contains the control or invisible character U+{ord(hidden):04X}; "
            "type the date in plain characters, e.g. 2025-11-07 or '7 Nov 2025'"
        )
    digit = _foreign_digit(text)
    if digit is not None:
        raise DateError(f"{_quoted(text)} uses {digit}, not one of the digits 0-9; {_EXAMPLES}")
    days_back = _RELATIVE.get(text.lower())
    if days_back is not None:
        day = today - timedelta(days=days_back)
        return PartialDate(day.year, day.month, day.day)
    if _ISO.fullmatch(text):
        return parse_iso(text)
    numeric = _NUMERIC.fullmatch(text)
    if numeric:
        return _parse_numeric(text, *numeric.groups())
    # Words around a swappable day and month do not make it less ambiguous,
    # whether or not dateutil could read them ("on 07/11/2025", "07/11/2025 at noon").
    for within in _NUMERIC_WITHIN.finditer(text):
        _refuse_if_swappable(text, *within.groups())
    if not any(ch.isalpha() for ch in text):
        if _TIME.search(text):
            raise _has_time(text, zone=False)
        raise _cannot_read(text)
    return _parse_written(text, today)


def _parse_numeric(text: str, first: str, middle: str, last: str) -> PartialDate:
    """Y/M/D when the year comes first, else D/M/Y or M/D/Y when only one of them is a date."""
    year_first = len(first) > 2
    year_digits = len(first if year_first else last)
    if year_digits != 4:
        raise _short_year(text, year_digits)
    if year_first:
        return _partial_date(text, int(first), int(middle), int(last))
    _refuse_if_swappable(text, first, middle, last)
    a, b = int(first), int(middle)
    month, day = (b, a) if a > 12 >= b else (a, b)
    return _partial_date(text, int(last), month, day)


def _refuse_if_swappable(text: str, first: str, middle: str, last: str) -> None:
    """Refuse D/M/Y whose day and month could be swapped; year-first forms are always Y/M/D."""
    a, b = int(first), int(middle)
    if len(first) <= 2 and len(last) == 4 and a != b and 1 <= a <= 12 and 1 <= b <= 12:
        raise _ambiguous(text, f"{last}-{b:02d}-{a:02d}", f"{last}-{a:02d}-{b:02d}")


@dataclass
class _Seen:
    """What dateutil met while reading: its result keeps none of this."""

    month_name: bool = False
    weekdays: set[int] = field(default_factory=set)
    short_year: bool = False
    zone: bool = False


def _parse_written(text: str, today: date) -> PartialDate:
    """Read with dateutil, refusing whatever it would have guessed or silently dropped."""
    # Imported here: dateutil costs start-up time and most calls never need it.
    from dateutil import parser

    seen = _Seen()

    class Info(parser.parserinfo):
        """dateutil's own vocabulary, noting what it recognised."""

        def month(self, name: str) -> int | None:
            value = super().month(name)
            seen.month_name |= value is not None
            return value

        def weekday(self, name: str) -> int | None:
            value = super().weekday(name)
            if value is not None:
                seen.weekdays.add(value)
            return value

        def convertyear(self, year: int, century_specified: bool = False) -> int:
            seen.short_year |= year < 100 and not century_specified
            return super().convertyear(year, century_specified)

    def zone(name: str | None, offset: int | None) -> None:
        # Called for every reading; answering None keeps the result naive and
        # stops dateutil from warning about zone names it does not know.
        seen.zone |= name is not None or offset is not None

    reader = parser.parser(Info())

    def read(default: datetime, *, dayfirst: bool = False) -> datetime:
        """One dateutil reading: any exception or warning means the text is not a date we can trust."""
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            try:
                result = reader.parse(text, default=default, tzinfos=zone, dayfirst=dayfirst)
            except Exception:  # ParserError, ValueError, OverflowError, decimal's errors...: all unreadable
                raise _cannot_read(text) from None
        if caught:
            raise _cannot_read(text)
        return result

    first, second = (read(default) for default in _DEFAULTS)
    if seen.zone or any(getattr(first, f) == getattr(second, f) for f in ("hour", "minute", "second")):
        raise _has_time(text, zone=seen.zone)
    if seen.short_year:
        raise _short_year(text, 2)
    if first.year < 1000:  # '7 Nov 207': a digit short, not the eighth century
        raise DateError(
            f"{_quoted(text)} gives the year {first.year} (a digit missing?); write e.g. '7 Nov 2025'"
        )
    month = first.month if first.month == second.month else None
    day = first.day if first.day == second.day else None
    if first.year != second.year:
        raise _no_year(text, month, day, today, named=seen.month_name)
    if month is None and day is not None:
        raise DateError(f"{_quoted(text)} gives a day but no month; {_EXAMPLES}")
    if seen.weekdays:
        _check_weekdays(text, seen.weekdays, first.date() if day is not None else None)
    if day is not None and not seen.month_name and not _year_first(text):
        # Both numbers could be the month: dateutil picks one reading, we ask for it.
        try:
            other = read(_DEFAULTS[0], dayfirst=True).date()
        except DateError:  # the other reading is no date, so this one is the only one
            other = first.date()
        if other != first.date():
            raise _ambiguous(text, other.isoformat(), first.date().isoformat())
    if (
        month is not None
        and not seen.month_name
        and (_ORDINAL.search(text) or not _NUMERIC_WITHIN.search(text))
    ):
        # A month given as a number is read only in the numeric shapes (2025/11/07, 13/11/2025,
        # '2025 07 11'): dateutil would also take '11th' (a day) or a lone number beside the year for it.
        raise DateError(
            f"cannot tell which number in {_quoted(text)} is the month; write the date as YYYY-MM-DD "
            "or with the month's name, e.g. 2025-11-07 or '7 Nov 2025'"
        )
    return PartialDate(first.year, month, day)


def _year_first(text: str) -> bool:
    """A year written first (2025/07/11) is always followed by the month, as in ISO."""
    digits = re.search(r"[0-9]+", text)
    return digits is not None and len(digits.group()) > 2


def _check_weekdays(text: str, weekdays: set[int], day: date | None) -> None:
    """dateutil drops a weekday that contradicts the date, and moves a date without a day to one."""
    if day is None:
        raise DateError(
            f"{_quoted(text)} names a weekday but no day of the month; write e.g. 'Fri 7 Nov 2025'"
        )
    wrong = sorted(weekdays - {day.weekday()})
    if wrong:
        raise DateError(
            f"{_quoted(text)} does not fit: {day.isoformat()} is a {_WEEKDAYS[day.weekday()]}, "
            f"not a {_WEEKDAYS[wrong[0]]}"
        )


def _partial_date(
    text: str, year: int, month: int | None, day: int | None, approximate: bool = False
) -> PartialDate:
    """Checked here, in our words: PartialDate takes a month or day of 0 for 1 (2025-11-00)."""
    if year < 1:
        reason = "there is no year 0"
    elif month is not None and not 1 <= month <= 12:
        reason = f"there is no month {month}"
    elif day is not None and not 1 <= day <= calendar.monthrange(year, month or 1)[1]:
        reason = "day is out of range for month"
    else:
        return PartialDate(year, month, day, approximate)
    raise DateError(f"{_quoted(text)} is not a real date ({reason})")


def _ambiguous(text: str, day_first: str, month_first: str) -> DateError:
    return DateError(
        f"{_quoted(text)} is ambiguous (day/month or month/day?); write it as {day_first} or {month_first}"
    )


def _short_year(text: str, digits: int) -> DateError:
    return DateError(
        f"{_quoted(text)} has a {_FEW.get(digits, str(digits))}-digit year; "
        "write the year in four digits, e.g. 2025-11-07 or '7 Nov 2025'"
    )


def _no_year(text: str, month: int | None, day: int | None, today: date, *, named: bool) -> DateError:
    if named and month is not None and day is not None:
        # 'Nov 25': the 25th, or 2025? Refused rather than guessed.
        name = _MONTHS[month - 1]
        return DateError(
            f"{_quoted(text)} has no year, or a two-digit one ({day} could be either); write the year "
            f"in four digits, e.g. '{day} {name} {today.year}' or '{name} {2000 + day}'"
        )
    # A month given as a number may be the day: name no month in the example then.
    example = f"{_MONTHS[month - 1]} {today.year}" if named and month is not None else f"7 Nov {today.year}"
    return DateError(f"{_quoted(text)} has no year; write e.g. '{example}'")


def _has_time(text: str, *, zone: bool) -> DateError:
    what = "a time of day and a time zone" if zone else "a time of day"
    return DateError(f"{_quoted(text)} has {what}; a date option takes only the day: {_EXAMPLES}")


def _cannot_read(text: str) -> DateError:
    return DateError(f"cannot read {_quoted(text)} as a date; {_EXAMPLES}")


def _foreign_digit(text: str) -> str | None:
    """The first digit outside 0-9 (Arabic-Indic, fullwidth, superscript...), described; else None."""
    found = next((ch for ch in text if ch.isdigit() and not ch.isascii()), None)
    return None if found is None else f"'{found}' (U+{ord(found):04X})"


def _quoted(text: str) -> str:
    """The user's text for a message: escaped as repr escapes it, and cut short when long."""
    return repr(text if len(text) <= 40 else text[:40] + "…")
