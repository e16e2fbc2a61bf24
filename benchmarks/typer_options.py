"""What Typer itself costs per option: building a command, and coercing its values at each run.

    python benchmarks/typer_options.py            # 1, 10 and 40 options, 15 fresh processes each
    python benchmarks/typer_options.py --runs 5

Each figure is the median over fresh processes of one app with one command
of N string options, every option given a value: the time to import typer,
to build the click command (`typer.main.get_command`: Typer reads the
function's signature and evaluates each annotation, written as text as in
tracker's modules, `from __future__ import annotations`), and to parse and run it
(each value coerced by a pydantic adapter built on first use; the first one
imports pydantic). "plain values" runs the same command with tracker's
shortcut (`tracker.cli.tree.pass_plain_values`), which hands strings through
as Typer's coercion would return them. Nothing here is a test.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]

CHILD = """\
import sys, time
count, plain = int(sys.argv[1]), sys.argv[2] == "plain"
start = time.perf_counter()
import typer
from typing import Annotated
from typer.main import get_command
imported = time.perf_counter()
names = [f"option{i}" for i in range(count)]
source = "from __future__ import annotations\\ndef command(" + ", ".join(
    f"{n}: Annotated[str | None, typer.Option()] = None" for n in names
) + "):\\n    pass\\n"
space = {"typer": typer, "Annotated": Annotated}
exec(source, space)
app = typer.Typer()
app.command()(space["command"])
app.command("other")(lambda: None)  # two commands: a group, as tracker's is
if plain:
    from tracker.cli.tree import pass_plain_values
defined = time.perf_counter()
command = get_command(app)
if plain:
    pass_plain_values(command)
built = time.perf_counter()
args = ["command"] + [a for n in names for a in (f"--{n}", "value")]
command.main(args, standalone_mode=False)
ran = time.perf_counter()
print(imported - start, built - defined, ran - built, "pydantic" in sys.modules)
"""


def measure(count: int, plain: bool, runs: int) -> tuple[float, float, float, bool]:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(REPO), os.environ.get("PYTHONPATH", "")])}
    rows = []
    for _ in range(runs):
        done = subprocess.run(
            [sys.executable, "-c", CHILD, str(count), "plain" if plain else "typer"],
            capture_output=True,
            text=True,
            env=env,
            check=True,
        )
        imported, built, ran, pydantic = done.stdout.split()
        rows.append((float(imported), float(built), float(ran), pydantic == "True"))
    return (
        statistics.median(r[0] for r in rows),
        statistics.median(r[1] for r in rows),
        statistics.median(r[2] for r in rows),
        rows[0][3],
    )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--counts", default="1,10,40")
    options = parser.parse_args()
    print("| options | values | import typer (ms) | build (ms) | per option (ms) | run (ms) | pydantic |")
    print("|---:|---|---:|---:|---:|---:|---|")
    for count in (int(c) for c in options.counts.split(",")):
        for plain in (False, True):
            imported, built, ran, pydantic = measure(count, plain, options.runs)
            print(
                f"| {count} | {'plain values' if plain else 'Typer coercion'} | {imported * 1000:.1f} | "
                f"{built * 1000:.1f} | {built * 1000 / count:.2f} | {ran * 1000:.1f} | "
                f"{'imported' if pydantic else 'not imported'} |"
            )


if __name__ == "__main__":
    main()
