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
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path

from tracker import writing


class Refused(Exception):
    """The destination cannot be written as asked: a usage error (exit 2)."""


def check_destination(path: Path, force: bool) -> None:
    """Refuse, before any work, a path that could not be written as asked."""
    shown = str(path)
    if "\0" in shown:
        raise Refused(f"{shown} is not a path: it contains a NUL byte")
    folder = path.parent
    if not folder.is_dir():
        raise Refused(f"no folder '{folder}' for {shown}; create it first")
    if path.is_dir():
        raise Refused(f"{shown} is a folder; give the name of the file to write")
    if path.exists() or path.is_symlink():
        if not force:
            raise Refused(f"{shown} exists; give --force to replace it")
        if not path.is_file():
            raise Refused(f"{shown} is not a regular file; it will not be replaced")


@contextlib.contextmanager
def writing_to(path: Path, force: bool) -> Iterator[writing.Writing]:
    """The file being written for `path`; it takes the place of `path` when the block ends without an
    error (`Refused` if a file appeared there meanwhile without --force), else it is removed.
    A file that cannot be written is a `writing.Unwritable` (an OSError, exit 1)."""
    check_destination(path, force)
    try:
        with writing.Writing(path, replace=force) as out:
            yield out
            out.commit()
    except writing.Exists:
        raise Refused(f"{path} exists; give --force to replace it") from None


@contextlib.contextmanager
def replacing(path: Path, force: bool) -> Iterator[Path]:
    """A temporary path beside `path`, for a library that writes a file by its name (sqlite3)."""
    with writing_to(path, force) as out:
        if out.temporary is None:  # a Writing always has one until it is committed
            raise writing.Unwritable(0, "no temporary file was made", str(path))
        yield out.temporary


def write_bytes(path: Path, chunks: Iterator[bytes] | list[bytes], force: bool) -> None:
    """Write the pieces of a file through the one writer."""
    with writing_to(path, force) as out:
        for chunk in chunks:
            out.write(chunk)
