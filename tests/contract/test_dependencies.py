"""Dependencies for a fresh machine: every runtime dependency bounded above, and pinned within its range.

A fresh clone installs the newest release in each range; a major release of a dependency may change
what the program prints or how it parses (docs/contract.md), so each range stops before the next
one. CI installs with constraints.txt (PIP_CONSTRAINT in .ci/run): the versions last tested green,
each of which must lie inside the range pyproject.toml declares, or CI would test what no user gets.
"""

from __future__ import annotations

import tomllib

import pytest
from conftest import REPO
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

PROJECT = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
NAME = canonicalize_name(PROJECT["name"])
# What the program runs with: its dependencies and the extras that commands import (add source, cite).
RUNTIME = [
    Requirement(text)
    for text in [*PROJECT["dependencies"], *PROJECT["optional-dependencies"]["curate"],
                 *PROJECT["optional-dependencies"]["cite"]]
]  # fmt: skip
# Everything the test extra installs besides the project itself (tools need no upper bound).
TOOLS = [Requirement(t) for t in PROJECT["optional-dependencies"]["test"]]
TOOLS = [r for r in TOOLS if canonicalize_name(r.name) != NAME]


def pins() -> dict[str, Version]:
    found: dict[str, Version] = {}
    for line in (REPO / "constraints.txt").read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            name, _, version = line.partition("==")
            assert version, f"constraints.txt: '{line}' is not NAME==VERSION"
            found[canonicalize_name(name)] = Version(version)
    return found


def upper(requirement: Requirement) -> list[str]:
    return [str(s) for s in requirement.specifier if s.operator in ("<", "<=", "~=", "==")]


@pytest.mark.parametrize("requirement", RUNTIME, ids=lambda r: r.name)
def test_every_runtime_dependency_has_an_upper_bound(requirement):
    assert upper(requirement), f"{requirement} has no upper bound: its next major release could break us"


@pytest.mark.parametrize("requirement", RUNTIME + TOOLS, ids=lambda r: r.name)
def test_constraints_pin_each_dependency_within_its_range(requirement):
    pinned = pins().get(canonicalize_name(requirement.name))
    assert pinned is not None, f"constraints.txt does not pin {requirement.name}"
    assert requirement.specifier.contains(pinned, prereleases=True), (
        f"constraints.txt pins {requirement.name}=={pinned}, outside {requirement.specifier}"
    )


def test_the_checks_above_can_fail():
    """An unbounded range and a pin outside its range are both caught (the checks are not vacuous)."""
    assert upper(Requirement("rich>=13.7")) == []
    assert not Requirement("rich>=13.7,<15").specifier.contains(Version("15.0.0"))
    assert upper(Requirement("ruamel.yaml>=0.18,<0.20")) == ["<0.20"]


def test_ci_installs_with_the_constraints():
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    assert 'export PIP_CONSTRAINT="$PWD/constraints.txt"' in ci
    assert ci.index("PIP_CONSTRAINT") < ci.index("pip install")
