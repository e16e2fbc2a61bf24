"""A log's bytes, or why they cannot be read: the first step of every reading, apart so that the
reader can take it without importing the package's face (`tracker.log`), which imports the reader."""

from __future__ import annotations

from pathlib import Path

from tracker.files import LOG_LIMIT, read_bounded
from tracker.model import Location, Problem


def read_raw(path: Path, name: str) -> bytes | Problem:
    """The log's bytes, or why they cannot be read, at the file's start; needs no YAML."""
    try:
        return read_bounded(path, LOG_LIMIT)
    except OSError as err:
        return Problem(Location(name, 1, 1), f"cannot read the log: {err.strerror or err}")
