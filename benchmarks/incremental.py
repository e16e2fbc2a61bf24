"""The curator's loop on a large log, with and without the store of remembered work (issue 21, part 1).

    python benchmarks/incremental.py --events 10000          # a real-shaped log of 10,000 events
    python benchmarks/incremental.py --events 100000 --runs 1

Each step is a fresh `python -m tracker` process of this checkout (PYTHONPATH is the repository, or
the one given with --repo, to compare; the log is made by that checkout's generate.py and shipped log),
timed for its wall time, its CPU time (user and system: a shared machine moves it less than the
wall time) and its peak memory. The cache folder is a temporary one; the answer cache never
answers here (each question is asked for a day it was not asked for before), so every answer reads
the log: from the store when it is warm. The steps, on a copy of a log made by generate.py --real:

- `signatories --json` with no store (--no-cache), and with an empty one (cold: it fills the store);
- `add event ... --dry-run` with no store at all (TRACKER_NO_CACHE=1), with an empty store (cold)
  and again (warm);
- the addition made (warm), and `signatories --json` after it;
- a title edited by hand in the middle of the log, and `signatories --json` after it.

Nothing here is a test.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
ADD = [
    "add", "event", "--id", "bench-new-event", "--date", "2025-11-06", "--kind", "report", "--country", "KZ",
    "--title", "A report added by the benchmark", "--cite", "seed-000",
    "--quote", "its inclusion in the accords would carry symbolic weight",
]  # fmt: skip


EDIT = """
import sys
path = sys.argv[1]
text = open(path, encoding="utf-8").read()
middle = text.index("    title: ", len(text) // 2)
open(path, "w", encoding="utf-8").write(text[:middle] + "    title: Edited by hand, " + text[middle + 11 :])
"""  # a title in the middle of the log edited by hand, in a process of its own


@dataclass
class Step:
    label: str
    wall: float
    cpu: float
    peak_mib: float


def run(argv: list[str], env: dict[str, str]) -> tuple[float, float, float]:
    """Wall seconds, CPU seconds and peak memory (MiB) of one process, its output thrown away."""
    start = time.perf_counter()
    child = subprocess.Popen(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    assert child.stderr is not None
    errors = child.stderr.read()  # drained while it runs: a full pipe would stop it
    _, status, usage = os.wait4(child.pid, 0)
    wall = time.perf_counter() - start
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode != 0:
        raise SystemExit(f"{' '.join(argv)} failed ({child.returncode}):\n{errors.decode(errors='replace')}")
    peak = usage.ru_maxrss / 1024 if sys.platform != "darwin" else usage.ru_maxrss / 1024 / 1024
    return wall, usage.ru_utime + usage.ru_stime, peak


def best(
    argv: Callable[[], list[str]], env: dict[str, str], runs: int, before: Callable[[], None] | None = None
) -> tuple[float, float, float]:
    """The run with the least CPU time of `runs`; `before` resets the state before each run."""
    found = []
    for _ in range(runs):
        if before is not None:
            before()
        found.append(run(argv(), env))
    return min(found, key=lambda figure: figure[1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=10000)
    parser.add_argument("--runs", type=int, default=3, help="runs of each step; the least CPU time is kept")
    parser.add_argument(
        "--repo", type=Path, default=REPO, help="the checkout to measure (another, to compare)"
    )
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="tracker-incremental-"))
    try:
        steps = measure(work, args.events, args.runs, args.repo.resolve())
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(f"\n{args.events:,} real-shaped events, best of {args.runs} by CPU time:\n")
    print("| step | wall (s) | CPU (s) | peak MiB |")
    print("|---|---:|---:|---:|")
    for step in steps:
        print(f"| {step.label} | {step.wall:.2f} | {step.cpu:.2f} | {step.peak_mib:.0f} |")


def measure(work: Path, events: int, runs: int, repo: Path) -> list[Step]:
    source = work / "generated"
    subprocess.run(  # the checkout's own generator and shipped log: the log it reads without a problem
        [sys.executable, str(repo / "benchmarks" / "generate.py"), "--real", str(events), str(source)],
        check=True,
        stdout=subprocess.DEVNULL,
        env={**os.environ, "PYTHONPATH": str(repo)},
    )
    log = source / "events.yaml"
    pristine = work / "pristine.yaml"  # on disk: a child inherits the peak memory of the parent it forks
    shutil.copyfile(log, pristine)
    cache = work / "cache"
    env = {k: v for k, v in os.environ.items() if k != "TRACKER_NO_CACHE" and not k.startswith("TRACKER_")}
    env.update({"PYTHONPATH": str(repo), "XDG_CACHE_HOME": str(cache), "NO_COLOR": "1"})
    tracker = [sys.executable, "-m", "tracker"]
    data = ["--data", str(log)]
    days = iter(range(1000))

    def question() -> list[str]:  # a day not asked about before: the answer cache has no answer
        day = date(2026, 1, 1) + timedelta(days=next(days))
        return [*tracker, "signatories", "--json", "--as-of", day.isoformat(), *data]

    def empty_store() -> None:
        shutil.rmtree(cache, ignore_errors=True)

    def restore() -> None:
        shutil.copyfile(pristine, log)

    steps: list[Step] = []

    def step(label: str, figure: tuple[float, float, float]) -> None:
        steps.append(Step(label, *figure))
        print(f"{label}: {figure[0]:.2f} s, CPU {figure[1]:.2f} s, {figure[2]:.0f} MiB", file=sys.stderr)

    def dry() -> list[str]:
        return [*tracker, *ADD, *data, "--dry-run"]

    step("signatories --json, no store (--no-cache)", best(lambda: [*question(), "--no-cache"], env, runs))
    step("signatories --json, empty store (cold)", best(question, env, runs, empty_store))
    step("add --dry-run, no store", best(dry, {**env, "TRACKER_NO_CACHE": "1"}, runs))
    step("add --dry-run, empty store (cold)", best(dry, env, runs, empty_store))
    step("add --dry-run, warm store", best(dry, env, runs))
    step("add, warm store", best(lambda: [*tracker, *ADD, *data], env, runs, restore))
    step("signatories --json after the addition", best(question, env, runs))
    subprocess.run([sys.executable, "-c", EDIT, str(log)], check=True)  # the log's text never in this process
    step("signatories --json after an edit by hand", best(question, env, runs))
    return steps


if __name__ == "__main__":
    main()
