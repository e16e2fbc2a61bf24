"""Writing an answer's bytes: to stdout, or through a pager when it is taller than the terminal.

Standard library only, and subprocess only once a pager starts, so that the
front door (`tracker.front`) can page a cached answer exactly as the full
command would; `tracker.app.answer` re-exports these names.
"""

from __future__ import annotations

import os
import sys

TYPE_CHECKING = False  # not typing's, which would cost the front door its import
if TYPE_CHECKING:
    from collections.abc import Callable
    from subprocess import Popen


def write(output: bytes | memoryview) -> None:
    """Answers are UTF-8 bytes, written as they are to stdout's buffer."""
    stream = getattr(sys.stdout, "buffer", None)
    if stream is not None:
        sys.stdout.flush()
        stream.write(output)
        stream.flush()
    else:  # a text-only stream, as test runners give
        sys.stdout.write(bytes(output).decode("utf-8"))
        sys.stdout.flush()


PIPE_BYTES = 1 << 16  # a pipe's buffer on Linux


class Batched:
    """An answer's pieces written to a pipe or a file in writes of at least PIPE_BYTES.

    A stored answer is written in one write; a fresh one comes in pieces. A
    reader that stops early (`| head -1`) then met the fresh answer's second
    piece with a closed pipe (exit 1) where the stored answer had gone whole
    into the pipe's buffer (exit 0). Written in pipe-sized writes, an answer
    that fits the buffer goes out whole either way, and a longer one meets
    the closed pipe either way. A terminal gets each piece as it comes.
    """

    def __init__(self, write: Callable[[bytes], None]) -> None:
        self.out = write
        self.held: list[bytes] = []
        self.size = 0

    def write(self, piece: bytes) -> None:
        self.held.append(piece)
        self.size += len(piece)
        if self.size >= PIPE_BYTES:
            self.flush()

    def flush(self) -> None:
        held, self.held, self.size = self.held, [], 0
        if held:
            self.out(b"".join(held))


def batched() -> Batched | None:
    """Batched writes to stdout when it is not a terminal; None for a terminal."""
    try:
        if sys.stdout.isatty():
            return None
    except (AttributeError, ValueError):
        pass
    return Batched(write)


class PagerClosed(Exception):
    """The pager ended before the answer did: the reader has seen enough."""


class Pager:
    """Output that goes through a pager once it is taller than the terminal, as git's does.

    Until then it is held; an answer that fits is written straight to stdout
    when it ends. If the pager cannot be started, the output is written
    directly, as if there were none.
    """

    def __init__(self, command: str, height: int) -> None:
        self.command, self.height = command, height
        self.held: list[bytes] | None = []
        self.lines = 0
        self.process: Popen[bytes] | None = None

    def write(self, piece: bytes) -> None:
        if self.process is not None:
            self._send(piece)
        elif self.held is None:
            write(piece)
        else:
            self.held.append(piece)
            self.lines += piece.count(b"\n")
            if self.lines >= self.height:
                self._start()

    def _start(self) -> None:
        held, self.held = self.held or [], None
        import shlex
        import subprocess

        env = dict(os.environ)
        env.setdefault("LESS", "FRX")  # as git: quit if one screen, keep colours, leave the screen as it is
        try:
            self.process = subprocess.Popen(shlex.split(self.command), stdin=subprocess.PIPE, env=env)
        except (OSError, ValueError):  # no such pager, or PAGER is not a command line
            self.process = None
        for piece in held:
            self.write(piece)

    def _send(self, piece: bytes) -> None:
        assert self.process is not None and self.process.stdin is not None
        try:
            self.process.stdin.write(piece)
        except (BrokenPipeError, ValueError):
            raise PagerClosed from None

    def close(self) -> None:
        if self.process is None:
            for piece in self.held or []:
                write(piece)
            self.held = []
            return
        assert self.process.stdin is not None
        try:  # noqa: SIM105 - contextlib would cost the front door its import
            self.process.stdin.close()
        except BrokenPipeError:  # the reader quit first
            pass
        self.process.wait()


def pager_command() -> str | None:
    """The pager to use: TRACKER_PAGER, else PAGER, else `less -FRX`; none if set empty or to `cat`."""
    for name in ("TRACKER_PAGER", "PAGER"):
        value = os.environ.get(name)
        if value is not None:
            return value if value.strip() not in ("", "cat") else None
    return "less -FRX"


def pager() -> Pager | None:
    """A pager for this run, when stdout is a terminal (never into a pipe or a file)."""
    try:
        if not sys.stdout.isatty():
            return None
    except (AttributeError, ValueError):
        return None
    command = pager_command()
    if command is None:
        return None
    import shutil

    return Pager(command, shutil.get_terminal_size().lines)


def read_only(fd: int) -> bool:
    """Whether a descriptor was opened for reading only, so that every write to it fails."""
    try:
        import fcntl
    except ImportError:  # not POSIX: nothing to learn this way
        return False
    try:
        return fcntl.fcntl(fd, fcntl.F_GETFL) & os.O_ACCMODE == os.O_RDONLY
    except OSError:
        return False
