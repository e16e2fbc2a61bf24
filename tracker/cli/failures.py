"""The one place where a failure becomes a message and an exit code (docs/contract.md).

Every layer raises the errors of `tracker.errors` (and `writing.Unwritable`
for a file); a command runs its work inside `reported`, which prints each
as the contract says and exits with its code. Nothing else in the CLI
catches them.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import NoReturn

import typer

from tracker.errors import FAILED, InvalidLog, Refused, UsageError
from tracker.model import Problems
from tracker.render import text
from tracker.writing import Unwritable


def fail(message: str, code: int = FAILED) -> NoReturn:
    """`tracker: message` on stderr, made inert, and the exit code."""
    print(text.inert(f"tracker: {message}"), file=sys.stderr)
    raise typer.Exit(code)


@contextmanager
def reported(
    option: str | None = None, *, done: str = "nothing else was done", writes: str | None = None
) -> Iterator[None]:
    """Run a command's work; a domain error becomes its message and exit code.

    `option` names what a usage error is about when the error itself cannot
    (the argument a refused value came from); `done` says what an invalid log
    stopped; `writes` is the file an export writes, whose failure is said as
    `cannot write FILE: REASON`. A failure to write standard output goes on
    to `cli.main`: a closed pipe ends quietly, anything else is one line.
    """
    try:
        yield
    except UsageError as err:  # exit 2, with the command's usage line (click's own rendering)
        raise typer.BadParameter(str(err), param_hint=f"'{option or err.option}'") from None
    except InvalidLog as err:
        if err.said is not None:
            fail(err.said)
        invalid(err.shown, err.problems, done)
    except Refused as err:
        if err.invalid_log is not None:
            invalid(err.invalid_log, err.problems, "nothing else was done")
        text.problems(err.problems, sys.stderr)
        fail(f"refused ({text.count(err.problems.total, 'problem')}); nothing was written")
    except OSError as err:
        if writes is not None:
            fail(f"cannot write {writes}: {err.strerror or err}")
        if isinstance(err, Unwritable):
            fail(f"cannot write {err.filename}: {err.strerror}; nothing was written")
        raise


def invalid(shown: str, problems: Problems, done: str) -> NoReturn:
    """Every problem of an invalid log, then one line that says so and what was not done."""
    text.problems(problems, sys.stderr)
    fail(f"{shown} is invalid ({text.count(problems.total, 'problem')}); {done}")
