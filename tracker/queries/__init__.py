"""Questions about a checked log, each a frozen dataclass answered by `run`: pure, no I/O.

Each family of questions is a module of its own (`membership`, `timeline`,
`due`, ...) holding its queries and their result types; code imports them
from there. This package imports none of them, so that a command pays only
for its own question, and a new question needs no line here. A name asked
of the package itself (`tracker.queries.Roster`) is looked up in its modules
in turn (`__getattr__`), for scripts and tests that import from it.
"""

from __future__ import annotations

import importlib
import os

TYPE_CHECKING = False
if TYPE_CHECKING:
    from types import ModuleType
    from typing import Any


def names() -> list[str]:
    """The package's modules, by name, in order."""
    here = os.path.dirname(__file__)
    return sorted(n[:-3] for n in os.listdir(here) if n.endswith(".py") and not n.startswith("_"))


def modules() -> list[ModuleType]:
    """Every module of the package, imported: where tests and docs find every question."""
    return [importlib.import_module(f"{__name__}.{name}") for name in names()]


def __getattr__(name: str) -> Any:
    if name in names():  # a module not imported yet
        return importlib.import_module(f"{__name__}.{name}")
    for module in modules():
        if name in vars(module) and not name.startswith("_"):
            value = vars(module)[name]
            globals()[name] = value
            return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
