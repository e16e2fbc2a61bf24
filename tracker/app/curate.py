"""The curator's commands without the CLI framework: add an event, citations, an assertion or a
correction, copy the log to curate, and the steps every addition shares (`add source` is in
`sourcing`, `quote` in `quoting`).

Values come in as the options gave them; what is missing is asked for with
`ask(label, default)` when the caller has a terminal, and is otherwise a
`UsageError` naming the option. The log's own rules are not repeated here:
the new log is checked in full (`additions.plan`), and its problems refuse it.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import Any

from tracker.app.answer import LogFile, write
from tracker.errors import InvalidLog, UsageError
from tracker.log import Memo, additions
from tracker.log.additions import Citing, Plan
from tracker.log.schema import IDENT
from tracker.model import SINGLE_QUESTIONS, SUBJECT_KINDS, EventLog, Kind, Problem, Question

Ask = Callable[[str, str], str] | None


def _log(log_file: LogFile, *, valid: bool = True, memo: Memo | None = None) -> EventLog:
    """The log, read and checked with the store's help; `memo` keeps the work for the command's next
    reading (an addition reads the same bytes again under its lock, and the log after it)."""
    from tracker.app.answer import opened

    log, problems = opened(log_file, memo=memo)
    if log is None or (valid and problems):
        raise InvalidLog(log_file.shown, problems)
    return log


def _memo() -> Memo:
    """One command's memory, over the store when the cache may be used (else in memory only)."""
    from tracker.app.answer import memo_for

    memo = memo_for() or Memo()
    memo.again = True
    return memo


def _planned(memo: Memo, make: Callable[[], Plan]) -> Plan:
    """`make`'s plan; the cache kept within its budget after whatever the plan stored."""
    from tracker.app.store import FileStore

    try:
        return make()
    finally:
        if isinstance(memo.store, FileStore):
            memo.store.finish()


Check = Callable[[str], str | None]  # what is wrong with an answer, or None


def _need(
    value: Any, option: str, label: str, ask: Ask, default: str = "", check: Check | None = None
) -> str:
    """A required value: as given, else asked for on a terminal, else a usage error. An answer that
    `check` finds wrong is asked for again at once, saying why, so no earlier answer is lost."""
    if value not in (None, ""):
        return str(value)
    if ask is not None:
        prompt = label
        while True:
            answer = ask(prompt, default).strip()
            problem = check(answer) if answer and check is not None else None
            if answer and problem is None:
                return answer
            prompt = f"{problem}. {label}" if problem else label
    raise UsageError(f"missing {option} (stdin is not a terminal, so nothing is asked)", option)


def _is_kind(answer: str) -> str | None:
    return None if answer.lower() in {k.value for k in Kind} else f"'{answer}' is not a kind"


def _is_date(answer: str) -> str | None:
    from tracker.dates import parse_iso

    try:
        parse_iso(answer)
    except ValueError:
        return f"'{answer}' is not a date as the log writes them"
    return None


def _new_id(log: EventLog) -> Check:
    taken = {e.id for e in log.events}

    def check(answer: str) -> str | None:
        if not IDENT.fullmatch(answer):  # the log's own rule for ids
            return f"'{answer}' is not an id (lower-case letters, digits and dashes)"
        return f"'{answer}' is taken" if answer in taken else None

    return check


def _known_codes(log: EventLog) -> Check:
    from tracker import countries

    def check(answer: str) -> str | None:
        words = [word for word in answer.replace(",", " ").split() if word]
        unknown = [
            w for w, c in zip(words, _codes(answer), strict=True) if not (countries.name(c) or log.entity(c))
        ]
        return f"unknown: {', '.join(unknown)}" if unknown else None

    return check


def _known_source(log: EventLog) -> Check:
    ids = {s.id for s in log.sources}
    return lambda answer: None if answer in ids else f"no source '{answer}' in the log"


def _maybe(value: str | None, label: str, ask: Ask) -> str | None:
    """An optional value: as given, else asked for on a terminal (empty: none)."""
    if value is not None or ask is None:
        return value
    return ask(label, "").strip() or None


def init(folder: str, today: date) -> str:
    """Copy the shipped log and its corpus into `folder` (new or empty); the new log's path."""
    import shutil

    from tracker.files import os_path
    from tracker.log import open_log
    from tracker.log.locate import default_log

    target = Path(os_path(folder))
    try:
        if target.exists() and (not target.is_dir() or any(target.iterdir())):
            raise UsageError(f"{folder} exists and is not an empty folder", "FOLDER")
    except OSError as err:
        raise UsageError(f"cannot use {folder}: {err.strerror or err}", "FOLDER") from None
    log_path = default_log()
    log, _ = open_log(log_path, "data/events.yaml", today=today)
    corpus = Path(log.corpus if log is not None else "../seeds")
    staging = target.parent / f".{target.name}.init.tmp"
    try:
        staging.mkdir(parents=True)
        (staging / "data").mkdir()
        shutil.copy2(log_path, staging / "data" / "events.yaml")
        shutil.copytree(log_path.parent / corpus, staging / "data" / corpus, symlinks=False)
        if target.exists():
            target.rmdir()
        staging.rename(target)
    except OSError as err:
        shutil.rmtree(staging, ignore_errors=True)
        raise UsageError(f"cannot copy the log to {folder}: {err.strerror or err}", "FOLDER") from None
    return str(target / "data" / "events.yaml")


# -- add event ------------------------------------------------------------


def add_event(log_file: LogFile, values: dict[str, Any], cites: Sequence[Citing], ask: Ask = None) -> Plan:
    memo = _memo()
    log = _log(log_file, memo=memo)
    item = dict(values)
    item["title"] = _need(values.get("title"), "--title", "Title, in your own words", ask)
    item["id"] = _need(values.get("id"), "--id", "Event id", ask, additions.slug(item["title"]), _new_id(log))
    item["kind"] = _need(
        values.get("kind"), "--kind", f"Kind ({', '.join(Kind)})", ask, check=_is_kind
    ).lower()
    if values.get("status") != "expected":
        label = "Date (YYYY-MM-DD, YYYY-MM or YYYY)"
        item["date"] = _need(values.get("date"), "--date", label, ask, check=_is_date)
    codes = _known_codes(log)
    if not values.get("countries"):
        label = "Countries (codes or names, separated by commas)"
        item["countries"] = _codes(_need(None, "--country", label, ask, check=codes))
    if item["kind"] in SUBJECT_KINDS and not values.get("subjects") and ask is not None:
        label = "Subjects (codes or names, separated by commas)"
        item["subjects"] = _codes(_need(None, "--subject", label, ask, check=codes))
    cited = list(cites)
    if not cited:
        latest = ", ".join(s.id for s in log.sources[-3:])
        label = f"Source id to cite (the latest: {latest})" if latest else "Source id to cite"
        source = _need(None, "--cite", label, ask, check=_known_source(log))
        cited.append(Citing(source, _need(None, "--quote", "Quote, verbatim from the source", ask)))
    event = additions.event_item(item, cited)
    return _planned(
        memo,
        lambda: additions.plan(
            log_file.path,
            log_file.shown,
            "events",
            event,
            today=log_file.today,
            verify=_assertions,
            store=memo,
        ),
    )


def add_citations(log_file: LogFile, event_id: str, cites: Sequence[Citing]) -> Plan:
    """More sources for an event already in the log: each with its verbatim quote."""
    if not cites:
        raise UsageError("give at least one --cite SOURCE with its --quote", "--cite")
    missing = [c.source for c in cites if not c.quote]
    if missing:
        raise UsageError(f"--cite {missing[0]} needs its --quote (every citation is quoted)", "--quote")
    memo = _memo()
    return _planned(
        memo,
        lambda: additions.plan_citations(
            log_file.path,
            log_file.shown,
            event_id,
            cites,
            today=log_file.today,
            verify=_assertions,
            store=memo,
        ),
    )


# -- add assertion --------------------------------------------------------


def _assertions(log: EventLog) -> list[Problem]:
    """What `check` replays after the log's own rules: an addition that changes an asserted answer is
    refused, as `check` would fail it."""
    from tracker.queries.assertions import replay

    return replay(log)


def add_assertion(
    log_file: LogFile,
    question: Question,
    subject: str | None,
    as_of: date,
    *,
    known_by: date | None = None,
    include: Sequence[str] = (),
    assertion_id: str | None = None,
    note: str | None = None,
) -> Plan:
    """An assertion of the log's current answer to `question`: all of it (`are`, or `is` for one
    value), or only that it includes `include`, each of which must be in it now."""
    from tracker.queries.assertions import answer

    memo = _memo()
    log = _log(log_file, memo=memo)
    single = question in SINGLE_QUESTIONS
    if single and subject is None:
        thing = "COUNTRY" if question is Question.STATUS else "EVENT_ID"
        raise UsageError(
            f"'{question.value}' asks about one thing: tracker add assertion {question.value} {thing} ...",
            "SUBJECT",
        )
    if not single and subject is not None:
        raise UsageError(f"'{question.value}' is asked of the whole log, not of '{subject}'", "SUBJECT")
    if single and include:
        raise UsageError(f"'{question.value}' answers one value: leave out --include", "--include")
    got = answer(log, question, as_of, known_by, subject)
    absent = [item for item in include if item not in got]
    if absent:
        by = f" (known by {known_by.isoformat()})" if known_by is not None else ""
        raise UsageError(
            f"{', '.join(absent)} not in the {question.value} as of {as_of.isoformat()}{by}: "
            f"{', '.join(got) or 'none'}",
            "--include",
        )
    taken = {a.id for a in log.assertions}
    words = [
        question.value,
        subject or "",
        as_of.isoformat(),
        f"known-by-{known_by.isoformat()}" if known_by else "",
    ]
    proposed = base = additions.slug(" ".join(w for w in words if w))
    for n in range(2, len(taken) + 3):  # made unique as ids proposed for sources are: -2, -3, ...
        if proposed not in taken:
            break
        proposed = f"{base[: additions.ID_LENGTH - len(str(n)) - 1]}-{n}"
    values: dict[str, Any] = {
        "id": assertion_id or proposed,
        "question": question.value,
        "as_of": as_of.isoformat(),
        "known_by": known_by.isoformat() if known_by is not None else None,
        "subject": subject,
        "note": note,
    }
    if include:
        values["include"] = list(include)
    elif single:
        values["is"] = got[0]
    else:
        values["are"] = list(got)
    item = additions.assertion_item(values)
    return _planned(
        memo,
        lambda: additions.plan(
            log_file.path,
            log_file.shown,
            "assertions",
            item,
            today=log_file.today,
            verify=_assertions,
            store=memo,
        ),
    )


def _codes(text: str) -> list[str]:
    """Codes or names as the curator typed them; one no ISO country has stays an entity's id
    (check says whether the log declares it)."""
    from tracker import countries

    words = [word for word in text.replace(",", " ").split() if word]
    return [countries.lookup(word) or countries.entity_key(word) or word for word in words]


# -- finishing ------------------------------------------------------------


def finish(result: Plan, dry_run: bool) -> None:
    """A dry run prints the diff; otherwise the article is copied and the log replaced."""
    from tracker.render.text import inert

    if dry_run:
        # The diff reaches a terminal: every line made inert, as all log text is (bidi controls too).
        shown = "".join(inert(line.rstrip("\r\n")) + "\n" for line in result.diff())
        write(shown.encode("utf-8"))
        for note in result.notes:
            print(inert(f"tracker: would copy {note}"), file=sys.stderr)
        for advice in result.advice:
            print(inert(f"tracker: {advice}"), file=sys.stderr)
        print(inert(f"tracker: dry run; {result.shown} is unchanged"), file=sys.stderr)
        return
    additions.write(result)
    for note in result.notes:
        print(inert(f"copied {note}"))
    print(inert(f"added '{result.item_id}' at {result.shown}:{result.line}; tracker check passes"))
    for advice in result.advice:
        print(inert(f"tracker: {advice}"), file=sys.stderr)


# -- add correction -------------------------------------------------------


def add_correction(log_file: LogFile, values: dict[str, Any], ask: Ask = None) -> Plan:
    """A correction of something the log asserted, dated today unless given, appended to the list.

    The change itself (a new date, a dropped citation, a renamed id) is made in the log by hand,
    before or with this: the check then holds the two together (`log.corrections`).
    """
    from tracker.log import correcting
    from tracker.model import CorrectionKind

    entry = dict(values)
    kinds = ", ".join(k.value for k in CorrectionKind)
    entry["kind"] = _need(
        values.get("kind"),
        "--kind",
        f"Kind ({kinds})",
        ask,
        check=lambda a: None if a in {k.value for k in CorrectionKind} else f"'{a}' is not a kind",
    ).lower()
    entry["date"] = values.get("date") or log_file.today.isoformat()
    entry["reason"] = _need(values.get("reason"), "--reason", "Why it changed, with the evidence", ask)
    memo = _memo()
    return _planned(
        memo,
        lambda: correcting.plan(
            log_file.path, log_file.shown, correcting.item(entry), today=log_file.today, store=memo
        ),
    )
