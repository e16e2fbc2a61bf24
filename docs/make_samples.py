"""Rewrite the samples in README.md and docs/*.md with what the commands print now.

    python docs/make_samples.py          # rewrite in place
    python docs/make_samples.py --check  # exit 1 if any sample is stale

Each ```console block whose first line is `$ tracker ...` is run from the
repository at 100 columns without colour, as tests/contract/test_readme.py runs it;
an excerpt (a block ending in a line `…`) keeps its number of lines. The
worked example in docs/curating.md (its ```text blocks) is replayed in a
scratch copy of the log, as tests/app/test_curate.py replays it.
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


def sample(command: str, old: str, cwd: Path, strip: bool = True) -> str:
    """The command's output for the block; `strip` as the README test compares (line ends trimmed),
    or byte for byte, as the curating guide's replay does (a diff's blank context line is a space)."""
    lines = [line.rstrip() if strip else line for line in run(command, cwd).rstrip("\n").splitlines()]
    shown = old.rstrip("\n").splitlines()
    if shown and shown[-1] == "…":
        lines = [*lines[: len(shown) - 1], "…"]
    return "\n".join(lines) + "\n"


def consoles(text: str) -> str:
    return CONSOLE.sub(lambda m: f"```console\n$ {m[1]}\n{sample(m[1], m[2], REPO)}```", text)


def worked_example(text: str) -> str:
    """The guide's steps on a scratch copy; its web page is the tests' article on 127.0.0.1, whose
    port the guide writes as 8000."""
    sys.path.insert(0, str(REPO / "tests"))
    from pages import serve

    os.environ["NO_PROXY"] = os.environ["no_proxy"] = "127.0.0.1,localhost"
    with serve() as site, tempfile.TemporaryDirectory() as scratch:
        here, shown = site.url(""), "http://127.0.0.1:8000"

        def step(m: re.Match[str]) -> str:
            command = m[1].replace(shown, here)
            out = sample(command, m[2], folder, strip=False).replace(here, shown)
            return f"```text\n$ {m[1]}\n{out}```"

        folder = Path(scratch)
        shutil.copytree(REPO / "data", folder / "data")
        shutil.copytree(REPO / "seeds", folder / "seeds")
        shutil.copy(REPO / "tests" / "articles" / "later-report.txt", folder / "later-report.txt")
        return STEP.sub(step, text)


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
