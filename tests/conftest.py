"""Shared helpers: the repository's paths, a CLI runner, and small logs on disk."""

from __future__ import annotations

import functools
import json
import textwrap
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
import typer.main
import typer.testing
from typer.testing import CliRunner, Result

from tracker.cli import app

REPO = Path(__file__).resolve().parents[1]
SHIPPED = REPO / "data" / "events.yaml"


def open_log(path: Path, shown: str | None = None, raw: bytes | None = None, *, today: date | None = None):
    """`tracker.log.open_log` checked against the day the test runs, unless a test gives another."""
    from tracker.log import open_log as opened

    return opened(path, shown, raw, today=today or date.today())


ARTICLE = (
    "France said on Monday it would join the accords.\n"
    "Germany was named as a “possible” member, officials said.\n"
)

# The snapshot of the web source `web`, and a quote from it.
WEB_TEXT = "The report says that France and Germany would join the accords soon, officials said.\n"
WEB_QUOTE = "France and Germany would join the accords soon"

# A small valid log; tests append events or edit it. Its corpus is the log's folder.
HEADER = """\
format: 1
roles:
  party: [IL]
  broker: [US]
sources:
  - id: art
    file: article.txt
  - {id: web, url: https://example.org/report,
     file: web.txt, retrieved: 2025-11-05}
events:
"""

# One valid event citing the article, for tests to append or damage.
GOOD_EVENT = """\
  - id: france-joins
    date: 2025-11-03
    kind: announcement
    countries: [FR, IL, US]
    subjects: [FR]
    title: France announces it will join
    cite:
      - source: art
        quote: France said on Monday it would join the accords.
"""


# Typer builds the click command from every function's signature on each run of an app (`invoke` in
# its test runner, `get_command` in `tracker.cli.main`): 85% of the CPU of an in-process run. The
# commands are registered once, at import, so the tests build each app's command once per session.
typer.main.get_command = functools.cache(typer.main.get_command)
if hasattr(typer.testing, "_get_command"):
    typer.testing._get_command = typer.main.get_command


def run(*args: str, env: dict[str, str] | None = None) -> Result:
    """Invoke the CLI in-process with stdout and stderr kept apart."""
    return CliRunner().invoke(app, list(args), env={"NO_COLOR": None, "COLUMNS": "120", **(env or {})})


def run_json(*args: str) -> list[dict]:
    result = run(*args, "--json")
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


@pytest.fixture(scope="session")
def shipped_log():
    """The shipped log, read and checked once for the whole session: queries and renderers only
    read it (the model is frozen), so every test may share it."""
    log, problems = open_log(SHIPPED)
    assert problems == [] and log is not None
    return log


@pytest.fixture
def write_log(tmp_path: Path) -> Callable[..., Path]:
    """Write a log (dedented) and its article into a fresh folder; return the log's path."""

    def write(text: str, *, article: str = ARTICLE, name: str = "events.yaml") -> Path:
        (tmp_path / "article.txt").write_text(article, encoding="utf-8")
        (tmp_path / "web.txt").write_text(WEB_TEXT, encoding="utf-8")
        path = tmp_path / name
        path.write_text(textwrap.dedent(text), encoding="utf-8")
        return path

    return write


@pytest.fixture
def copy(tmp_path: Path) -> Path:
    """A copy of the shipped log and its articles, laid out as in the repository."""
    import shutil

    (tmp_path / "data").mkdir()
    shutil.copy(SHIPPED, tmp_path / "data" / "events.yaml")
    shutil.copytree(REPO / "seeds", tmp_path / "seeds")
    return tmp_path / "data" / "events.yaml"


@pytest.fixture(autouse=True)
def no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    """No test reaches past this machine: a name that is not the loopback's fails as if unknown."""
    import socket

    real = socket.getaddrinfo

    def loopback_only(host: object, *args: object, **kwargs: object) -> object:
        if host not in ("127.0.0.1", "localhost", "::1", None):
            raise socket.gaierror(socket.EAI_NONAME, f"the tests reach no network (asked for {host})")
        return real(host, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(socket, "getaddrinfo", loopback_only)


@pytest.fixture(autouse=True)
def cache_home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test gets an empty cache of its own (subprocesses inherit it), never the user's."""
    folder = tmp_path_factory.mktemp("cache")
    monkeypatch.setenv("XDG_CACHE_HOME", str(folder))
    monkeypatch.delenv("TRACKER_NO_CACHE", raising=False)
    monkeypatch.delenv("TRACKER_CACHE_DEBUG", raising=False)
    return folder


from pages import site  # noqa: E402, F401  (the local news site, a fixture for every test module)
