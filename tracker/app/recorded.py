"""The log as it was committed by a day (`--recorded-by`): a third time axis, read from git.

`--as-of` is the day answered for and `--known-by` what had been published
by a day; `--recorded-by D` is what the log itself said, as committed by the
end of D: the newest commit on HEAD's first-parent line whose committer date,
in the committer's own time zone (as `git log` shows it), is D or earlier.
The log's bytes are read from that commit (`git cat-file`), and so are the
articles it cites, into a private temporary folder that is removed before the
answer is printed; an article the commit does not hold is read from the
working folder through the corpus's bound, and its `sha256` pin, if any,
still guards it.

That log is read and checked with today's rules, which an old commit may not
pass. What it said is still its answer, as long as today's reader takes it in
whole: then the answer is given, with one notice of how many problems today's
check finds (`tracker check --recorded-by DAY` lists them). A log it cannot
take in whole gives no answer, only one message: bytes that are not YAML, a
value of the wrong shape (dropped: the model would not be the log), an item
missing what identifies it. The one exception is evidence today's shapes
require and older logs did not give (`EVIDENCE`: a citation without its quote,
an event citing nothing): the item is read whole without it, and its facts
are the log's.

Git runs as a subprocess (no library); no git, a log outside a repository, a
day before the log's first commit: each is a usage error naming the option.
An answer read this way is never cached: it depends on git's refs and objects,
which the cache cannot check for a change, so neither the full command nor the
front door stores or serves one (`cachekey.answerable` refuses the option).
"""

from __future__ import annotations

import dataclasses
import os
import posixpath
import re
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path, PurePosixPath

from tracker.app.gitlog import (
    LINK,
    OPTION,
    Commit,
    blob,
    commit_by,
    contents,
    head,
    repository,
    tracks,
    tree,
)
from tracker.errors import InvalidLog, UsageError
from tracker.files import SOURCE_LIMIT, Corpus, OutsideCorpus
from tracker.model import EventLog, Location, Problem, Problems

_LINK_HOPS = 40  # as many links as the system follows in one path


@dataclass(frozen=True)
class Recorded:
    """A log as committed: the log read (its path the working log's, for the paths answers show),
    the commit it came from, what to say about it, and what today's check finds in it."""

    log: EventLog
    commit: Commit
    notices: tuple[str, ...]
    problems: Problems = field(default_factory=Problems)


@dataclass(frozen=True)
class Snapshot:
    """A commit's log, read and checked while its articles are still on disk (`snapshot`)."""

    commit: Commit
    named: str  # COMMIT:PATH, git's own name for the file, as problems are located
    log: EventLog | None  # None: not read at all
    problems: Problems  # everything today's reader and check find, in file order
    unreadable: Problems  # of those, what keeps the log from being read whole: no answer from it
    said: tuple[str, ...]  # about articles read from the working folder


# Fields today's shapes require that are evidence for a fact, not the fact: a log written before the
# rule asked for them is read whole without them (the model can do without: a citation whose quote is
# None, an event with no citations), so the answer it gives is what it said. Any other problem of shape
# is a value the reader had to leave out or an item it could not read: no answer from that log.
EVIDENCE = frozenset({"quote", "cite"})
_MISSING = re.compile(r" is missing the field '([a-z_]+)'\Z")  # tracker.log.values.Values.mapping's words


def read(path: Path, shown: str, day: date, today: date) -> Recorded:
    """The log at `path` as committed by `day`, read against `today`'s rules; UsageError, or InvalidLog
    (one line) when today's reader cannot take it in whole. Its problems under today's check do not
    stop the answer: a notice says how many there are."""
    with snapshot(path, shown, day, today) as found:
        pass  # the articles are needed only for the check, done by now
    commit, log = found.commit, found.log
    if log is None or found.unreadable:
        first, total = found.unreadable[0], found.unreadable.total
        raise InvalidLog(
            found.named,
            found.problems,
            said=f"{shown} as committed on {commit.day} ({commit.short}), the last commit by "
            f"{day.isoformat()}, cannot be read as today's tracker reads a log, so it gives no answer: "
            f"{_count(total)} of shape, the first at {first}; "
            f"`tracker check --recorded-by {day.isoformat()}` lists every problem",
        )
    notices = [
        f"Answered from {shown} as committed on {commit.day} ({commit.short}), the last commit by "
        f"{day.isoformat()}."
    ]
    if found.problems:
        notices.append(
            f"The log as committed then does not pass today's check ({_count(found.problems.total)}; "
            f"`tracker check --recorded-by {day.isoformat()}` lists them): this is what that log answers."
        )
    return Recorded(dataclasses.replace(log, path=str(path)), commit, (*notices, *found.said), found.problems)


def _count(number: int) -> str:
    return f"{number:,} problem{'s' if number != 1 else ''}"


@contextmanager
def snapshot(path: Path, shown: str, day: date, today: date) -> Iterator[Snapshot]:
    """The log at `path` as committed by `day`, read and checked against `today`, with the articles it
    cites written where its corpus is, in a private folder removed on leaving; UsageError for a day or
    a path git has no commit of."""
    from tracker.log import open_log

    top, rel = repository(path, shown)
    commit = commit_by(top, rel, shown, day)
    named = f"{commit.short}:{rel}"  # git's own name for the file in that commit (`git show` takes it)
    raw = blob(top, commit, rel)
    if raw is None:
        later = "it was added to the repository later" if tracks(top, rel) else "git does not track it"
        raise UsageError(
            f"{shown} is not in the commit of {commit.day} ({commit.short}), the last by {day.isoformat()}; "
            f"{later}",
            OPTION,
        )
    if isinstance(raw, Problem):
        refused = Problems([dataclasses.replace(raw, location=Location(named, 1, 1))])
        yield Snapshot(commit, named, None, refused, refused, ())
        return
    said: list[str] = []
    with tempfile.TemporaryDirectory(prefix="tracker-recorded-") as folder:
        # The repository one level down: a corpus beside the log's folder (../seeds) stays inside.
        at = Path(folder) / "repo" / rel
        _put(at, raw)  # the log too, so that its folder is there to find the corpus from

        def articles(log: EventLog) -> None:
            said.extend(_articles(top, commit, rel, Path(path), log, Path(folder)))

        log, problems = open_log(at, named, raw, today=today, prepare=articles)
        unreadable = problems if log is None else _unreadable(log, problems, at, named, raw)
        yield Snapshot(commit, named, log, problems, unreadable, tuple(said))


def _unreadable(log: EventLog, problems: Problems, at: Path, named: str, raw: bytes) -> Problems:
    """The problems of shape that keep the log from being read whole: every one the reader found but
    the evidence (`EVIDENCE`) an item read whole lacks. Only when there are problems is the log read
    again, by the reader alone, to tell its problems from the check's."""
    from tracker.log.reader import load

    if not problems:
        return Problems()
    _, shapes = load(at, named, raw)
    lacking = _lacking(log)
    kept = [
        p
        for p in shapes
        if (found := _MISSING.search(p.message)) is None
        or found.group(1) not in EVIDENCE.intersection(lacking.get(p.location, ()))
    ]
    if shapes.more and not kept:  # those past the report's bound cannot be told apart: not taken as read
        kept = [
            Problem(
                Location(named, 1, 1),
                f"more than {len(shapes):,} problems of shape: too many to tell if each only lacks evidence",
            )
        ]
        return Problems(kept, shapes.total - 1)
    return Problems(kept, shapes.more)


def _lacking(log: EventLog) -> dict[Location, set[str]]:
    """Where an item read whole lacks evidence (`EVIDENCE`), and which: at the item, as the reader
    reports a missing field."""
    lacking: dict[Location, set[str]] = {}
    for event in log.events:
        if not event.citations:
            lacking.setdefault(event.location, set()).add("cite")
        for citation in event.citations:
            if citation.quote is None:
                lacking.setdefault(citation.location, set()).add("quote")
    return lacking


def _articles(top: str, commit: Commit, rel: str, working: Path, log: EventLog, folder: Path) -> list[str]:
    """Write the articles the log cites, as the commit holds them, where the snapshot's corpus is;
    an article it does not hold is copied from the working folder. What to say about it, if anything."""
    if PurePosixPath(log.corpus).is_absolute() or "\0" in log.corpus:
        return []  # the check refuses such a corpus, wherever it is
    corpus = posixpath.normpath(posixpath.join(posixpath.dirname(rel), log.corpus))
    root = Path(os.path.normpath(folder / "repo" / corpus))
    if not root.is_relative_to(folder):
        return []  # further than the bound allows: the check says so
    cited = sorted({s.file for s in log.sources if s.file is not None})
    inside = corpus != ".." and not corpus.startswith("../")  # in the repository: in the commit
    entries = tree(top, commit, corpus) if inside else {}
    wanted = _needed(top, entries, cited)
    objects = contents(top, [entries[name] for name in wanted if entries[name][2] <= SOURCE_LIMIT])
    for name in wanted:
        mode, sha, size = entries[name]
        target = root / name
        if mode == LINK:  # a link stays a link: the corpus's bound judges where it leads
            target.parent.mkdir(parents=True, exist_ok=True)
            os.symlink(os.fsdecode(objects.get(sha, b"")), target)
        else:  # one larger than the bound is made as large, empty, so the bound refuses it as it would
            _put(target, objects.get(sha, b""), size if size > SOURCE_LIMIT else None)
    held = {posixpath.normpath(name) for name in cited if _inside(name)}
    missing = sorted(name for name in held if name not in entries)
    copied = _from_working(working, log, missing, root)
    if not copied:
        return []
    plural = "s" if len(copied) != 1 else ""
    return [
        f"{len(copied)} cited article{plural} not in that commit ({', '.join(copied[:3])}"
        f"{', ...' if len(copied) > 3 else ''}) read from the working folder."
    ]


def _inside(name: str) -> bool:
    """A corpus path the bound could accept: relative, no `..`. (The check says why any other is refused.)"""
    path = PurePosixPath(name)
    return not path.is_absolute() and ".." not in path.parts and "\0" not in name


def _needed(top: str, entries: dict[str, tuple[str, str, int]], cited: list[str]) -> list[str]:
    """The cited files the commit holds, and the files their links lead to inside the corpus."""
    wanted: list[str] = []
    queue = [posixpath.normpath(name) for name in cited if _inside(name)]
    hops = 0
    while queue and hops < len(cited) * _LINK_HOPS + 1:
        hops += 1
        name = queue.pop()
        if name in wanted or name not in entries:
            continue
        wanted.append(name)
        mode, sha, _ = entries[name]
        if mode == LINK:
            target = os.fsdecode(contents(top, [entries[name]]).get(sha, b""))
            followed = posixpath.normpath(posixpath.join(posixpath.dirname(name), target))
            if not posixpath.isabs(target) and _inside(followed):
                queue.append(followed)
    return wanted


def _from_working(working: Path, log: EventLog, names: list[str], root: Path) -> list[str]:
    """Copy cited articles the commit lacks from the working folder's corpus, through its bound."""
    if not names:
        return []
    try:
        corpus = Corpus(working, log.corpus)
    except OutsideCorpus:
        return []
    copied = []
    for name in names:
        try:
            data = corpus.read(name)
        except (OSError, OutsideCorpus):
            continue  # the check says the article does not exist, as the commit has it
        _put(root / posixpath.normpath(name), data)
        copied.append(name)
    return copied


def _put(target: Path, data: bytes, size: int | None = None) -> None:
    """A file of the snapshot, through the one writer (private, and not flushed to disk: it is
    removed before the answer is printed); `size` makes it that large instead, and empty."""
    from tracker import writing

    target.parent.mkdir(parents=True, exist_ok=True)
    with writing.Writing(target, replace=False, mode=0o600, durable=False) as out:
        if size is not None:
            os.ftruncate(out.fd, size)
        else:
            out.write(data)
        out.commit()


def committed(path: Path, raw: bytes) -> tuple[EventLog, str] | None:
    """The log as the last commit (HEAD) holds it, read but not checked, and the commit's short id;
    None when there is no such commit or git, or the bytes are those already read (`raw`). For
    `check`, which holds the corrections to what was committed; it never fails on git's account."""
    from tracker.log.reader import load

    try:
        top, rel = repository(path, str(path))
        commit = head(top)
        if commit is None:
            return None
        held = blob(top, commit, rel)
    except (UsageError, ValueError, OSError):
        return None
    if not isinstance(held, bytes) or held == raw or b"corrections:" not in held:
        return None  # nothing committed to compare with: no parse of a large log for nothing
    log, _ = load(path, f"{commit.short}:{rel}", held)
    return (log, commit.short) if log is not None else None
