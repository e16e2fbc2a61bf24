"""Days as the log knows them: `PartialDate`, a date known to the day, the month or only the year, and
`shifted`, the one step between days.

Apart from the entries because every date of the log (events, sources,
corrections, assertions) is one, and the queries compare them everywhere.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum


class Precision(StrEnum):
    DAY = "day"
    MONTH = "month"
    YEAR = "year"


@dataclass(frozen=True, slots=True)
class PartialDate:
    """A date known to the day, the month or only the year.

    `approximate` records wording such as "later the same year": the period is
    still the one given, but the source does not claim more than that.
    The first and last days and the ISO text are worked out once, on creation:
    sorting and filtering ask for them many times, and the loader shares one
    object between every event on the same date.
    """

    year: int
    month: int | None = None
    day: int | None = None
    approximate: bool = False
    _start: date = field(init=False, repr=False, compare=False)
    _end: date = field(init=False, repr=False, compare=False)
    _iso: str = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        if self.day is not None and self.month is None:
            raise ValueError("a day needs a month")
        # Raises ValueError for impossible dates such as 2025-02-30.
        start = date(self.year, self.month or 1, self.day or 1)
        if self.day is not None:
            end, iso = start, f"{self.year:04d}-{self.month:02d}-{self.day:02d}"
        elif self.month is not None:
            end = date(self.year, self.month, calendar.monthrange(self.year, self.month)[1])
            iso = f"{self.year:04d}-{self.month:02d}"
        else:
            end, iso = date(self.year, 12, 31), f"{self.year:04d}"
        object.__setattr__(self, "_start", start)
        object.__setattr__(self, "_end", end)
        object.__setattr__(self, "_iso", iso)

    @property
    def precision(self) -> Precision:
        if self.day is not None:
            return Precision.DAY
        if self.month is not None:
            return Precision.MONTH
        return Precision.YEAR

    @property
    def start(self) -> date:
        return self._start

    @property
    def end(self) -> date:
        """Last day of the period: a partial date counts only once it is over."""
        return self._end

    def iso(self) -> str:
        return self._iso

    def __str__(self) -> str:
        return ("~" if self.approximate else "") + self._iso


def shifted(day: date, days: int) -> date | None:
    """`day` moved by `days` days, or None where that leaves the calendar (0001-01-01 to 9999-12-31).

    The one way to step between days: a log may hold dates at either end of
    the calendar, where `day ± timedelta` raises, so each caller says what
    "no day before" or "no day after" means for it.
    """
    ordinal = day.toordinal() + days
    return date.fromordinal(ordinal) if 1 <= ordinal <= _LAST_ORDINAL else None


_LAST_ORDINAL = date.max.toordinal()
