"""Exports: the log as a file for another program (a browser, SQLite, a calendar).

Every export writes through `replacing`, the one place that decides how a
file is written (README, "Exports"): the path must be in a folder that
exists; an existing file is replaced only when the user said --force; the
new file is written beside its destination under a temporary name and moved
into place in one step, so a reader sees the old file or the new one, never
half of one, and a failure leaves nothing behind.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path


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
def replacing(path: Path, force: bool) -> Iterator[Path]:
    """A temporary path beside `path` to write to; on success it becomes `path`, else it is removed."""
    check_destination(path, force)
    handle, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    os.close(handle)
    temporary = Path(name)
    try:
        yield temporary
        os.chmod(temporary, 0o644 & ~_umask())  # as an ordinary new file, not mkstemp's 0600
        if force:
            os.replace(temporary, path)
        else:
            _place_new(temporary, path)
    finally:
        with contextlib.suppress(FileNotFoundError):
            temporary.unlink()


def _place_new(temporary: Path, path: Path) -> None:
    """Move into place only if nothing is there: a file made meanwhile is not overwritten."""
    try:
        os.link(temporary, path)
    except FileExistsError:
        raise Refused(f"{path} exists; give --force to replace it") from None
    except OSError:  # a file system without hard links: the check made just before is the guard
        if path.exists():
            raise Refused(f"{path} exists; give --force to replace it") from None
        os.replace(temporary, path)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_bytes(path: Path, chunks: Iterator[bytes] | list[bytes], force: bool) -> None:
    """Write the pieces of a file through `replacing`."""
    with replacing(path, force) as temporary, temporary.open("wb") as file:
        for chunk in chunks:
            file.write(chunk)
