"""The answer cache's key: every input of an answer but the log's and its articles' bytes, in one place.

The front door (`tracker.front`) and the full command (`tracker.app.answer`)
both call `key` with the arguments as decoded and the day the request
began; everything else is read from the process here, the same way for
both, so a miss in one is filed where the other looks:

- the program: its version, every source file of the installed package
  (name, size, modification time: an edited renderer is a miss in a
  development checkout), the libraries that shape an answer, Python itself;
- the request: the arguments, the day, the working folder (paths in answers
  are shown from it, and `--data` is read from it);
- the whole environment except `EXEMPT` (and names starting `SSH_`):
  variables that no code on the answer's path reads and that change from one
  shell or login to the next. Anything else, a variable no one has heard of
  included, is a miss rather than a stale answer;
- the terminal: whether each standard stream is a terminal and its size, the
  streams' encodings, and on Windows the consoles' modes.

Which log was read is decided by these, and is checked on every hit rather
than hashed: the entry names the log and where it led (links resolved),
and is served only if the log still leads there and still has the same
bytes (`tracker.app.cache`). The key is a hash: no value of the environment is
ever written down.

Standard library only, and cheap: the front door computes it on every run.
"""

from __future__ import annotations

import os
import sys
import time

import tracker
from tracker import __version__

try:  # hashlib's own BLAKE2, without the OpenSSL library that importing hashlib loads (a tenth of a hit)
    from _blake2 import blake2b as _blake2b
except ImportError:  # pragma: no cover - an interpreter without the module
    from hashlib import blake2b as _blake2b

TYPE_CHECKING = False  # not typing's, which would cost the front door its import
if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence
    from typing import Any

# Environment variables that cannot change an answer and change between shells, logins and terminal
# windows; each is left out of the key so that it does not make a miss. None is read by tracker, by
# the libraries it answers with (typer, rich, pycountry, dateutil, yaml, citeproc) or by Python on
# the way to an answer; the pager, which may read anything, is started when the answer is printed,
# hit or miss, with the environment of that run. docs/contract.md lists them.
EXEMPT = frozenset(
    {
        "PWD",  # the shell's idea of the working folder; the key has the real one (os.getcwd)
        "OLDPWD",  # the shell's previous working folder
        "SHLVL",  # how deeply shells are nested
        "_",  # the last command the shell ran
        "TERM_SESSION_ID",  # macOS Terminal's window
        "ITERM_SESSION_ID",  # iTerm2's window
        "WINDOWID",  # the X terminal's window
        "DISPLAY",  # the X display: nothing on the answer's path draws on one
        "TRACKER_CACHE_DEBUG",  # only says on stderr what the cache did
    }
)
EXEMPT_PREFIXES = ("SSH_",)  # SSH_CONNECTION, SSH_CLIENT, SSH_TTY, SSH_AUTH_SOCK: a new port each login

# Libraries whose code turns the request into an answer: option parsing (click is vendored by newer
# typer, its own package under older ones), dates, the log's YAML, country names, tables, citations.
LIBRARIES = ("typer", "click", "dateutil", "yaml", "pycountry", "rich", "citeproc")


# The commands whose answers are cached; anything else (check, add, quote, schema, export, no command)
# goes straight to the full command, as does any request with one of the options in REFUSED.
# tests/contract/test_layers.py holds this list to the queries' commands and the CLI's.
ANSWERS = frozenset(
    {
        "timeline",
        "signatories",
        "candidates",
        "due",
        "chart",
        "info",
        "show",
        "sources",
        "country",
        "changes",
        "cite",
    }
)
REFUSED = frozenset({"--help", "-h", "--version", "--no-cache"})
# Options whose answers are never stored: they are read from outside the log's bytes (git's history).
UNSTORED = ("--recorded-by",)


class Request:
    """A request as the process received it: the arguments as decoded, and the day it began.

    With what this module reads from the process (the working folder, the
    environment, the terminal, the program) it makes the cache key, the same
    one the front door makes from the same request. The log's place is
    checked on every hit: answers name article paths, so an identical copy of
    a log in another folder is another question. (A plain class: the front
    door imports this module, and dataclasses cost it an import.)
    """

    __slots__ = ("argv", "day")

    def __init__(self, argv: tuple[str, ...], day: str) -> None:
        self.argv, self.day = argv, day

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Request) and (self.argv, self.day) == (other.argv, other.day)

    def __hash__(self) -> int:
        return hash((self.argv, self.day))

    def __repr__(self) -> str:
        return f"Request({self.argv!r}, {self.day!r})"

    def key(self) -> str:
        return key(self.argv, self.day)


def answerable(argv: list[str]) -> bool:
    """Whether the request may be answered from the cache at all; when in doubt, it may not."""
    if os.name == "nt" or not argv or argv[0] not in ANSWERS:
        return False
    if any(arg in REFUSED or arg.split("=", 1)[0] in UNSTORED for arg in argv):
        return False
    return not any(name == "TRACKER_NO_CACHE" or name.endswith("_COMPLETE") for name in os.environ)


def today() -> str:
    """The day, as the key holds it (local time, as `date.today()`): a request's day is taken when
    it begins."""
    return time.strftime("%Y-%m-%d")


def key(argv: Sequence[str], day: str) -> str:
    """The cache key of the request `argv` (as decoded) begun on `day`, made in this process."""
    return _hashed(describe(argv, day))


def _hashed(value: object) -> str:
    """A hash of nested lists of strings, numbers, booleans and None, through their `repr`: one text
    for one value, within one program and Python, which the key holds (and no json to import)."""
    return digest(repr(value).encode("utf-8", "backslashreplace"))


def hasher() -> Any:
    """A hash to feed piece by piece: BLAKE2b of 256 bits, the one hash of the cache (`digest`)."""
    return _blake2b(digest_size=32)


def digest(data: bytes | memoryview) -> str:
    """The hash of the key, of a log, an article or an answer: BLAKE2b, as strong as SHA-256 and
    built into Python, so a cached answer is checked without loading OpenSSL."""
    return _blake2b(data, digest_size=32).hexdigest()


def describe(argv: Sequence[str], day: str) -> list[Any]:
    """What `key` hashes, in the order the module's docstring gives."""
    return [
        __version__,
        program(),
        python(),
        list(argv),
        day,
        _working_folder(),
        environment(),
        terminal(),
    ]


def exempt(name: str) -> bool:
    """Whether the environment variable `name` is left out of the key (see EXEMPT)."""
    return name in EXEMPT or name.startswith(EXEMPT_PREFIXES)


def environment() -> list[list[str]]:
    """Every environment variable but the exempt ones, as [name, value] pairs in order of name."""
    return sorted([name, value] for name, value in os.environ.items() if not exempt(name))


def python() -> list[Any]:
    """The interpreter: its version and place, the platform, and its flags (-O, -X utf8, -I, ...)."""
    return [sys.version, sys.executable, sys.platform, list(sys.flags)]


def program() -> list[Any]:
    """Where this program is, its source files, and the libraries it answers with."""
    where = os.path.dirname(os.path.abspath(tracker.__file__ or ""))
    return [where, sources(where), libraries(LIBRARIES)]


def sources(folder: str) -> str:
    """A hash of the package's Python files under `folder`: each one's path, size and modification
    time. Compiled files are left out (Python rewrites them when their source changes), as is the
    shipped log, whose bytes every hit reads again anyway."""
    found: list[list[Any]] = []
    _walk(folder, "", found)
    found.sort()
    return _hashed(found)


def _walk(folder: str, under: str, found: list[list[Any]]) -> None:
    with os.scandir(folder) as entries:
        for entry in entries:
            if entry.is_dir(follow_symlinks=False):
                if entry.name not in ("__pycache__", "_shipped") and not entry.name.startswith("."):
                    _walk(entry.path, f"{under}{entry.name}/", found)
            elif entry.name.endswith(".py"):
                info = entry.stat()
                found.append([under + entry.name, info.st_size, info.st_mtime_ns])


def libraries(names: Iterable[str]) -> list[Any]:
    """Installed libraries, found without importing them: a reinstalled package changes its folder's
    modification time."""
    found: list[Any] = []
    for name in names:
        origin = _origin(name)
        try:
            found.append([name, os.stat(os.path.dirname(origin)).st_mtime_ns if origin else None])
        except OSError:
            found.append([name, None])
    return found


def _origin(name: str) -> str | None:
    """Where the top-level package `name` would be imported from, as importlib.util.find_spec finds it
    (without the cost of importing importlib.util)."""
    for finder in sys.meta_path:
        find = getattr(finder, "find_spec", None)
        spec = find(name, None) if find is not None else None
        if spec is not None:
            return str(spec.origin or "")
    return None


def _working_folder() -> str | None:
    try:
        return os.getcwd()
    except OSError:  # removed meanwhile: no answer shows a path from it, and the key says so
        return None


def terminal() -> list[Any]:
    """What the terminal changes in an answer's bytes: whether each standard stream is a terminal
    and its size (rich measures the first terminal among the three), the streams' encodings and,
    on Windows, the consoles' modes (rich's legacy console)."""
    streams: list[Any] = []
    for stream in (sys.stdout, sys.stderr):
        try:
            streams.append([getattr(stream, "encoding", None), stream.isatty()])
        except (AttributeError, ValueError):  # None, or closed
            streams.append(None)
    return [[_terminal(fd) for fd in (0, 1, 2)], streams, _console_modes()]


def _terminal(fd: int) -> list[Any]:
    try:
        size = list(os.get_terminal_size(fd))
    except (OSError, ValueError):
        size = None
    return [os.isatty(fd), size]


def _console_modes() -> list[int | None]:
    if sys.platform != "win32":
        return []
    import ctypes
    import msvcrt

    modes: list[int | None] = []
    for fd in (0, 1, 2):
        mode = ctypes.c_ulong()
        try:
            got = ctypes.windll.kernel32.GetConsoleMode(msvcrt.get_osfhandle(fd), ctypes.byref(mode))
        except OSError:
            got = 0
        modes.append(mode.value if got else None)
    return modes
