"""The one error for a request that does not fit, whichever layer finds it.

A `UsageError` says what was asked that cannot be answered or done as asked:
an unknown event id or country, a format the answer has no form for, a
missing value, a destination that cannot be written as asked. The CLI turns
every one into a usage message naming `option`, and exit 2 (docs/contract.md).
It is here, below every layer, so a query, the application and the CLI raise
and catch the same class.
"""

from __future__ import annotations


class UsageError(Exception):
    def __init__(self, message: str, option: str) -> None:
        super().__init__(message)
        self.option = option
