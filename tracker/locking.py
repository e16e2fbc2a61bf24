"""The log's lock: a program that reads, checks and replaces a log holds it, so that two additions wait
for each other rather than one losing the other's entry.

Apart from `writing` because it guards a different thing: `writing` makes one
file's replacement whole and refuses a log changed since it was read; the lock
serialises the programs around their read, check and write, so that such a
change is rare. Failures are `writing.Unwritable`.
"""

from __future__ import annotations

import errno
import os
import time
from pathlib import Path

from tracker.writing import Unwritable

LOCK_WAIT = 120.0  # seconds to wait for another program writing the same log


class LogLock:
    """Held by a program that reads, checks and replaces a log, so that another waits its turn.

    The lock is `flock` on the log's real folder: the folder stays the same
    file while the log is replaced by a rename (the log's own inode does not),
    and no lock file is left beside the log. It is released by `release`, or
    by the system when the process ends, however it ends. Where the system
    has no such locks (some network file systems), the log is not locked,
    and only the comparison before the rename guards it.
    """

    def __init__(self, path: Path, wait: float | None = None) -> None:
        shown = str(path)
        wait = LOCK_WAIT if wait is None else wait
        self.fd = -1
        try:
            import fcntl
        except ImportError:  # Windows
            return
        folder = os.path.dirname(os.path.realpath(path)) or "."
        try:
            self.fd = os.open(
                folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0) | getattr(os, "O_CLOEXEC", 0)
            )
        except OSError as err:
            raise Unwritable(
                err.errno or 0, f"cannot lock its folder: {err.strerror or err}", shown
            ) from None
        deadline = time.monotonic() + wait
        while True:
            try:
                fcntl.flock(self.fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                return
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    self.release()
                    raise Unwritable(
                        errno.EAGAIN,
                        f"another program (tracker add?) has been writing it for {wait:g} seconds; "
                        "try again when it is done",
                        shown,
                    ) from None
                time.sleep(0.05)
            except OSError:  # no locks on this file system
                self.release()
                return
            except BaseException:
                self.release()
                raise

    def release(self) -> None:
        if self.fd >= 0:
            fd, self.fd = self.fd, -1
            os.close(fd)  # closing the only descriptor releases the flock
