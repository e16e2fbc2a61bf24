"""Rewrite the samples in README.md and docs/*.md with what the commands print now.

    python docs/make_samples.py          # rewrite in place
    python docs/make_samples.py --check  # exit 1 if any sample is stale

Each ```console block whose first line is `$ tracker ...` is run from the
repository at 100 columns without colour, as tests/test_readme.py runs it;
an excerpt (a block ending in a line `…`) keeps its number of lines. The
worked example in docs/curating.md (its ```text blocks) is replayed in a
scratch copy of the log, as tests/test_curate.py replays it.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
CONSOLE = re.compile(r"```console\n\$ (tracker [^\n]*)\n(.*?)```", flags=re.S)
STEP = re.compile(r"```text\n\$ (tracker [^\n]*)\n(.*?)```", flags=re.S)


def run(command: str, cwd: Path) -> str:
    env = {**os.environ, "COLUMNS": "100", "NO_COLOR": "1", "TRACKER_NO_CACHE": "1"}
    env.pop("TRACKER_DATA", None)
    env.pop("FORCE_COLOR", None)
    result = subprocess.run(
        [sys.executable, "-m", "tracker", *shlex.split(command)[1:]],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
    )
    return result.stdout + result.stderr


def sample(command: str, old: str, cwd: Path) -> str:
    lines = [line.rstrip() for line in run(command, cwd).rstrip("\n").splitlines()]
    shown = old.rstrip("\n").splitlines()
    if shown and shown[-1] == "…":
        lines = [*lines[: len(shown) - 1], "…"]
    return "\n".join(lines) + "\n"


def consoles(text: str) -> str:
    return CONSOLE.sub(lambda m: f"```console\n$ {m[1]}\n{sample(m[1], m[2], REPO)}```", text)


def worked_example(text: str) -> str:
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        shutil.copytree(REPO / "data", folder / "data")
        shutil.copytree(REPO / "seeds", folder / "seeds")
        shutil.copy(REPO / "tests" / "articles" / "later-report.txt", folder / "later-report.txt")
        return STEP.sub(lambda m: f"```text\n$ {m[1]}\n{sample(m[1], m[2], folder)}```", text)


def main() -> int:
    check = "--check" in sys.argv[1:]
    stale = []
    for path in [REPO / "README.md", *sorted((REPO / "docs").glob("*.md"))]:
        text = path.read_text(encoding="utf-8")
        new = consoles(text)
        if path.name == "curating.md":
            new = worked_example(new)
        if new != text:
            stale.append(path.relative_to(REPO))
            if not check:
                path.write_text(new, encoding="utf-8")
    for name in stale:
        print(f"{'stale' if check else 'rewrote'}: {name}")
    return 1 if check and stale else 0


if __name__ == "__main__":
    raise SystemExit(main())
