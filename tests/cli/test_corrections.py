"""A record of corrections (issue 23, part 5): what the log asserted before, when it changed and why,
listed by `changes` and its feed; retired ids that still answer; `add correction`; and `--recorded-by`,
the log as committed to git by a day."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import feedparser
import pytest
from conftest import ARTICLE, GOOD_EVENT, HEADER, REPO, WEB_TEXT, open_log, run
from gitrepo import git as _git

from tracker.app import cachekey
from tracker.queries import Changes

GERMANY = """\
  - id: germany-named
    date: 2025-11-05
    kind: candidacy
    countries: [DE]
    subjects: [DE]
    title: Germany is named as a possible member
    cite:
      - source: web
        quote: France and Germany would join the accords soon
"""

CORRECTIONS = """\
corrections:
  - date: 2025-11-10
    kind: amended
    event: france-joins
    field: date
    was: 2025-11-04
    reason: >-
      The article says Monday,
      which was 3 November.
  - date: 2025-11-12
    kind: retired
    event: fr-joins
    replaced_by: france-joins
    reason: Renamed to match the other ids.
  - date: 2025-11-12
    kind: uncited
    event: germany-named
    source: art
    reason: The article names Germany only in officials' words; the web report names it.
"""

LOG = HEADER + GOOD_EVENT + GERMANY + CORRECTIONS


def _json(*args: str):
    result = run(*args, "--json")
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


# -- changes and the feed ---------------------------------------------------------------------------


def test_a_correction_is_listed_in_changes_beside_the_news(write_log):
    path = write_log(LOG)
    records = _json("changes", "--since", "2025-11-01", "--until", "2025-11-30", "--data", str(path))
    news = [r for r in records if r["change"] != "correction"]
    assert {r["event"] for r in news} == {"france-joins", "germany-named"}
    corrections = records[len(news) :]  # after the news, in the order made
    assert [c["correction"] for c in corrections] == ["amended", "retired", "uncited"]
    assert corrections[0] == {
        "change": "correction",
        "code": None,
        "country": None,
        "from": "2025-11-04",
        "to": "2025-11-03",  # the value the log has now
        "date": "2025-11-10",
        "event": "france-joins",
        "title": "France announces it will join",
        "sources": [],
        "by": None,
        "correction": "amended",
        "field": "date",
        "source": None,
        "quote": None,
        "now": "france-joins",
        "reason": "The article says Monday, which was 3 November.",
        "since": "2025-11-01",
        "until": "2025-11-30",
        "reviewed": None,
    }
    assert corrections[1]["from"] == "fr-joins" and corrections[1]["to"] == "france-joins"
    assert corrections[2]["sources"] == ["art"] and corrections[2]["from"] == "art"
    # The window is the day the correction was made.
    late = _json("changes", "--since", "2025-11-11", "--until", "2025-11-30", "--data", str(path))
    assert [r["correction"] for r in late if r["change"] == "correction"] == ["retired", "uncited"]
    # Under --known-by, a correction made later was not known.
    known = _json(
        "changes",
        "--since",
        "2025-11-01",
        "--until",
        "2025-11-30",
        "--known-by",
        "2025-11-11",
        "--data",
        str(path),
    )
    assert [r["correction"] for r in known if r["change"] == "correction"] == ["amended"]
    csv = run("changes", "--since", "2025-11-10", "--until", "2025-11-10", "--data", str(path), "-o", "csv")
    assert csv.stdout.splitlines()[0].endswith(",correction,field,reason,reviewed")
    assert "2025-11-10,correction,,,2025-11-04,2025-11-03,france-joins," in csv.stdout
    table = " ".join(run("changes", "--since", "2025-11-01", "--data", str(path)).stdout.split())
    assert "3 corrections of the log" in table and "Corrections from 2025-11-01 to" in table
    assert "date was 2025-11-04, now 2025-11-03 The article says Monday, which was 3 November." in table


def _feed(path: Path) -> tuple[feedparser.FeedParserDict, str]:
    result = run(
        "changes", "--since", "2025-11-01", "--until", "2025-11-30", "--data", str(path), "-o", "atom"
    )
    assert result.exit_code == 0, result.stderr
    return feedparser.parse(result.stdout.encode("utf-8")), result.stdout


def test_corrections_are_entries_of_the_feed_with_ids_from_what_changed(write_log, tmp_path):
    path = write_log(LOG)
    parsed, text = _feed(path)
    assert not parsed.bozo
    fixes = [e for e in parsed.entries if [t.term for t in e.tags] == ["correction"]]
    assert [e.title for e in fixes] == [  # newest first, as every entry; in the order made on a day
        "Correction of event fr-joins: event id fr-joins retired for france-joins",
        "Correction of event germany-named: no longer cites art",
        "Correction of event france-joins: date was 2025-11-04, now 2025-11-03",
    ]
    assert parsed.entries[: len(fixes)] == fixes  # made after the news of the window
    assert fixes[1].link == "https://example.org/report"  # the corrected event's sources, as news links
    redated = fixes[-1]
    assert redated.updated == "2025-11-10T00:00:00Z"
    assert "Why: The article says Monday, which was 3 November." in redated.summary
    assert parsed.feed.updated == "2025-11-12T00:00:00Z"  # the newest correction is the feed's newest entry
    # The same log gives the same bytes; a correction appended later leaves the others' ids alone.
    assert _feed(path)[1] == text
    path.write_text(
        path.read_text(encoding="utf-8")
        + "  - date: 2025-11-20\n    kind: amended\n    event: germany-named\n    field: title\n"
        "    was: Germany is named\n    reason: Said in full.\n",
        encoding="utf-8",
    )
    grown, _ = _feed(path)
    assert {e.id for e in parsed.entries} < {e.id for e in grown.entries}
    assert len(grown.entries) == len(parsed.entries) + 1


def test_the_query_gives_corrections_as_rows(write_log):
    log, problems = open_log(write_log(LOG))
    assert not problems
    from datetime import date

    result = Changes(date(2025, 11, 11), date(2025, 11, 30)).run(log)
    assert [(r.correction.kind.value, r.before, r.after, r.now) for r in result.corrections] == [
        ("retired", "fr-joins", "france-joins", "france-joins"),
        ("uncited", "art", None, "germany-named"),
    ]


# -- retired ids -------------------------------------------------------------------------------------


RETRACTED = """\
  - date: 2025-11-14
    kind: retired
    event: frj
    replaced_by: fr-joins
    reason: An older spelling.
  - date: 2025-11-15
    kind: retracted
    event: spain-joins
    reason: >-
      The report was withdrawn by its outlet.
"""


def test_a_retired_id_answers_with_what_replaced_it(write_log):
    path = write_log(LOG + RETRACTED)
    result = run("show", "fr-joins", "--data", str(path), "--json")
    assert result.exit_code == 0, result.stderr
    shown = json.loads(result.stdout)
    assert shown["id"] == "france-joins" and shown["asked_for"] == "fr-joins"
    assert [c["correction"] for c in shown["corrections"]] == ["amended", "retired", "retired"]
    assert result.stderr == (
        "tracker: 'fr-joins' is a retired id: it was retired on 2025-11-12 in favour of 'france-joins'. "
        "Renamed to match the other ids.\n"
    )
    # Through two renamings; `cite` takes it too.
    chained = run("show", "frj", "--data", str(path), "--json")
    assert json.loads(chained.stdout)["id"] == "france-joins"
    assert "in favour of 'fr-joins', now 'france-joins'" in chained.stderr
    cited = run("cite", "fr-joins", "--data", str(path))
    assert cited.exit_code == 0 and cited.stdout.startswith("france-joins: France announces it will join")
    # The event's own id: no notice, and its corrections listed in the table.
    table = run("show", "france-joins", "--data", str(path))
    assert table.stderr == ""
    assert "Corrections (3)" in table.stdout
    assert "2025-11-10 amended: date was 2025-11-04, now 2025-11-03" in table.stdout
    # A retracted id answers with why, as a usage error: there is nothing to show.
    gone = run("show", "spain-joins", "--data", str(path))
    assert gone.exit_code == 2
    assert (
        "event 'spain-joins' was retracted on 2025-11-15: The report was withdrawn by its outlet."
        in " ".join(gone.stderr.split())
    )


def test_the_log_never_refers_to_a_retired_id(write_log):
    event = GOOD_EVENT.replace("    cite:\n", "    fulfils: spain-expected\n    cite:\n").replace(
        "source: art", "source: old-art"
    )
    reused = GERMANY.replace("germany-named", "fr-joins")  # a retired id used again
    retired = textwrap.dedent("""\
          - date: 2025-11-13
            kind: retired
            source: old-art
            replaced_by: art
            reason: Renamed.
          - date: 2025-11-14
            kind: retracted
            event: spain-expected
            reason: The report was withdrawn.
        """)
    corrections = CORRECTIONS.replace("germany-named", "france-joins").replace("source: art", "source: web")
    path = write_log(HEADER + event + reused + corrections + textwrap.indent(retired, "  "))
    messages = [line.split(": ", 1)[1] for line in run("check", "--data", str(path)).stdout.splitlines()]
    assert messages == [
        "event 'france-joins' fulfils unknown event 'spain-expected'; event 'spain-expected' was retracted "
        "on 2025-11-14 (line 54), and nothing replaces it",
        "event 'france-joins' cites unknown source 'old-art'; source 'old-art' was retired on 2025-11-13 "
        "(line 49): write 'art'",
        "event id 'fr-joins' was retired on 2025-11-12 (line 39): a retired id is never used again; choose another",
    ]


# -- check holds the list to its rules ----------------------------------------------------------------


def _problems(write_log, corrections: str, events: str = GOOD_EVENT + GERMANY) -> list[str]:
    path = write_log(HEADER + events + "corrections:\n" + textwrap.dedent(corrections))
    result = run("check", "--data", str(path))
    assert result.exit_code == 1, result.stdout
    return [line.split(": ", 1)[1] for line in result.stdout.splitlines()]


@pytest.mark.parametrize(
    ("corrections", "message"),
    [
        (
            """\
            - {date: 2025-11-10, kind: amended, event: france-joins, field: date, was: 2025-11-01, reason: a}
            - {date: 2025-11-09, kind: amended, event: france-joins, field: date, was: 2025-11-02, reason: b}
            """,
            "correction #2 is dated 2025-11-09, before the one above it (2025-11-10, line 30): corrections are "
            "appended as they are made, never inserted or back-dated",
        ),
        (
            "- {date: 2999-01-01, kind: retracted, event: gone, reason: a}\n",
            "correction #1 is dated 2999-01-01, after today",
        ),
        (
            "- {date: 2025-11, kind: retracted, event: gone, reason: a}\n",
            "correction #1 date must be a day (YYYY-MM-DD), not '2025-11'",
        ),
        (
            "- {date: 2025-11-10, kind: amended, event: nowhere, field: date, reason: a}\n",
            "correction #1 names event 'nowhere', which is neither in the log nor retired by a correction",
        ),
        (
            "- {date: 2025-11-10, kind: uncited, event: france-joins, source: art, reason: a}\n",
            "correction #1 drops source 'art' from event 'france-joins', but the event still cites it; give the "
            "dropped 'quote' when only one of its quotes was dropped",
        ),
        (
            "- {date: 2025-11-10, kind: reattributed, event: france-joins, source: old, replaced_by: web, reason: a}"
            "\n- {date: 2025-11-10, kind: retired, source: old, reason: b}\n",
            "correction #1 moves a citation of event 'france-joins' to source 'web', which the event does not cite",
        ),
        (
            "- {date: 2025-11-10, kind: amended, event: france-joins, field: title, "
            "was: France announces it will join, reason: a}\n",
            "correction #1 records a change of the title of event 'france-joins', but it is still 'France "
            "announces it will join': 'was' gives the value it had before",
        ),
        (
            "- {date: 2025-11-10, kind: amended, event: france-joins, field: colour, reason: a}\n",
            "correction #1 amends 'colour', which is not a field of a event; one of: date, approximate",
        ),
        (
            "- {date: 2025-11-10, kind: amended, event: france-joins, field: date, was: 3 Nov, reason: a}\n",
            "correction #1 was: ",
        ),
        (
            "- {date: 2025-11-10, kind: uncited, event: france-joins, field: date, reason: a}\n",
            "correction #1 ('uncited') needs 'source'",
        ),
        (
            "- {date: 2025-11-10, kind: retracted, event: a, source: b, replaced_by: c, reason: a}\n",
            "correction #1 ('retracted') takes no 'replaced_by'",
        ),
        (
            "- {date: 2025-11-10, kind: retired, event: a, replaced_by: b, reason: x}\n"
            "- {date: 2025-11-10, kind: retired, event: b, replaced_by: a, reason: y}\n",
            "correction #1 replaces event 'a' by 'b', and the replacements lead back to 'a'",
        ),
        (
            "- {date: 2025-11-10, kind: retired, event: a, reason: x}\n"
            "- {date: 2025-11-11, kind: retracted, event: a, reason: y}\n",
            "event 'a' is already retired (line 30)",
        ),
    ],
    ids=[
        "back-dated",
        "future",
        "not-a-day",
        "unknown-id",
        "still-cited",
        "not-moved",
        "no-change",
        "unknown-field",
        "bad-was",
        "needs",
        "takes",
        "cycle",
        "twice",
    ],
)
def test_check_holds_the_corrections_to_their_rules(write_log, corrections, message):
    found = _problems(write_log, textwrap.indent(textwrap.dedent(corrections), "  "))
    assert any(m.startswith(message) for m in found), found


# -- add correction -----------------------------------------------------------------------------------


def test_add_correction_appends_through_the_writer(write_log):
    path = write_log(HEADER + GOOD_EVENT)
    before = path.read_bytes()
    args = (
        "add",
        "correction",
        "--data",
        str(path),
        "--kind",
        "amended",
        "--event",
        "france-joins",
        "--field",
        "date",
        "--was",
        "2025-11-04",
        "--reason",
        "The article says Monday.",
    )
    dry = run(*args, "--date", "2025-11-10", "--dry-run")
    assert dry.exit_code == 0, dry.stderr
    assert "+corrections:\n+  - date: 2025-11-10\n+    kind: amended\n" in dry.stdout
    assert path.read_bytes() == before
    first = run(*args, "--date", "2025-11-10")
    assert first.stdout == f"added 'correction #1' at {path}:22; tracker check passes\n"
    assert path.read_bytes().startswith(before)  # every byte that was there is still there
    second = run(
        "add",
        "correction",
        "--data",
        str(path),
        "--kind",
        "retired",
        "--event",
        "fr-joins",
        "--replaced-by",
        "france-joins",
        "--reason",
        "Renamed.",
    )
    assert second.exit_code == 0, second.stderr
    log, problems = open_log(path)
    assert not problems
    assert [(c.kind.value, c.date.iso()) for c in log.corrections] == [
        ("amended", "2025-11-10"),
        ("retired", log.corrections[1].date.iso()),  # today, by default
    ]
    # Refused as check refuses it (back-dated, before the one above), with nothing written.
    grown = path.read_bytes()
    late = run(
        "add",
        "correction",
        "--data",
        str(path),
        "--kind",
        "retracted",
        "--event",
        "x",
        "--reason",
        "r",
        "--date",
        "2025-01-01",
    )
    assert late.exit_code == 1 and "before the one above it" in late.stderr
    assert path.read_bytes() == grown
    missing = run("add", "correction", "--data", str(path), "--kind", "retracted", "--event", "x")
    assert missing.exit_code == 2 and "missing --reason" in missing.stderr


# -- the shipped log ------------------------------------------------------------------------------------


def test_the_shipped_log_records_corrections_its_history_shows():
    shown = _json("show", "kz-il-embassies")
    assert {c["source"] for c in shown["corrections"]} == {"seed-000", "seed-001", "seed-003", "seed-004"}
    assert all("c3b48b0" in c["reason"] for c in shown["corrections"])
    saudi = _json("show", "saudi-arabia-palestinian-statehood-condition")["corrections"]
    assert [(c["date"], c["from"], c["to"]) for c in saudi] == [
        ("2026-11-24", "2025-11-06", "2025-10"),
        ("2026-12-06", "2025-10", "2025-11-06"),
    ]
    records = _json("changes", "--since", "2026-11-24", "--until", "2026-11-24")
    assert {r["change"] for r in records} == {"correction", "log-stops"}


# -- --recorded-by: the log as committed ------------------------------------------------------------------


LOG_IN_REPO = HEADER.replace("format: 1\n", "format: 1\ncorpus: ../seeds\n")


@pytest.fixture
def history(tmp_path: Path) -> Path:
    """A repository with three commits of a log and its articles (data/ beside seeds/):
    2025-12-01 (late in the evening, west of Greenwich: 2 December in UTC), 2025-12-15 and 2026-01-10;
    in the last, the article changed and the quote with it. The working tree has one more event."""
    repo = tmp_path / "repo"
    (repo / "data").mkdir(parents=True)
    (repo / "seeds").mkdir()
    _git(repo, "init", "-q")
    log, seeds = repo / "data" / "events.yaml", repo / "seeds"
    (seeds / "web.txt").write_text(WEB_TEXT, encoding="utf-8")

    def commit(text: str, article: str, when: str) -> None:
        (seeds / "article.txt").write_text(article, encoding="utf-8")
        log.write_text(textwrap.dedent(text), encoding="utf-8")
        _git(repo, "add", "-A")
        _git(repo, "commit", "-q", "-m", f"the log of {when}", when=when)

    commit(LOG_IN_REPO + GOOD_EVENT, ARTICLE, "2025-12-01T23:30:00-05:00")
    commit(LOG_IN_REPO + GOOD_EVENT + GERMANY, ARTICLE, "2025-12-15T09:00:00+00:00")
    tuesday = GOOD_EVENT.replace("on Monday", "on Tuesday").replace("2025-11-03", "2025-11-04")
    commit(
        LOG_IN_REPO + tuesday + GERMANY,
        ARTICLE.replace("on Monday", "on Tuesday"),
        "2026-01-10T09:00:00+00:00",
    )
    extra = GERMANY.replace("germany-named", "germany-again")
    log.write_text(LOG_IN_REPO + tuesday + GERMANY + extra, encoding="utf-8")  # not committed
    return log


def _ids(log: Path, *args: str) -> list[str]:
    return [r["id"] for r in _json("timeline", "--data", str(log), *args)]


def test_recorded_by_answers_from_the_log_as_committed_by_that_day(history):
    assert _ids(history) == ["france-joins", "germany-named", "germany-again"]  # the working tree
    assert _ids(history, "--recorded-by", "2026-01-10") == ["france-joins", "germany-named"]
    assert _ids(history, "--recorded-by", "2025-12-20") == ["france-joins", "germany-named"]
    assert _ids(history, "--recorded-by", "2025-12-01") == ["france-joins"]  # the committer's own day
    # The articles as committed too: on 15 December the article said Monday, as the quote then did.
    old = _json("show", "france-joins", "--data", str(history), "--recorded-by", "2025-12-15")
    assert old["date"] == "2025-11-03"
    assert old["citations"][0]["quote"] == "France said on Monday it would join the accords."
    assert _json("show", "france-joins", "--data", str(history))["date"] == "2025-11-04"
    said = run("signatories", "--data", str(history), "--recorded-by", "2025-12", "--json").stderr
    assert said.startswith("tracker: Answered from ") and "as committed on 2025-12-15 (" in said
    assert "), the last commit by 2025-12-31.\n" in said


def test_recorded_by_a_day_before_the_first_commit_is_a_usage_error(history):
    result = run("timeline", "--data", str(history), "--recorded-by", "2025-11-30")
    assert result.exit_code == 2
    message = " ".join(result.stderr.split())
    assert "Invalid value for '--recorded-by':" in message
    assert "was not yet committed by 2025-11-30; its first commit is of 2025-12-01" in message
    assert "Traceback" not in result.stderr


def test_recorded_by_without_git_or_history_names_the_option(history, write_log, tmp_path):
    no_git = tmp_path / "empty-bin"
    no_git.mkdir()
    result = run("timeline", "--data", str(history), "--recorded-by", "2026-01", env={"PATH": str(no_git)})
    assert result.exit_code == 2 and "git, which is not installed" in result.stderr
    outside = write_log(HEADER + GOOD_EVENT)  # tmp_path itself is in no repository
    result = run("timeline", "--data", str(outside), "--recorded-by", "2026-01")
    assert result.exit_code == 2 and "is not in a git repository" in result.stderr
    untracked = history.parent / "new.yaml"
    untracked.write_text(LOG_IN_REPO + GOOD_EVENT, encoding="utf-8")
    result = run("timeline", "--data", str(untracked), "--recorded-by", "2026-01-10")
    assert result.exit_code == 2 and "git does not track it" in " ".join(result.stderr.split())
    assert "Invalid value for '--recorded-by'" in result.stderr
    _git(history.parent.parent, "add", str(untracked))  # tracked now, in no commit of that day
    result = run("timeline", "--data", str(untracked), "--recorded-by", "2026-01-10")
    assert result.exit_code == 2 and "it was added to the repository later" in " ".join(result.stderr.split())


def test_a_committed_log_that_is_invalid_is_reported_at_its_commit(history):
    history.write_text(LOG_IN_REPO + GOOD_EVENT.replace("2025-11-03", "2025-13-03"), encoding="utf-8")
    _git(history.parent.parent, "commit", "-q", "-am", "a bad date", when="2026-02-01T09:00:00+00:00")
    result = run("timeline", "--data", str(history), "--recorded-by", "2026-02-01")
    assert result.exit_code == 1
    sha = _git(history.parent.parent, "rev-parse", "HEAD").strip()[:12]
    # A date dropped: today's reader cannot take the log in whole, so one line and no answer.
    assert len(result.stderr.splitlines()) == 1
    assert (
        f"cannot be read as today's tracker reads a log, so it gives no answer: 1 problem of shape, the first at {sha}:data/events.yaml:13:11: "
        in result.stderr
    )
    listed = run("check", "--data", str(history), "--recorded-by", "2026-02-01")
    assert listed.exit_code == 1 and listed.stdout.startswith(f"{sha}:data/events.yaml:13:11: ")


def _fresh(*args: str, cwd: Path) -> subprocess.CompletedProcess[bytes]:
    """A whole process, through the front door, as a user runs it."""
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    env.pop("TRACKER_NO_CACHE", None)
    return subprocess.run(
        [sys.executable, "-m", "tracker", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        timeout=120,
        check=False,
    )


def test_recorded_by_answers_are_never_cached_so_never_stale(history, cache_home):
    assert not cachekey.answerable(["timeline", "--recorded-by", "2026-01"])
    assert not cachekey.answerable(["timeline", "--recorded-by=2026-01"])
    args = ("timeline", "--json", "--data", str(history), "--recorded-by", "2026-01-10")
    first = _fresh(*args, cwd=history.parent)
    assert first.returncode == 0, first.stderr
    assert [r["id"] for r in json.loads(first.stdout)] == ["france-joins", "germany-named"]
    assert not list(cache_home.rglob("*.entry"))  # nothing stored
    # The same day's commit rewritten: the next answer is the new one.
    _git(history.parent.parent, "add", "-A")
    _git(history.parent.parent, "commit", "-q", "--amend", "-m", "amended", when="2026-01-10T10:00:00+00:00")
    second = _fresh(*args, cwd=history.parent)
    assert [r["id"] for r in json.loads(second.stdout)] == ["france-joins", "germany-named", "germany-again"]


def test_check_holds_the_corrections_to_those_committed(history):
    repo = history.parent.parent
    fixed = CORRECTIONS.replace("germany-named", "france-joins").replace("source: art", "source: web")
    fixed = fixed.replace("was: 2025-11-04", "was: 2025-11-03")  # the date is the 4th here
    committed = history.read_text(encoding="utf-8") + fixed
    history.write_text(committed, encoding="utf-8")
    _git(repo, "commit", "-q", "-am", "corrections", when="2026-01-20T09:00:00+00:00")
    assert run("check", "--data", str(history)).exit_code == 0
    # Wrapped anew, a reason says the same: still the committed correction.
    history.write_text(committed.replace("Monday,\n      which", "Monday, which"), encoding="utf-8")
    assert run("check", "--data", str(history)).exit_code == 0, run("check", "--data", str(history)).stdout
    history.write_text(committed.replace("Renamed to match", "Renamed, to match"), encoding="utf-8")
    edited = run("check", "--data", str(history))
    assert edited.exit_code == 1
    sha = _git(repo, "rev-parse", "--short=12", "HEAD").strip()
    assert (
        f"correction #2 differs from the one committed in {sha}: corrections are never edited"
        in edited.stdout
    )
    history.write_text(committed[: committed.index("  - date: 2025-11-12")], encoding="utf-8")
    gone = run("check", "--data", str(history))
    assert gone.exit_code == 1 and f"correction #2 of commit {sha} (dated 2025-11-12) is gone" in gone.stdout
