"""A word on standard error while a terminal waits: what the program is doing, once a wait is long.

Only a terminal sees it, and only after `AFTER` seconds, so a quick answer
prints nothing extra and a pipe or a file never gets it. The line is erased
when the work ends, so the answer starts on a clean line.
"""

from __future__ import annotations

import contextlib
import os
import sys
import threading
from collections.abc import Iterator

AFTER = 1.0  # seconds: shorter waits go unremarked


@contextlib.contextmanager
def waiting(what: str) -> Iterator[None]:
    """While the block runs, `tracker: what…` on a terminal's stderr once `AFTER` seconds pass."""
    stream = sys.stderr
    try:
        shown_on_terminal = stream.isatty() and os.environ.get("TERM") != "dumb"
    except (AttributeError, ValueError):
        shown_on_terminal = False
    if not shown_on_terminal:
        yield
        return
    shown = threading.Event()
    lock = threading.Lock()
    done = False

    def show() -> None:
        with lock:
            if done:
                return
            stream.write(f"tracker: {what}…")
            stream.flush()
            shown.set()

    timer = threading.Timer(AFTER, show)
    timer.daemon = True
    timer.start()
    try:
        yield
    finally:
        with lock:
            done = True
            timer.cancel()
            if shown.is_set():
                stream.write("\r\x1b[K")  # erase the line: the answer starts clean
                stream.flush()
