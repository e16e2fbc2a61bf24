"""The `tracker` command: a thin face on the library.

Each command turns its options into a query and hands it, with the output
format and the log, to `answer`; domain errors become exit codes: 0 ok,
1 invalid log or unwritable output, 2 usage. Rich and the countries are
imported only by the paths that need them.
"""

from __future__ import annotations

import errno
import io
import os
import sys

import typer
from typer.exceptions import TyperException

from tracker.app.paging import read_only
from tracker.cli.root import app
from tracker.render import text

__all__ = ["app", "main"]


def _show_error(err: TyperException) -> int:
    """Print the message as Typer would, with control characters escaped line by line."""
    buffer = io.StringIO()
    show = getattr(err, "show", None)
    if show is not None:
        show(file=buffer)
    else:
        print(f"Error: {err.format_message()}", file=buffer)
    lines = buffer.getvalue().rstrip("\n").split("\n")
    print("\n".join(text.inert(line) for line in lines), file=sys.stderr)
    return err.exit_code


class _ClosedOutput(io.TextIOBase):
    """Standard output when the run began with it closed (`>&-`): writing fails as for a full disk."""

    def write(self, text: str) -> int:
        raise OSError(errno.EBADF, "standard output is closed")


def _standard_streams() -> None:
    """Make stdout and stderr safe to write to, whatever the run was started with.

    A closed descriptor 0, 1 or 2 is filled with the null device, so no file
    opened later (a cache entry) can take its number. A closed stderr
    discards messages rather than letting `print` fall back to stdout, into
    the JSON. A closed stdout makes the answer fail to write (exit 1). Text
    that the stream's encoding cannot hold (ASCII, the C locale) is written
    as backslash escapes instead of raising; answers are UTF-8 bytes anyway.
    """
    for fd in (0, 1, 2):
        try:
            os.fstat(fd)
        except OSError:
            null = os.open(os.devnull, os.O_RDWR)
            if null != fd:
                os.dup2(null, fd)
                os.close(null)
    if read_only(2):  # `2</dev/null`: messages go nowhere rather than fail the answer
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, 2)
        os.close(null)
    if sys.stderr is None:
        sys.stderr = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115 - for the whole run
    if sys.stdout is None:
        sys.stdout = _ClosedOutput()
    for stream in (sys.stdout, sys.stderr):
        if isinstance(stream, io.TextIOWrapper):
            stream.reconfigure(errors="backslashreplace")


def main() -> None:
    """Run the app, showing usage errors with the user's own text made inert.

    Click echoes arguments back ("no such option: ..."); an argument can carry
    escape sequences, so its messages pass through the same filter as log text.
    A reader that closes the pipe early ends the run quietly (Typer's handling);
    any other failure to write the output is one line and exit 1.
    """
    from tracker.cli.tree import command_tree
    from tracker.files import arguments

    sys.argv[1:] = arguments(sys.argv[1:])  # as the front door does: a second time changes nothing
    _standard_streams()
    try:
        code = command_tree(app, sys.argv[1:]).main(prog_name="tracker", standalone_mode=False)
    except TyperException as err:  # click's usage errors, as vendored by Typer
        code = _show_error(err)
    except typer.Abort:
        print("tracker: aborted", file=sys.stderr)
        code = 1
    except OSError as err:  # writing the output failed: a full disk, a closed terminal
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - so the exit flush cannot fail again
        print(text.inert(f"tracker: cannot write the output: {err.strerror or err}"), file=sys.stderr)
        code = 1
    except Exception as err:  # a bug of ours, never the user's input: one line unless TRACKER_DEBUG asks
        if os.environ.get("TRACKER_DEBUG"):
            raise
        from tracker.errors import INTERNAL

        problem = text.inert(f"{type(err).__name__}: {err}")
        print(f"tracker: internal error (please report it): {problem}", file=sys.stderr)
        code = INTERNAL
    sys.exit(code if isinstance(code, int) else 0)


# The commands register themselves on `app` (and the `add` group's on it), in the order `tracker -h`
# and `tracker add -h` list them: so imported in this order, not sorted.
from tracker.cli import answers, lookups, curation, adding, citing, amending, exports  # noqa: E402, F401, I001
