"""The `tracker` command's front door: a stored answer, printed without loading the CLI framework.

Typer (with its click), rich, yaml and dateutil take most of a run's time to
import, and a cached answer needs none of them. This module imports only
the standard library and tracker's light modules (`cachekey`, `cache`,
`files`, `paging`; `inert` when there is a notice to print), and of the
standard library not even pathlib, datetime or typing: a hit costs about
twice what starting Python does, and each of those would add a tenth of
it (benchmarks/RESULTS.md). It computes the request's
key as the full command does (`tracker.app.cachekey`: the arguments, the day,
the working folder, the whole environment but a few listed variables, the
terminal, the program), and serves the entry filed under it after the same
checks as any hit: the log's path and bytes, every cited article's hash.
Any difference in the request is a miss, never a wrong answer.

Everything else goes to the full command (`tracker.cli.main`): a miss, a
command that is never answered from the cache, Windows (rich asks the console
there), closed standard streams, and any failure of the front door's own. The
full command computes the same key and files its answer under it for the next
run.
"""

from __future__ import annotations

import errno
import io
import os
import sys

from tracker.app import cache, cachekey
from tracker.app.paging import read_only
from tracker.files import arguments


def _stored() -> tuple[memoryview, list[str], bool, bool] | None:
    """The stored answer to this request and its notices, whether to page it and whether its notices
    are left to the table's caption; None when the full command must answer."""
    argv = sys.argv[1:]
    if not cachekey.answerable(argv):
        return None
    for fd in (0, 1, 2):
        os.fstat(fd)  # a closed standard stream: the full command knows what to do (OSError)
    if read_only(1) or read_only(2):  # likewise a stream opened for reading
        return None
    if not isinstance(sys.stdout, io.TextIOWrapper) or not isinstance(sys.stderr, io.TextIOWrapper):
        return None
    if not cache.usable():  # as `answer` asks: a folder someone else can write is no cache at all
        return None
    stored = cache.lookup(cachekey.key(argv, cachekey.today()))  # the log it names is read again
    if stored is None:
        return None
    cache._debug("front door hit")
    return stored


def _serve(output: memoryview, notices: list[str], page: bool, quiet: bool) -> int:
    """Print a stored answer as the full command prints one, and fail as it fails: the exit status."""
    from tracker.app import paging

    for stream in (sys.stdout, sys.stderr):  # as cli._standard_streams
        if isinstance(stream, io.TextIOWrapper):
            stream.reconfigure(errors="backslashreplace")
    try:
        sink = paging.pager() if page else None
        try:
            if not quiet and notices:
                from tracker.inert import inert  # unicodedata: only for what is printed

                for notice in notices:
                    print(f"tracker: {inert(notice)}", file=sys.stderr)
            (sink.write if sink is not None else paging.write)(bytes(output))
        except paging.PagerClosed:
            pass
        finally:
            if sink is not None:
                sink.close()
    except KeyboardInterrupt:  # as Typer and cli.main: a blank line, then one word
        print(file=sys.stderr)
        print("tracker: aborted", file=sys.stderr)
        return 1
    except OSError as err:
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - so the exit flush cannot fail again
        if err.errno != errno.EPIPE:  # a reader that closed the pipe early: quietly, as Typer does
            from tracker.inert import inert

            print(inert(f"tracker: cannot write the output: {err.strerror or err}"), file=sys.stderr)
        return 1
    return 0


def main() -> None:
    """The `tracker` command: a cached answer from here, everything else from the full command."""
    sys.argv[1:] = arguments(sys.argv[1:])
    try:
        found = _stored()
    except Exception as err:  # never a traceback of our own: the full command answers instead
        cache._debug(f"front door: {type(err).__name__}: {err}")
        found = None
    if found is None:
        from tracker.cli import main as full

        full()
        return
    sys.exit(_serve(*found))
