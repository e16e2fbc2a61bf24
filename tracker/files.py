"""Bounded reads of regular files, for the log and for the articles it cites.

A path can name a FIFO, a device or a huge file: reading one of those could
block forever or exhaust memory, so only regular files up to a stated size
are read, and the open itself cannot block.

Paths are handled as strings (`os.path`): the front door reads a cached
answer's articles through `Corpus` and does not import pathlib.
"""

from __future__ import annotations

import os
import stat
import sys

TYPE_CHECKING = False  # not typing's: the front door imports this module
if TYPE_CHECKING:
    from pathlib import Path

    PathName = str | os.PathLike[str]

MIB = 1024 * 1024
LOG_LIMIT = 256 * MIB  # 100,000 events take about 23 MB
SOURCE_LIMIT = 16 * MIB  # an article is a few kilobytes


_FS_UTF8 = sys.getfilesystemencoding().lower().replace("-", "") == "utf8"


def os_path(path: str | os.PathLike[str]) -> str:
    """`path` as the OS functions take it: its name's UTF-8 bytes, whatever the locale.

    Names from the log and from the arguments are text; in the C locale with
    UTF-8 mode off, Python would encode them as ASCII, and `artículo.txt`
    could not even be looked at (UnicodeEncodeError, a traceback). A name
    holding bytes that are not UTF-8 (as surrogates) keeps them. Idempotent.
    """
    text = os.fspath(path)
    if _FS_UTF8 or text.isascii():
        return text
    try:
        return os.fsdecode(text.encode("utf-8", "surrogateescape"))
    except UnicodeError:  # a lone surrogate that is no byte: the OS call will say what is wrong
        return text


class Unreadable(OSError):
    """A path that exists but is not something to read as text; `strerror` says why."""


def read_bounded(path: PathName, limit: int) -> bytes:
    """The bytes of a regular file of at most `limit` bytes; else `Unreadable` or another `OSError`."""
    fd = os.open(os_path(path), os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise Unreadable(0, "it is a folder, not a file")
        if not stat.S_ISREG(info.st_mode):
            raise Unreadable(0, "it is not a regular file (a pipe, socket or device?)")
        if info.st_size > limit:
            raise Unreadable(0, f"it is larger than {limit // MIB} MiB")
        data = os.read(fd, info.st_size + 1)  # one read, one copy: logs and answers can be large
        while len(data) <= limit and (more := os.read(fd, min(limit + 1 - len(data), 1 << 20))):
            data += more  # a short read, or the file grew while it was read
        if len(data) > limit:
            raise Unreadable(0, f"it is larger than {limit // MIB} MiB")
        return data
    finally:
        os.close(fd)


class OutsideCorpus(ValueError):
    """A corpus or article the bound refuses: `how` is 'corpus', 'path', 'link' or 'hidden'; `why`
    says it in words for a corpus."""

    def __init__(self, how: str, why: str = "") -> None:
        super().__init__(why or how)
        self.how, self.why = how, why


def _home() -> str | None:
    """The real path of the user's home folder, when it is absolute (a relative HOME names none)."""
    home = os.path.expanduser("~")
    return os.path.realpath(home) if os.path.isabs(home) else None


def _hidden(parts: tuple[str, ...] | list[str]) -> str | None:
    return next((part for part in parts if part.startswith(".") and part not in (".", "..")), None)


def _under(path: str, folder: str) -> tuple[str, ...] | None:
    """The parts of real path `path` below real folder `folder` (() for the folder itself), or None
    when it is not under it; as pathlib's `relative_to` compares (case aside on Windows)."""
    path, folder = os.path.normcase(path), os.path.normcase(folder)
    if path == folder:
        return ()
    prefix = folder if folder.endswith(os.sep) else folder + os.sep
    if not path.startswith(prefix):
        return None
    return tuple(part for part in path[len(prefix) :].split(os.sep) if part)


def _absolute(name: str) -> bool:
    """Absolute as a POSIX path or as this system's (a drive on Windows)."""
    return name.startswith("/") or os.path.isabs(name)


def corpus_problem(log: PathName, corpus: str) -> str | None:
    """Why `corpus` (as written in the log at `log`) cannot be its corpus folder, or None.

    The corpus must resolve, links followed, to the log's own folder or a
    folder under it, or to a folder beside it (`../seeds`), never the folder
    above or anything further, and never a folder at the top of the file
    system (a log in /tmp may not use `../etc`). Nor may it be, or hold, the
    home folder, or lie in a hidden folder (`.ssh`, `.config`): a log kept in
    the home folder would otherwise reach every private file there. Without a
    bound, enough `..` or an absolute path would let a log "verify" quotes
    from any file on the machine, and print the nearest passage of it.
    """
    if "\0" in corpus:
        return "contains a NUL byte, which no folder name can hold"
    if _absolute(corpus):
        return "must be a folder relative to the log, not an absolute path"
    parent = os.path.dirname(os.fspath(log))
    folder = os.path.realpath(os_path(parent))
    target = os.path.realpath(os_path(os.path.join(parent, corpus)))
    above = os.path.dirname(folder)
    if above == folder:  # a log at the top: its folder is every file on the machine
        return "cannot be the top of the file system: keep the log and its articles in a folder"
    inside = _under(target, folder)
    if inside is None:
        # beside the log's folder, not at the top
        if os.path.normcase(os.path.dirname(target)) != os.path.normcase(above) or above == os.path.dirname(
            above
        ):
            return (
                "is too far from the log: it must be the log's folder, a folder under it, "
                "or a folder beside it (../NAME)"
            )
        inside = (os.path.basename(target),)
    hidden = _hidden(inside)
    if hidden is not None:
        return f"is in the hidden folder '{hidden}': keep the articles in a folder of their own"
    home = _home()
    if home is not None and _under(home, target) is not None:
        return "is or holds your home folder: keep the log and its articles in a folder of their own"
    return None


class Corpus:
    """A corpus folder that passed the bound (`corpus_problem`), and the one way to read its articles.

    `check`, `quote`, `add` and the cache all read articles through `read`, so
    nothing the program prints can come from a file outside the log's corpus.
    """

    def __init__(self, log: PathName, corpus: str) -> None:
        """Raises OutsideCorpus('corpus', why) when the bound refuses the folder."""
        problem = corpus_problem(log, corpus)
        if problem is not None:
            raise OutsideCorpus("corpus", problem)
        self._root = os.path.join(os.path.dirname(os.fspath(log)), corpus)
        self.real = os.path.realpath(os_path(self._root))

    @property
    def root(self) -> Path:
        """The corpus folder as the log names it (from the log's folder)."""
        from pathlib import Path

        return Path(self._root)

    def located(self, file: str) -> str:
        """Where the article `file` is, as the OS functions take it, once it is known to lie inside:
        OutsideCorpus otherwise.

        Refused: an absolute path, `..`, a hidden name (`.ssh/id_rsa`), or a
        link leading out of the corpus or into a hidden folder in it; a NUL
        byte is files.Unreadable (the OS functions would raise ValueError).
        """
        if "\0" in file or "\0" in self._root:
            raise Unreadable(0, "its name contains a NUL byte")
        parts = [part for part in file.split("/") if part not in ("", ".")]
        if _absolute(file) or ".." in parts:
            raise OutsideCorpus("path")
        if _hidden(parts) is not None:
            raise OutsideCorpus("hidden")
        path = os_path(os.path.join(self._root, file))
        inside = _under(self._real(path, parts), self.real)
        if inside is None:
            raise OutsideCorpus("link")
        if _hidden(inside) is not None:
            raise OutsideCorpus("hidden")
        return path

    def _real(self, path: str, parts: list[str]) -> str:
        """The real path of `path`, the article `parts` under the corpus: where no part is a link, the
        corpus's real path and the parts, at one lstat a part; else realpath's, which follows them
        all (and, unlike Path.resolve in Python 3.11, does not raise on a link loop: opening the
        file then fails with ELOOP, reported like any unreadable file). A cached answer checks
        every article this way, so each costs what it must and no more."""
        real = self.real
        for part in parts:
            real = os.path.join(real, os_path(part))
            if os.path.islink(real):
                return os.path.realpath(path)
        return real

    def path(self, file: str) -> Path:
        """`located`, as a Path."""
        from pathlib import Path

        return Path(self.located(file))

    def read(self, file: str) -> bytes:
        """The bytes of the article `file`: OutsideCorpus as `located` says, OSError (files.Unreadable
        included) when it cannot be read."""
        return read_bounded(self.located(file), SOURCE_LIMIT)


def arguments(argv: list[str]) -> list[str]:
    """The arguments as they were typed: UTF-8, whatever the locale.

    In the C locale with UTF-8 mode off, Python decodes the arguments as
    ASCII and keeps every other byte as a lone surrogate, so `Türkiye` would
    arrive as `T\udcc3\udcbcrkiye`: no country, and text no YAML can hold.
    Each argument's bytes are decoded as UTF-8 here, once for the whole
    program (`files.os_path` gives a path its bytes back); an argument whose
    bytes are not UTF-8 stays as it came.
    """
    return [arg if arg.isascii() else _utf8(arg) for arg in argv]


def _utf8(arg: str) -> str:
    try:
        return os.fsencode(arg).decode("utf-8")
    except UnicodeError:
        return arg
