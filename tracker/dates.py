"""Reading dates: strict ISO in the log, friendlier forms on the command line.

The log accepts only ISO forms so that a curator's typo can never be read as
another date. Arguments also take written forms through python-dateutil, but a
numeric form whose day and month could be swapped (07/11/2025) is refused.
"""

from __future__ import annotations

import re
from datetime import datetime
from functools import lru_cache

from tracker.model import PartialDate

_ISO = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")
_NUMERIC = re.compile(r"(\d{1,4})[/.\-](\d{1,2})[/.\-](\d{1,4})")


class DateError(ValueError):
    """A date that cannot be read; the message says why and what to type."""


@lru_cache(maxsize=4096)  # a log repeats its dates; the results are immutable
def parse_iso(text: str, *, approximate: bool = False) -> PartialDate:
    """Read YYYY, YYYY-MM or YYYY-MM-DD; anything else is an error."""
    match = _ISO.fullmatch(text.strip())
    if not match:
        raise DateError(f"'{text}' is not an ISO date; write YYYY, YYYY-MM or YYYY-MM-DD")
    year, month, day = (int(g) if g else None for g in match.groups())
    try:
        return PartialDate(year, month, day, approximate)  # type: ignore[arg-type]
    except ValueError as err:
        raise DateError(f"'{text}' is not a real date ({_reason(err)})") from None


def parse_user_date(text: str) -> PartialDate:
    """Read a date typed by a user, keeping the precision they typed."""
    text = text.strip()
    if not text:
        raise DateError("empty date; write e.g. 2025-11-07, 2025-11 or '7 Nov 2025'")
    if _ISO.fullmatch(text):
        return parse_iso(text)
    numeric = _NUMERIC.fullmatch(text)
    if numeric:
        return _parse_numeric(
            text, *(int(g) for g in numeric.groups()), year_first=len(numeric.group(1)) == 4
        )
    if not any(ch.isalpha() for ch in text):
        raise DateError(f"cannot read '{text}' as a date; write e.g. 2025-11-07 or '7 Nov 2025'")
    return _parse_written(text)


def _parse_numeric(text: str, a: int, b: int, c: int, *, year_first: bool) -> PartialDate:
    if year_first:
        year, month, day = a, b, c
    elif c < 1000:
        raise DateError(f"'{text}' has a two-digit year; write it as 2025-11-07")
    elif a > 12 >= b:
        year, month, day = c, b, a
    elif b > 12 >= a or a == b:
        year, month, day = c, a, b
    else:
        raise DateError(
            f"'{text}' is ambiguous (day/month or month/day?); "
            f"write it as {c:04d}-{b:02d}-{a:02d} or {c:04d}-{a:02d}-{b:02d}"
        )
    try:
        return PartialDate(year, month, day)
    except ValueError as err:
        raise DateError(f"'{text}' is not a real date ({_reason(err)})") from None


def _parse_written(text: str) -> PartialDate:
    # Imported here: dateutil costs start-up time and most calls never need it.
    from dateutil import parser

    # Parsing against two different defaults shows which fields the text gave.
    first_default, second_default = datetime(2000, 1, 1), datetime(2004, 2, 2)
    try:
        first = parser.parse(text, default=first_default)
        second = parser.parse(text, default=second_default)
    except (parser.ParserError, ValueError, OverflowError) as err:
        raise DateError(
            f"cannot read '{text}' as a date ({_reason(err)}); write e.g. 2025-11-07 or '7 Nov 2025'"
        ) from None
    if first.year != second.year:
        raise DateError(f"'{text}' has no year; write e.g. '7 Nov 2025'")
    month = first.month if first.month == second.month else None
    day = first.day if first.day == second.day else None
    if month is None and day is not None:
        raise DateError(f"'{text}' gives a day but no month")
    return PartialDate(first.year, month, day)


def _reason(err: Exception) -> str:
    message = str(err).split(":")[0].strip()
    return message or type(err).__name__
