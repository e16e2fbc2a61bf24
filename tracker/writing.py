"""The one way this program changes a file: the log, a copied article, an export, a cache entry.

`Writing` is one file being written. The bytes go to a temporary file in the
target's own folder (`.tmp-NAME.RANDOM.part`), are flushed to disk, and the
temporary file is renamed over the target in one step: a reader sees the old
file or the new one, never half of one. Before anything is written the target
is judged, and it is refused (`Unwritable`, an OSError whose `strerror` says
why and whose `filename` is the path as given) when:

- it is not a regular file, or a symbolic link to a missing file;
- it has several hard links: a rename would give this name new bytes and
  leave the other names with the old ones, and writing in place could leave
  half a file; so the other links must go first (a symbolic link is fine);
- it has no write permission (a read-only file, 0444, is refused even for
  root, whose permission checks would pass);
- its owner or group cannot be kept (another user's file, written by a user
  who may not give a file to someone else).

A symbolic link is followed: its target is replaced, and the link stays a
link. A replaced file keeps its mode, owner and group; a new file gets the
mode the umask gives (or the one asked for). Any failure (a full disk, a
signal) removes the temporary file and leaves the target as it was; every
OSError comes out as an `Unwritable` naming the target. While a temporary file
exists, SIGTERM, SIGHUP (and SIGINT, where it has no handler) exit through
the clean-up instead of killing the process.

`expect` is the bytes the caller read: the file is replaced only if it still
holds them (`Changed` otherwise), so an edit made meanwhile is never lost.
`locking.LogLock` serialises the programs that write one log, around their
read, check and write, so two additions wait for each other rather than one
losing the other's entry.
"""

from __future__ import annotations

import contextlib
import errno
import os
import signal
import stat
import threading
from pathlib import Path

TYPE_CHECKING = False  # not typing's: a cache miss imports this module, and typing costs ~5 ms
if TYPE_CHECKING:
    from types import TracebackType
    from typing import Any

_CHUNK = 1 << 20  # pieces are gathered to this many bytes before each write
_SIGNALS = ("SIGTERM", "SIGHUP", "SIGINT")


class Unwritable(OSError):
    """A file that was not written as asked; `strerror` says why, `filename` names it as given."""


class Exists(Unwritable):
    """A new file was asked for, and the name is taken."""


class Changed(Unwritable):
    """The file's bytes are not the ones that were read: another program wrote it meanwhile."""


def _failed(err: OSError, shown: str) -> Unwritable:
    if isinstance(err, Unwritable):
        return err
    return Unwritable(err.errno or 0, err.strerror or str(err), shown)


def judge(path: Path, replace: bool) -> tuple[Path, os.stat_result | None]:
    """The file to write for `path` (a symbolic link's target) and its status if it exists; else
    `Unwritable` saying why it may not be written. `replace` False: only a new file may be made."""
    shown = str(path)
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        return path, None
    except OSError as err:
        raise _failed(err, shown) from None
    except ValueError:  # a NUL byte
        raise Unwritable(errno.EINVAL, "it is not a path: it contains a NUL byte", shown) from None
    if not replace:
        raise Exists(errno.EEXIST, "it exists", shown)
    if stat.S_ISLNK(info.st_mode):
        real = Path(os.path.realpath(path))
        try:
            info = os.stat(real)
        except FileNotFoundError:
            raise Unwritable(errno.ENOENT, "it is a symbolic link to a missing file", shown) from None
        except OSError as err:
            raise _failed(err, shown) from None
        path = real
    if not stat.S_ISREG(info.st_mode):
        raise Unwritable(errno.EINVAL, "it is not a regular file; it will not be replaced", shown)
    if info.st_nlink > 1:
        raise Unwritable(
            errno.EMLINK,
            f"it has {info.st_nlink} hard links, and replacing it would leave the other names with the "
            "old content; remove the other links (a symbolic link is followed)",
            shown,
        )
    mode = stat.S_IMODE(info.st_mode)
    if not mode & 0o222:
        raise Unwritable(
            errno.EACCES,
            f"it is read-only (mode {mode:04o}); make it writable if it is meant to change",
            shown,
        )
    if not _may_write(path):
        raise Unwritable(errno.EACCES, "you have no permission to write it", shown)
    return path, info


def _may_write(path: Path) -> bool:
    if os.access in os.supports_effective_ids:
        return os.access(path, os.W_OK, effective_ids=True)
    return os.access(path, os.W_OK)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _exit(signum: int, _frame: object) -> None:
    raise SystemExit(128 + signum)


class Writing:
    """One file being written; `with Writing(path) as out: out.write(data); out.commit()`.

    Pieces go through `write`; a library that opens files itself (sqlite3)
    writes to `temporary` by name instead. `commit` puts the file in place;
    leaving the block without it (or `discard`) removes what was written.
    `replace` False makes a new file only (`Exists` if the name is taken,
    even meanwhile); `mode` is a new file's mode (default: 0666 less the
    umask); `durable` False skips the flushes to disk (a cache entry, which
    is verified whenever it is read); `expect`: see the module's notes.
    """

    def __init__(
        self,
        path: Path,
        *,
        replace: bool = True,
        expect: bytes | None = None,
        mode: int | None = None,
        durable: bool = True,
    ) -> None:
        self.shown = str(path)
        self.replace = replace
        self.expect = expect
        self.durable = durable
        self.committed = False
        self.fd = -1
        self.temporary: Path | None = None
        self._buffer = bytearray()
        self._handlers: list[tuple[int, Any]] = []
        self.target, self.old = judge(path, replace)
        if self.old is not None:
            self.mode = stat.S_IMODE(self.old.st_mode)
        else:
            self.mode = mode if mode is not None else 0o666 & ~_umask()
        self._catch_signals()
        try:
            self._open()
        except BaseException:
            self.discard()
            raise

    def __enter__(self) -> Writing:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, value: BaseException | None, trace: TracebackType | None
    ) -> None:
        self.discard()

    def _open(self) -> None:
        name = self.target.name[:100]
        cloexec = getattr(os, "O_CLOEXEC", 0)
        for _ in range(100):
            # Named before it exists: a signal between the open and the assignment still finds it.
            self.temporary = self.target.parent / f".tmp-{name}.{os.urandom(6).hex()}.part"
            try:
                self.fd = os.open(self.temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL | cloexec, 0o600)
                break
            except FileExistsError:
                self.temporary = None
            except OSError as err:
                self.temporary = None
                raise _failed(err, self.shown) from None
        else:
            raise Unwritable(errno.EEXIST, "no temporary name is free beside it", self.shown)
        if self.old is not None:
            self._keep_owner(self.old)

    def _keep_owner(self, old: os.stat_result) -> None:
        mine = os.fstat(self.fd)
        if (mine.st_uid, mine.st_gid) == (old.st_uid, old.st_gid):
            return
        try:
            os.fchown(self.fd, old.st_uid, old.st_gid)
        except PermissionError:
            raise Unwritable(
                errno.EPERM,
                f"it belongs to another user or group (uid {old.st_uid}, gid {old.st_gid}), which the "
                "new file could not keep; run tracker as its owner",
                self.shown,
            ) from None
        except OSError as err:
            raise _failed(err, self.shown) from None

    def write(self, data: bytes) -> None:
        self._buffer += data
        if len(self._buffer) >= _CHUNK:
            self._flush()

    def _flush(self) -> None:
        done = 0
        try:
            with memoryview(self._buffer) as whole:
                while done < len(whole):
                    with whole[done:] as rest:
                        done += os.write(self.fd, rest)
        except OSError as err:
            raise _failed(err, self.shown) from None
        self._buffer.clear()

    def commit(self) -> None:
        """Put the file in place: the target's bytes are the new ones, or (on an error) the old."""
        if self.temporary is None or self.fd < 0:
            raise Unwritable(errno.EBADF, "it was not written", self.shown)
        self._flush()
        try:
            if self.durable:
                os.fsync(self.fd)  # also what a library wrote through its own descriptor
            os.fchmod(self.fd, self.mode)
            os.close(self.fd)
            self.fd = -1
            self._unchanged()
            self._place(self.temporary)
        except OSError as err:
            raise _failed(err, self.shown) from None
        if self.durable:
            _sync_folder(self.target.parent)
        self._restore_signals()

    def _unchanged(self) -> None:
        """The target is still the file that was judged, and holds the bytes in `expect` if given."""
        from tracker.files import read_bounded

        changed = Changed(
            errno.EAGAIN,
            "it changed meanwhile (another program wrote it after tracker read it)",
            self.shown,
        )
        try:
            now = os.stat(self.target)
        except FileNotFoundError:
            now = None
        if self.old is None:
            if self.expect is not None:  # it was read, and it is gone
                raise changed
            return
        if now is None or (now.st_dev, now.st_ino, now.st_nlink) != (self.old.st_dev, self.old.st_ino, 1):
            raise changed
        if self.expect is not None:
            try:
                now_bytes = read_bounded(self.target, len(self.expect))
            except OSError:  # larger than what was read, or gone
                now_bytes = None
            if now_bytes != self.expect:
                raise changed

    def _place(self, temporary: Path) -> None:
        # Signals wait while the rename and its record happen together: a caller that undoes its
        # other work on failure (a copied article) knows whether the file was replaced.
        mask = getattr(signal, "pthread_sigmask", None)  # not on Windows
        blocked = {getattr(signal, name) for name in _SIGNALS if hasattr(signal, name)}
        previous = mask(signal.SIG_BLOCK, blocked) if mask is not None else None
        try:
            if self.replace:
                os.replace(temporary, self.target)
            else:
                self._place_new(temporary)
            self.temporary = None
            self.committed = True
        finally:
            if mask is not None and previous is not None:
                mask(signal.SIG_SETMASK, previous)

    def _place_new(self, temporary: Path) -> None:
        """A hard link makes the name only if it is free: a file made meanwhile is not overwritten."""
        try:
            os.link(temporary, self.target)
        except FileExistsError:
            raise Exists(errno.EEXIST, "it exists", self.shown) from None
        except OSError:  # a file system without hard links: the check made just before is the guard
            if os.path.lexists(self.target):
                raise Exists(errno.EEXIST, "it exists", self.shown) from None
            os.replace(temporary, self.target)
            return
        os.unlink(temporary)

    def discard(self) -> None:
        """Remove the temporary file, if any; the target is untouched."""
        if self.fd >= 0:
            fd, self.fd = self.fd, -1
            os.close(fd)
        if self.temporary is not None:
            temporary, self.temporary = self.temporary, None
            with contextlib.suppress(OSError):
                temporary.unlink(missing_ok=True)
        self._restore_signals()

    def _catch_signals(self) -> None:
        """SIGTERM, SIGHUP and an unhandled SIGINT exit through `discard` while the file is written.

        Only from the main thread, and only over the default action (a handler already in place,
        another `Writing`'s included, is left alone)."""
        if threading.current_thread() is not threading.main_thread():
            return
        for name in _SIGNALS:
            number = getattr(signal, name, None)
            if number is not None and signal.getsignal(number) is signal.SIG_DFL:
                signal.signal(number, _exit)
                self._handlers.append((number, signal.SIG_DFL))

    def _restore_signals(self) -> None:
        handlers, self._handlers = self._handlers, []
        for number, handler in handlers:
            signal.signal(number, handler)


def _sync_folder(folder: Path) -> None:
    """The rename itself on disk; not every system can open a folder, which is no failure."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def write_file(
    path: Path, data: bytes, *, replace: bool = True, expect: bytes | None = None, mode: int | None = None
) -> Writing:
    """Write `data` as `path` through one `Writing`; returns it, committed."""
    with Writing(path, replace=replace, expect=expect, mode=mode) as out:
        out.write(data)
        out.commit()
    return out
