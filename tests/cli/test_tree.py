"""The command tree a run builds (`cli.tree`): only the command asked for, values coerced as Typer would.

A run builds the one command its arguments name and passes plain values
(strings, lists of strings, flags) through without Typer's pydantic
adapters; both are shortcuts, so these tests hold them to what Typer itself
does: the same help, the same errors, the same values.
"""

from __future__ import annotations

import pytest
import typer
from typer._coercion import build_runtime_param
from typer.main import get_command

from tracker.cli import app
from tracker.cli.tree import _named, _Plain, command_tree


def names(command: typer.core.TyperGroup) -> set[str]:
    return set(command.commands)


@pytest.mark.parametrize(
    ("args", "built"),
    [
        (["signatories", "--json"], {"signatories"}),
        (["--data", "x.yaml", "timeline"], {"timeline"}),
        (["--no-cache", "--data=x.yaml", "due"], {"due"}),
        (["add", "event", "--id", "x"], {"add"}),
        (["export", "sqlite", "-"], {"export"}),
    ],
)
def test_a_run_builds_only_the_command_it_names(args, built):
    assert names(command_tree(app, args)) == built


@pytest.mark.parametrize("args", [[], ["--help"], ["-h"], ["--version"], ["sigantories"], ["--data", "x"]])
def test_anything_else_gets_the_whole_tree(args):
    assert names(command_tree(app, args)) == names(get_command(app))


def test_completion_gets_the_whole_tree(monkeypatch):
    monkeypatch.setenv("_TRACKER_COMPLETE", "bash_complete")
    assert names(command_tree(app, ["signatories"])) == names(get_command(app))


def test_the_name_is_found_past_the_global_options_only():
    assert _named(["--no-pager", "--data", "a b", "country", "KZ"]) == "country"
    assert _named(["--as-of", "2025", "signatories"]) is None  # not global: click's to refuse


def every_param(command):
    yield from ((command, p) for p in command.params)
    for sub in getattr(command, "commands", {}).values():
        yield from every_param(sub)


def fresh_tree():
    """The whole tree as a run gets it, built anew: not the tests' shared command, which in-process
    runs (Typer's test runner) have already given Typer's own coercion."""
    from tracker.cli.tree import pass_plain_values

    return pass_plain_values(getattr(get_command, "__wrapped__", get_command)(app))


def test_every_option_of_every_command_passes_plain_values():
    """If a Typer release changes how parameters coerce, this fails rather than runs slower unseen."""
    tree = fresh_tree()
    params = list(every_param(tree))
    assert len(params) > 100
    for command, param in params:
        assert isinstance(param._runtime_param, _Plain), (command.name, param.name)


VALUES = [
    None,
    "",
    "x",
    "2025-11-07",
    " spaced ",
    ("a", "b"),
    ["a"],
    (),
    True,
    False,
    "1",
    "no",
    "On",
    "maybe",
    3,
]
VALUES += ["0", " yes ", "No", "OFF", "t", "F", "y", "n", "true", "False", "2", "oui", "\t", " "]


def outcome(runtime, value, param):
    try:
        return ("value", runtime.coerce(value, param=param, ctx=None))
    except Exception as err:
        return ("error", type(err).__name__, str(err))  # the error, as it would print


def test_plain_values_coerce_as_typers_own_coercion_does():
    for _, param in every_param(fresh_tree()):
        typers = build_runtime_param(param.type_descriptor)
        for value in VALUES:
            assert outcome(param._runtime_param, value, param) == outcome(typers, value, param), (
                param.name,
                value,
            )


@pytest.mark.parametrize(
    "args",
    [
        ["signatories", "-h"],
        ["add", "event", "--help"],
        ["export", "-h"],
        ["timeline", "--since"],
        ["signatories", "--as-off", "2025"],
        ["country"],
    ],
)
def test_help_and_usage_errors_are_the_whole_trees(args, capsys):
    """The one command built alone says what it says inside the whole tree, word for word."""

    def said(command):
        try:
            command.main(args, prog_name="tracker", standalone_mode=False)
        except typer.Exit:
            pass
        except Exception as err:
            return type(err).__name__, err.format_message()  # type: ignore[attr-defined]
        return capsys.readouterr().out

    assert said(command_tree(app, args)) == said(get_command(app))


def test_a_flag_from_the_environment_needs_no_pydantic():
    import json
    import os
    import subprocess
    import sys

    from conftest import SHIPPED

    code = (
        "import sys\n"
        "from tracker.front import main\n"
        "sys.argv = ['tracker', 'signatories', '--json', '--data', sys.argv[1]]\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'pydantic', 'typer'}), file=sys.stderr)\n"
    )
    env = {**os.environ, "TRACKER_NO_CACHE": "1"}
    done = subprocess.run(
        [sys.executable, "-c", code, str(SHIPPED)], capture_output=True, text=True, env=env, timeout=60
    )
    assert json.loads(done.stdout)[0]["code"] == "AE"
    assert done.stderr.strip().splitlines()[-1] == "['typer']"
