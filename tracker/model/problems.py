"""Where a value was written and what is wrong there: `Location`, `Problem` and its `Severity`, and the
bounded `Collector` that keeps a report's problems in file order.

Apart from the log's entries because every layer reports problems, and a
report's memory follows the log's size, not the number of mistakes in it.
"""

from __future__ import annotations

import heapq
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum


@dataclass(frozen=True, order=True, slots=True)
class Location:
    """Where a value was written; 1-based like an editor's cursor."""

    file: str
    line: int
    col: int

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.col}"


class Severity(StrEnum):
    """An error makes a log invalid; a warning is advice that `check` prints and nothing else needs."""

    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with a log: errors are collected, never raised."""

    location: Location
    message: str
    severity: Severity = Severity.ERROR

    def __str__(self) -> str:
        if self.severity is Severity.WARNING:
            return f"{self.location}: warning: {self.message}"
        return f"{self.location}: {self.message}"


# A report lists at most this many problems in full and counts the rest: memory
# follows the log's size, not the number of mistakes in it (README, "Errors and exit codes").
PROBLEM_LIMIT = 1000


class Problems(list[Problem]):
    """Problems as reported, in file order: at most PROBLEM_LIMIT in full, and `more` found besides."""

    def __init__(self, items: Iterable[Problem] = (), more: int = 0) -> None:
        super().__init__(items)
        self.more = more

    @property
    def total(self) -> int:
        return len(self) + self.more


class Collector:
    """Gathers one file's problems in bounded memory: keeps the `limit` first in file order.

    A max-heap on (line, col, arrival) holds the kept problems, so a problem
    found late but written early (a whole-log check) still displaces a later one.
    """

    def __init__(self, limit: int | None = None) -> None:
        self.limit = PROBLEM_LIMIT if limit is None else limit
        self.more = 0
        self._heap: list[tuple[int, int, int, Problem]] = []
        self._arrivals = 0

    def append(self, problem: Problem) -> None:
        self._arrivals += 1
        where = problem.location
        item = (-where.line, -where.col, -self._arrivals, problem)
        if len(self._heap) < self.limit:
            heapq.heappush(self._heap, item)
            return
        self.more += 1
        if self._heap and item[:3] > self._heap[0][:3]:  # earlier in the file than the last one kept
            heapq.heapreplace(self._heap, item)

    def extend(self, problems: Iterable[Problem]) -> None:
        for problem in problems:
            self.append(problem)
        self.more += getattr(problems, "more", 0)  # a report already cut: its count carries over

    def __len__(self) -> int:
        return len(self._heap) + self.more

    def report(self) -> Problems:
        """The kept problems in file order (ties in the order they were found), and the count of the rest."""
        kept = sorted(self._heap, key=lambda item: (item[3].location, -item[2]))
        return Problems((item[3] for item in kept), self.more)
