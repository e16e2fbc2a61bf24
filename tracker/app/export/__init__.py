"""Exports: the log as a file for another program (a browser, SQLite, a calendar).

Every export writes through `replacing`, which judges the destination the
way the README's "Exports" states (the path must be in a folder that exists;
an existing file is replaced only when the user said --force) and hands the
writing to `tracker.writing`, the one writer of every file the program
changes: the new file is written beside its destination under a temporary
name and moved into place in one step, so a reader sees the old file or the
new one, never half of one; a failure or a signal leaves nothing behind; a
link's target is replaced, not the link; a replaced file keeps its mode,
owner and group.

A `Destination` is that file, or standard output when the command's FILE is
`-`: the bytes are written there as they are (no file is made, and --force
is not needed). A binary export (SQLite) is refused when standard output is
a terminal, before any work.
"""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from tracker import writing
from tracker.errors import UsageError
from tracker.render import Format, renderer, target

STDOUT = "-"  # FILE that means standard output; `./-` names a file called `-`


@dataclass
class Destination:
    """Where an export goes: the file `path`, replaced only with `force`, or standard output when
    `path` is None. `binary` marks bytes no terminal can show; `name` is FILE as the user typed it,
    for messages; `written` counts the bytes that went out through `write_bytes`; `beside` names the
    other files the export writes next to `path` (sqlite's Datasette metadata), held to the same
    refusals as `path` where the log is concerned."""

    path: Path | None
    force: bool = False
    binary: bool = False
    name: str | None = None
    written: int = 0
    beside: tuple[Path, ...] = ()

    @property
    def shown(self) -> str:
        if self.path is None:
            return "standard output"
        return str(self.path) if self.name is None else self.name


def check_destination(destination: Destination) -> None:
    """Refuse, before any work, a destination that could not be written as asked."""
    if destination.path is None:
        if destination.binary and _terminal():
            raise UsageError(
                "a SQLite database is binary, which a terminal cannot show; redirect standard output "
                "to a file or a program (tracker export sqlite - > accords.db), or give a FILE",
                "FILE",
            )
        return
    check_file(destination.path, destination.force)


def _terminal() -> bool:
    try:
        return sys.stdout.isatty()
    except (AttributeError, ValueError):  # no stream, or a closed one
        return False


def check_file(path: Path, force: bool) -> None:
    """Refuse, before any work, a path that could not be written as asked."""
    shown = str(path)
    if "\0" in shown:
        raise UsageError(f"{shown} is not a path: it contains a NUL byte", "FILE")
    folder = path.parent
    if not folder.is_dir():
        raise UsageError(f"no folder '{folder}' for {shown}; create it first", "FILE")
    if path.is_dir():
        raise UsageError(f"{shown} is a folder; give the name of the file to write", "FILE")
    if path.exists() or path.is_symlink():
        if not force:
            raise UsageError(f"{shown} exists; give --force to replace it", "FILE")
        if not path.is_file():
            raise UsageError(f"{shown} is not a regular file; it will not be replaced", "FILE")


@contextlib.contextmanager
def writing_to(path: Path, force: bool) -> Iterator[writing.Writing]:
    """The file being written for `path`; it takes the place of `path` when the block ends without an
    error (a UsageError if a file appeared there meanwhile without --force), else it is removed.
    A file that cannot be written is a `writing.Unwritable` (an OSError, exit 1)."""
    check_file(path, force)
    try:
        with writing.Writing(path, replace=force) as out:
            yield out
            out.commit()
    except writing.Exists:
        raise UsageError(f"{path} exists; give --force to replace it", "FILE") from None


@contextlib.contextmanager
def replacing(path: Path, force: bool) -> Iterator[Path]:
    """A temporary path beside `path`, for a library that writes a file by its name (sqlite3)."""
    with writing_to(path, force) as out:
        if out.temporary is None:  # a Writing always has one until it is committed
            raise writing.Unwritable(0, "no temporary file was made", str(path))
        yield out.temporary


def write_bytes(destination: Destination, chunks: Iterator[bytes] | list[bytes]) -> None:
    """Write the pieces of a file through the one writer, or straight to standard output."""
    if destination.path is None:
        from tracker.app.paging import write

        for chunk in chunks:
            write(chunk)
            destination.written += len(chunk)
        return
    with writing_to(destination.path, destination.force) as out:
        for chunk in chunks:
            out.write(chunk)
            destination.written += len(chunk)


def write_result(destination: Destination, result: object, fmt: Format) -> None:
    """Write a query's result as its renderer in `fmt` prints it (the one table, `tracker.render`)."""
    render = renderer(type(result), fmt)
    if render is None:  # a program error: every export names a format its result has
        raise LookupError(f"no {fmt.value} renderer for {type(result).__name__}")
    write_bytes(destination, iter(render(result, target(fmt))))
