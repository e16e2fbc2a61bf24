"""A fresh interpreter per run, as users run the command: the harness of the front door's tests.

`tracker(...)` runs `tracker.front.main` in a new Python and, at exit, writes the names of the
imported modules to a file given outside the environment the cache key reads, so the run's own
stdout and stderr stay exactly what the command printed. Used by tests/e2e/test_front.py and
tests/app/test_cachekey.py.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from conftest import GOOD_EVENT, HEADER, REPO, WEB_TEXT

HEAVY = {"typer", "click", "rich", "yaml", "pycountry", "dateutil", "pydantic", "ruamel", "rapidfuzz"}

HARNESS = """\
import atexit, json, sys
out = sys.argv.pop(1)
def dump():
    with open(out, "w") as f:
        json.dump(sorted({m.split(".")[0] for m in sys.modules}), f)
atexit.register(dump)
sys.argv = ["tracker", *json.loads(sys.argv.pop(1))]
from tracker.front import main
main()
"""


class Run:
    def __init__(self, done: subprocess.CompletedProcess[bytes], modules: set[str]) -> None:
        self.code, self.stdout, self.stderr, self.modules = done.returncode, done.stdout, done.stderr, modules

    @property
    def heavy(self) -> set[str]:
        return self.modules & HEAVY

    @property
    def output(self) -> tuple[int, bytes, bytes]:
        return self.code, self.stdout, self.stderr


def tracker(
    tmp_path: Path,
    *args: str,
    env: dict[str, str | None] | None = None,
    cwd: Path | None = None,
    stdout: int = subprocess.PIPE,
) -> Run:
    """`tracker ARGS` in a fresh interpreter, with stdout (unless given) and stderr as pipes."""
    record = tmp_path / "modules.json"
    record.unlink(missing_ok=True)
    environment = {**os.environ, "PYTHONPATH": str(REPO), **(env or {})}
    environment.pop("TRACKER_CACHE_DEBUG", None)
    environment = {k: v for k, v in environment.items() if v is not None}
    done = subprocess.run(
        [sys.executable, "-c", HARNESS, str(record), json.dumps(list(args))],
        stdout=stdout,
        stderr=subprocess.PIPE,
        env=environment,
        cwd=cwd or tmp_path,
        timeout=120,
    )
    modules = set(json.loads(record.read_text())) if record.exists() else set()
    return Run(done, modules)


def _log(folder: Path) -> Path:
    folder.mkdir(exist_ok=True)
    (folder / "article.txt").write_text(
        "France said on Monday it would join the accords.\n"
        "Germany was named as a “possible” member, officials said.\n",
        encoding="utf-8",
    )
    (folder / "web.txt").write_text(WEB_TEXT, encoding="utf-8")
    path = folder / "events.yaml"
    path.write_text(HEADER + GOOD_EVENT, encoding="utf-8")
    return path


def _cached(
    tmp_path: Path, *args: str, env: dict[str, str | None] | None = None, cwd: Path | None = None
) -> Run:
    """Run twice; the second run must be the front door's."""
    first = tracker(tmp_path, *args, env=env, cwd=cwd)
    second = tracker(tmp_path, *args, env=env, cwd=cwd)
    assert second.heavy == set() and second.output == first.output, (first.stderr, second.stderr)
    return second
