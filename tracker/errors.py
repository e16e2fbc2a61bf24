"""The program's errors, one class per kind, and the exit code of each kind.

Every layer raises these and none other for a failure the user must hear of;
the CLI turns each into its message and exit code in one place
(`tracker.cli.failures.reported`), as docs/contract.md lists them:

- `UsageError`: what was asked cannot be answered or done as asked (an
  unknown event id or country, a format the answer has no form for, a
  missing value, a destination that cannot be written as asked); a usage
  message naming `option`, exit 2.
- `InvalidLog`: the log cannot be read or is not valid; every problem with
  its location (or one line that says it all), exit 1.
- `Refused`: an addition the log's rules refuse; every problem, exit 1,
  nothing written.

A file that cannot be written is `tracker.writing.Unwritable`, an `OSError`
(exit 1, nothing written). They are here, below every layer, so a query, the
application and the CLI raise and catch the same classes.
"""

from __future__ import annotations

TYPE_CHECKING = False  # not typing's: the front door's modules import this one
if TYPE_CHECKING:
    from collections.abc import Sequence

    from tracker.model import Problem, Problems

OK = 0
FAILED = 1  # an invalid log, a refused addition, a failed check, a file that could not be written
USAGE = 2  # a request that does not fit: bad arguments, an unknown id, a format with no form
INTERNAL = 70  # a bug in tracker itself (EX_SOFTWARE): one line, no traceback unless TRACKER_DEBUG


class UsageError(Exception):
    def __init__(self, message: str, option: str) -> None:
        super().__init__(message)
        self.option = option


class InvalidLog(Exception):
    """The log cannot be read or is not valid: every problem, in file order; or, where `said`, that
    one line instead (a commit `--recorded-by` cannot read says so once, and `check` lists them)."""

    def __init__(self, shown: str, problems: Problems, said: str | None = None) -> None:
        super().__init__(f"{shown} is invalid")
        self.shown, self.problems, self.said = shown, problems, said


class Refused(Exception):
    """An addition cannot be made: `problems` say why (the log's, or the new item's)."""

    def __init__(self, problems: Sequence[Problem], invalid_log: str | None = None) -> None:
        from tracker.model import Problems

        super().__init__(problems[0].message if problems else "refused")
        self.problems = Problems(problems, getattr(problems, "more", 0))
        self.invalid_log = invalid_log  # the log as shown, when it was invalid before the addition
