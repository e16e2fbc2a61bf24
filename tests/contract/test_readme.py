"""The README and docs/ stay true: their samples are what the commands print, and CI runs the test line."""

from __future__ import annotations

import re
import shlex

import pytest
from conftest import REPO, run

README = (REPO / "README.md").read_text(encoding="utf-8")
DOCS = {path.name: path.read_text(encoding="utf-8") for path in sorted((REPO / "docs").glob("*.md"))}
SAMPLE = re.compile(r"```console\n\$ (tracker [^\n]*)\n(.*?)```", flags=re.S)
SAMPLES = [
    (name, *found) for name, text in {"README.md": README, **DOCS}.items() for found in SAMPLE.findall(text)
]


def test_readme_and_docs_have_samples():
    assert len(SAMPLE.findall(README)) >= 6
    assert {"format.md", "contract.md", "performance.md", "architecture.md"} <= set(DOCS)
    assert len(SAMPLE.findall(DOCS["contract.md"])) >= 3


def test_readme_is_for_users_and_links_the_reference():
    assert len(README.splitlines()) <= 250
    for name in ("format.md", "contract.md", "performance.md", "architecture.md"):
        assert f"](docs/{name})" in README
    assert "## JSON output" in README  # the other commands' sections go just before it
    assert "italic" not in README


@pytest.mark.parametrize(
    ("document", "command", "expected"), SAMPLES, ids=[f"{d}: {c}" for d, c, _ in SAMPLES]
)
def test_sample_is_what_the_command_prints(document, command, expected, monkeypatch):
    monkeypatch.chdir(REPO)  # samples may name data/events.yaml
    result = run(*shlex.split(command)[1:], env={"COLUMNS": "100", "NO_COLOR": "1"})
    printed = [line.rstrip() for line in (result.stdout + result.stderr).rstrip("\n").splitlines()]
    shown = expected.rstrip("\n").splitlines()
    if shown[-1] == "…":  # an excerpt: the first lines of the output
        shown.pop()
        printed = printed[: len(shown)]
        assert len(shown) >= 5
    assert printed == shown


def test_quick_start_is_two_lines_and_ci_runs_the_test_line():
    block = README.split("## Quick start", 1)[1].split("```sh\n", 1)[1].split("```", 1)[0]
    install_and_run, install_and_test = block.strip().splitlines()
    assert install_and_run.endswith("tracker timeline")
    assert "'.[test]'" in install_and_test and install_and_test.endswith("pytest")
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    assert install_and_test in ci.splitlines()


def test_the_performance_table_is_the_committed_results():
    results = (REPO / "benchmarks" / "RESULTS.md").read_text(encoding="utf-8")

    def tables(text: str) -> list[str]:
        return re.findall(r"^\| log \| command \|.*?(?=\n\n|\Z)", text, flags=re.S | re.M)

    assert tables(DOCS["performance.md"]) == tables(results) != []
