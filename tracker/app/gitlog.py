"""The log's git repository, read with git itself (a subprocess, no library): the repository that
holds the log, the commit of a day, and the files a commit holds. For `--recorded-by` (`recorded`)
and for `check`'s comparison of corrections with the last commit. Every failure of git's is a usage
error naming the option."""

from __future__ import annotations

import os
import subprocess
from dataclasses import dataclass
from datetime import date
from pathlib import Path, PurePosixPath

from tracker.errors import UsageError
from tracker.files import LOG_LIMIT, os_path
from tracker.model import Location, Problem

OPTION = "--recorded-by"
TIMEOUT = 120  # seconds for one git command: reading one commit's files is far quicker
LINK = "120000"  # git's mode for a symbolic link


@dataclass(frozen=True)
class Commit:
    sha: str
    day: date  # its committer date, in the committer's time zone

    @property
    def short(self) -> str:
        return self.sha[:12]


def git(args: list[str], cwd: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    try:
        return subprocess.run(
            ["git", *args],
            cwd=cwd,
            input=stdin,
            capture_output=True,
            timeout=TIMEOUT,
            check=False,
            # The repository is the one that holds the log, found from its folder: not one that the
            # environment names (inside a git hook, GIT_DIR is the hook's repository).
            env={k: v for k, v in os.environ.items() if k not in _PLACES} | {"GIT_TERMINAL_PROMPT": "0"},
        )
    except FileNotFoundError:
        raise UsageError(
            f"{OPTION} reads the log's history with git, which is not installed (or not on PATH)", OPTION
        ) from None
    except subprocess.TimeoutExpired:
        raise UsageError(f"git took more than {TIMEOUT} seconds to answer; try again", OPTION) from None
    except OSError as err:
        raise UsageError(f"cannot run git: {err.strerror or err}", OPTION) from None


_PLACES = frozenset(
    {"GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "GIT_OBJECT_DIRECTORY", "GIT_ALTERNATE_OBJECT_DIRECTORIES"}
)


def said(result: subprocess.CompletedProcess[bytes]) -> str:
    """git's first line of complaint, for a message."""
    lines = os.fsdecode(result.stderr).strip().splitlines()
    return lines[0].removeprefix("fatal: ") if lines else f"git exited with {result.returncode}"


def repository(path: Path, shown: str) -> tuple[str, str]:
    """The top folder of the git repository holding the log, and the log's path in it."""
    real = os.path.realpath(os_path(path))
    found = git(["rev-parse", "--show-toplevel"], os.path.dirname(real))
    if found.returncode != 0:
        raise UsageError(f"{shown} is not in a git repository ({said(found)}), so it has no history", OPTION)
    top = os.fsdecode(found.stdout).rstrip("\n")
    return top, PurePosixPath(Path(real).relative_to(os.path.realpath(top))).as_posix()


def commit_by(top: str, rel: str, shown: str, day: date) -> Commit:
    """The newest commit on HEAD's first-parent line dated `day` or earlier; a usage error if none."""
    found = git(
        ["-c", "log.showSignature=false", "log", "--first-parent", "--format=%H %cI", "HEAD", "--"], top
    )
    if found.returncode != 0:
        raise UsageError(f"cannot read the history of {shown}: {said(found)}", OPTION)
    first: Commit | None = None
    for line in os.fsdecode(found.stdout).splitlines():
        sha, _, when = line.partition(" ")
        try:
            commit = Commit(sha, date.fromisoformat(when[:10]))
        except ValueError:  # not a line of ours (a configuration that adds to every log)
            continue
        if commit.day <= day:
            return commit
        first = commit
    shallow = git(["rev-parse", "--is-shallow-repository"], top)
    if first is not None and os.fsdecode(shallow.stdout).strip() == "true":
        raise UsageError(
            f"this clone's history of {shown} begins at {first.day} (a shallow clone), so it holds nothing "
            f"committed by {day.isoformat()}; `git fetch --unshallow` fetches the rest",
            OPTION,
        )
    since = f"; its first commit is of {first.day}" if first is not None else ""
    raise UsageError(f"{shown} was not yet committed by {day.isoformat()}{since}", OPTION)


def blob(top: str, commit: Commit, rel: str) -> bytes | Problem | None:
    """The bytes of `rel` in the commit; None when the commit does not hold it."""
    size = git(["cat-file", "-s", f"{commit.sha}:{rel}"], top)
    if size.returncode != 0:
        return None
    if int(size.stdout) > LOG_LIMIT:
        return Problem(Location(rel, 1, 1), f"cannot read the log: it is larger than {LOG_LIMIT >> 20} MiB")
    found = git(["cat-file", "blob", f"{commit.sha}:{rel}"], top)
    return found.stdout if found.returncode == 0 else None


def tree(top: str, commit: Commit, corpus: str) -> dict[str, tuple[str, str, int]]:
    """The files under the corpus folder in the commit: their path in it -> (mode, object, size)."""
    spec = "." if corpus == "." else corpus + "/"
    found = git(["ls-tree", "-r", "-l", "-z", "--full-tree", commit.sha, "--", spec], top)
    if found.returncode != 0:
        return {}
    out: dict[str, tuple[str, str, int]] = {}
    prefix = "" if corpus == "." else corpus + "/"
    for record in found.stdout.split(b"\0"):
        if not record:
            continue
        head, _, name = record.partition(b"\t")
        mode, kind, sha, size = head.decode("ascii").split()
        if kind != "blob":  # a submodule's commit: nothing to read
            continue
        path = os.fsdecode(name)
        if path.startswith(prefix):
            out[path[len(prefix) :]] = (mode, sha, int(size) if size.isdigit() else 0)
    return out


def contents(top: str, wanted: list[tuple[str, str, int]]) -> dict[str, bytes]:
    """The objects' bytes by id, through one `git cat-file --batch`."""
    shas = list(dict.fromkeys(sha for _, sha, _ in wanted))
    if not shas:
        return {}
    found = git(["cat-file", "--batch"], top, stdin="".join(f"{sha}\n" for sha in shas).encode("ascii"))
    data, at, out = found.stdout, 0, {}
    for sha in shas:
        end = data.find(b"\n", at)
        if end < 0:
            break
        header = data[at:end].split()
        at = end + 1
        if len(header) != 3:  # "<sha> missing"
            continue
        size = int(header[2])
        out[sha] = data[at : at + size]
        at += size + 1
    return out


def tracks(top: str, rel: str) -> bool:
    """Whether git tracks the file (in its index), committed or about to be."""
    return git(["ls-files", "--error-unmatch", "--", rel], top).returncode == 0


def head(top: str) -> Commit | None:
    """The last commit (HEAD), its day unknown; None in a repository with none."""
    found = git(["rev-parse", "HEAD"], top)
    return Commit(found.stdout.decode("ascii").strip(), date.min) if found.returncode == 0 else None
