"""`--recorded-by DATE` (issue 23, part 5): the answer the log gave as committed to git by a day, even
where that log fails today's rules; `check --recorded-by` lists what today's check finds in it; a commit
today's reader cannot take in whole gives one message and no answer. On a repository of three commits:
the first written before every citation had to carry its quote, the third with an id retired and an
assertion that still names it."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest
from conftest import ARTICLE, GOOD_EVENT, HEADER, WEB_TEXT, run
from gitrepo import git as _git

LOG = HEADER.replace("format: 1\n", "format: 1\ncorpus: ../seeds\n")

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

EXPECTED = """\
  - id: germany-expected
    status: expected
    kind: announcement
    countries: [DE, IL, US]
    subjects: [DE]
    title: Germany is expected to announce it will join
    cite:
      - source: web
        quote: France and Germany would join the accords soon
"""

RENAMED = """\
corrections:
  - date: 2026-01-09
    kind: retired
    event: germany-expected
    replaced_by: germany-to-join
    reason: Named as the other expectations are.
assertions:
  - id: germany-still-awaited
    question: expectation
    subject: germany-expected
    as_of: 2025-12-31
    is: {state}
"""


def _unquoted(text: str) -> str:
    """The log as written before every citation had to carry its quote."""
    return "".join(line for line in text.splitlines(keepends=True) if "quote:" not in line)


def _commit(log: Path, text: str, when: str) -> str:
    """Commit the log as `text` on the day `when`; its short id, as problems and notices name it."""
    repo = log.parent.parent
    log.write_text(textwrap.dedent(text), encoding="utf-8")
    _git(repo, "add", "-A")
    _git(repo, "commit", "-q", "-m", f"the log of {when}", when=when)
    return _git(repo, "rev-parse", "--short=12", "HEAD").strip()


@pytest.fixture
def repo(tmp_path: Path) -> tuple[Path, list[str]]:
    """The log in data/, its articles in seeds/, committed three times: 1 December 2025 without quotes,
    15 December with them and an expected event, 10 January 2026 with that event's id retired."""
    root = tmp_path / "repo"
    (root / "data").mkdir(parents=True)
    (root / "seeds").mkdir()
    (root / "seeds" / "article.txt").write_text(ARTICLE, encoding="utf-8")
    (root / "seeds" / "web.txt").write_text(WEB_TEXT, encoding="utf-8")
    _git(root, "init", "-q")
    log = root / "data" / "events.yaml"
    shas = [
        _commit(log, _unquoted(LOG + GOOD_EVENT + GERMANY), "2025-12-01T09:00:00+00:00"),
        _commit(log, LOG + GOOD_EVENT + GERMANY + EXPECTED, "2025-12-15T09:00:00+00:00"),
        _commit(
            log,
            LOG
            + GOOD_EVENT
            + GERMANY
            + EXPECTED.replace("germany-expected", "germany-to-join")
            + RENAMED.format(state="pending"),
            "2026-01-10T09:00:00+00:00",
        ),
    ]
    return log, shas


def _lines(text: str) -> list[str]:
    return text.splitlines()


def test_a_commit_that_fails_todays_rules_still_answers_and_says_so(repo):
    log, shas = repo
    result = run("timeline", "--json", "--data", str(log), "--recorded-by", "2025-12-01")
    assert result.exit_code == 0, result.stderr
    records = json.loads(result.stdout)
    assert [(r["id"], r["date"]) for r in records] == [
        ("france-joins", "2025-11-03"),
        ("germany-named", "2025-11-05"),
    ]
    shown = run("show", "france-joins", "--json", "--data", str(log), "--recorded-by", "2025-12-01")
    assert [(c["source"], c["quote"]) for c in json.loads(shown.stdout)["citations"]] == [("art", None)]
    assert _lines(result.stderr) == [
        f"tracker: Answered from {log} as committed on 2025-12-01 ({shas[0]}), the last commit by 2025-12-01.",
        "tracker: The log as committed then does not pass today's check (2 problems; "
        "`tracker check --recorded-by 2025-12-01` lists them): this is what that log answers.",
    ]
    # A table says it the same way (its caption on a terminal, stderr here), and so does a roster.
    table = run("signatories", "--data", str(log), "--recorded-by", "2025-12-01")
    assert table.exit_code == 0, table.stderr
    assert "France" in table.stdout
    assert "does not pass today's check (2 problems;" in table.stderr
    # A later commit that passes says nothing of the kind.
    clean = run("timeline", "--json", "--data", str(log), "--recorded-by", "2025-12-20")
    assert clean.exit_code == 0, clean.stderr
    assert [r["id"] for r in json.loads(clean.stdout)] == [
        "france-joins",
        "germany-named",
        "germany-expected",
    ]
    assert f"as committed on 2025-12-15 ({shas[1]})" in clean.stderr
    assert "today's check" not in clean.stderr


def test_check_recorded_by_lists_the_commits_problems_at_their_lines(repo):
    log, shas = repo
    result = run("check", "--data", str(log), "--recorded-by", "2025-12-01")
    assert result.exit_code == 1
    written = textwrap.dedent(_unquoted(LOG + GOOD_EVENT + GERMANY)).splitlines()
    first = written.index("      - source: art") + 1  # the citations, 1-based, as an editor counts
    second = written.index("      - source: web") + 1
    assert _lines(result.stdout) == [
        f"{shas[0]}:data/events.yaml:{first}:9: event 'france-joins' citation #1 is missing the field 'quote'",
        f"{shas[0]}:data/events.yaml:{second}:9: event 'germany-named' citation #1 is missing the field 'quote'",
    ]
    assert _lines(result.stderr) == [
        f"tracker: Checked {log} as committed on 2025-12-01 ({shas[0]}), the last commit by 2025-12-01.",
        f"{shas[0]}:data/events.yaml: 2 problems",
    ]
    records = json.loads(run("check", "--json", "--data", str(log), "--recorded-by", "2025-12-01").stdout)
    assert [(r["file"], r["line"], r["col"]) for r in records] == [
        (f"{shas[0]}:data/events.yaml", first, 9),
        (f"{shas[0]}:data/events.yaml", second, 9),
    ]
    # The commits since pass, the last with its assertion replayed.
    later = run("check", "--data", str(log), "--recorded-by", "2026-01")
    assert later.exit_code == 0, later.stdout
    assert _lines(later.stdout)[-1] == (
        f"{shas[2]}:data/events.yaml: OK, 3 events, 2 sources, 3 quotes verified in 2 stored texts, "
        "1 assertion replayed, 8 warnings"
    )
    # Standard input has no history.
    piped = run("check", "--data", "-", "--recorded-by", "2026-01")
    assert piped.exit_code == 2 and "the log on standard input has no git history" in piped.stderr


def test_the_working_log_is_held_to_todays_rules_as_ever(repo):
    log, _ = repo
    log.write_text(_unquoted(log.read_text(encoding="utf-8")), encoding="utf-8")
    result = run("timeline", "--json", "--data", str(log))
    assert result.exit_code == 1 and result.stdout == ""
    assert f"{log}:" in result.stderr and "is missing the field 'quote'" in result.stderr
    assert "is invalid (3 problems); nothing else was done" in result.stderr


def test_a_commit_todays_reader_cannot_take_in_whole_gives_one_message(repo):
    log, _ = repo
    # A month 13 (the date would be dropped) and an event that is not a mapping (the event would be).
    broken = LOG + GOOD_EVENT.replace("2025-11-03", "2025-13-03") + "  - germany-named\n"
    sha = _commit(log, broken, "2026-02-01T09:00:00+00:00")
    written = textwrap.dedent(broken).splitlines()
    date, item = written.index("    date: 2025-13-03") + 1, written.index("  - germany-named") + 1
    result = run("timeline", "--data", str(log), "--recorded-by", "2026-02-01")
    assert result.exit_code == 1 and result.stdout == ""
    assert _lines(result.stderr) == [
        f"tracker: {log} as committed on 2026-02-01 ({sha}), the last commit by 2026-02-01, cannot be read "
        "as today's tracker reads a log, so it gives no answer: 2 problems of shape, the first at "
        f"{sha}:data/events.yaml:{date}:11: event 'france-joins' date: '2025-13-03' is not a real date "
        "(there is no month 13); `tracker check --recorded-by 2026-02-01` lists every problem"
    ]
    listed = run("check", "--data", str(log), "--recorded-by", "2026-02-01")
    assert listed.exit_code == 1
    assert [line.split(": ", 1)[0] for line in _lines(listed.stdout)] == [
        f"{sha}:data/events.yaml:{date}:11",
        f"{sha}:data/events.yaml:{item}:5",
    ]
    # Bytes that are not YAML at all: one message too.
    sha = _commit(log, LOG + "  - id: [unclosed\n", "2026-02-02T09:00:00+00:00")
    result = run("signatories", "--json", "--data", str(log), "--recorded-by", "2026-02-02")
    assert result.exit_code == 1 and result.stdout == ""
    assert len(_lines(result.stderr)) == 1
    assert (
        f"cannot be read as today's tracker reads a log, so it gives no answer: 1 problem of shape, the first at {sha}:data/events.yaml:"
        in result.stderr
    )
    assert "YAML syntax error" in result.stderr


def test_an_assertion_naming_a_retired_id_asks_about_what_replaced_it(repo, write_log):
    log, _ = repo
    assert run("check", "--data", str(log)).exit_code == 0  # germany-expected: retired, still asked about
    # It is replayed, not passed over: a wrong state fails, with the answer for the event that replaced it.
    text = log.read_text(encoding="utf-8")
    log.write_text(text.replace("is: pending", "is: fulfilled"), encoding="utf-8")
    failed = run("check", "--data", str(log))
    assert failed.exit_code == 1
    assert failed.stdout.split(": ", 1)[1] == (
        "assertion 'germany-still-awaited' fails: it states the state of germany-expected as of 2025-12-31 "
        "is fulfilled; the log now answers pending\n"
    )
    # An id retracted, with nothing in its place, is no event to ask about (a log in no repository).
    retracted = RENAMED.format(state="pending").replace("    replaced_by: germany-to-join\n", "")
    gone = run(
        "check",
        "--data",
        str(write_log(HEADER + GOOD_EVENT + GERMANY + retracted.replace("retired", "retracted"))),
    )
    assert gone.exit_code == 1
    assert gone.stdout.split(": ", 1)[1] == (
        "assertion 'germany-still-awaited': event 'germany-expected' was retracted on 2026-01-09\n"
    )


def test_a_shallow_clone_says_its_history_is_cut_off(repo, tmp_path):
    log, _ = repo
    clone = tmp_path / "shallow"
    _git(tmp_path, "clone", "-q", "--depth", "1", log.parent.parent.as_uri(), str(clone))
    result = run("due", "--data", str(clone / "data" / "events.yaml"), "--recorded-by", "2025-12-20")
    assert result.exit_code == 2
    assert "history of " in result.stderr and "begins at 2026-01-10 (a shallow clone)" in result.stderr
    assert "git fetch --unshallow" in result.stderr


def test_a_log_git_does_not_track_is_said_so(repo):
    log, _ = repo
    untracked = log.with_name("draft.yaml")
    untracked.write_bytes(log.read_bytes())
    result = run("due", "--data", str(untracked), "--recorded-by", "2026-01-10")
    assert result.exit_code == 2 and "git does not track it" in result.stderr


def test_the_repository_is_the_one_holding_the_log_whatever_git_dir_says(repo, tmp_path, monkeypatch):
    """Inside a git hook GIT_DIR names the hook's repository: the log's own history is read all the same."""
    log, shas = repo
    other = tmp_path / "other"
    other.mkdir()
    _git(other, "init", "-q")
    monkeypatch.setenv("GIT_DIR", str(other / ".git"))
    monkeypatch.setenv("GIT_WORK_TREE", str(other))
    result = run("timeline", "--json", "--data", str(log), "--recorded-by", "2025-12-01")
    assert result.exit_code == 0, result.stderr
    assert f"({shas[0]})" in result.stderr
