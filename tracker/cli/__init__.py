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
from typing import Annotated

import typer
from typer.exceptions import TyperException

from tracker import __version__
from tracker.app.paging import read_only
from tracker.cli.args import Root
from tracker.render import text

app = typer.Typer(
    cls=Root,
    name="tracker",
    help="A citable timeline and signatory tracker for the Abraham Accords.\n\n"
    "Every answer is derived from a curated event log in which every event cites its "
    "sources; 'tracker check' verifies the log and every quote in it.",
    add_completion=True,
    no_args_is_help=True,
    context_settings={"help_option_names": ["-h", "--help"]},
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
)


def _show_version(value: bool) -> None:
    """The program's version, and how far the log it would read was reviewed: an answer is only
    as current as its log. The `reviewed:` line is read as text, so no log is parsed here."""
    if value:
        print(f"tracker {__version__}")
        reviewed = _log_reviewed()
        if reviewed is not None:
            print(f"log {reviewed[0]}: news reviewed through {reviewed[1]}")
        raise typer.Exit()


def _log_reviewed() -> tuple[str, str] | None:
    import os
    import re

    from tracker.log.locate import default_log

    data = os.environ.get("TRACKER_DATA")
    path, shown = (data, data) if data else (str(default_log()), "data/events.yaml")
    try:
        with open(path, encoding="utf-8", errors="replace") as handle:
            head = handle.read(1 << 16)
    except (OSError, ValueError):
        return None
    found = re.search(r"^reviewed:\s*['\"]?(\d{4}-\d{2}-\d{2})", head, flags=re.M)
    return (shown, found.group(1)) if found else None


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_show_version, is_eager=True, help="Print the version and exit."),
    ] = False,
) -> None:
    """Handles the options that come before the command (--version)."""


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
