"""The command tree a run needs, kept cheap: only the command asked for, its values passed through.

Typer builds a command by reading its function's signature and evaluating
every annotation (about 1 ms an option here), and at each run it coerces
every option's value through a pydantic adapter, built on first use: the
first one imports pydantic (tens of milliseconds), each one costs about a
millisecond more. `tracker` has some twenty commands and a hundred and fifty
options, and every value it takes is a string, a list of strings or a flag,
which it reads itself (`cli.args`). So a run builds only the command its
arguments name (`command_tree`), and values that coercion would hand back
unchanged (a string, strings, a flag's bool, None) are passed through
(`pass_plain_values`); any other value goes to Typer's own coercion, which
says what is wrong with it as it always has. benchmarks/typer_options.py
measures both costs; tests/test_tree.py holds the answers to Typer's.
"""

from __future__ import annotations

import copy
import os
from typing import Any

import typer

from tracker.cli.args import GLOBAL_FLAGS, GLOBAL_VALUES


def _command_name(info: Any) -> str | None:
    """A registered command's name as Typer gives it (the function's, dashed), or None if unsure."""
    if isinstance(info.name, str):
        return info.name
    callback = getattr(info, "callback", None)
    return callback.__name__.lower().replace("_", "-") if callback is not None else None


def _named(args: list[str]) -> str | None:
    """The command the arguments name, past the global options that may come before it."""
    rest = list(args)
    while rest:
        if rest[0] in GLOBAL_FLAGS or ("=" in rest[0] and rest[0].split("=", 1)[0] in GLOBAL_VALUES):
            rest = rest[1:]
        elif rest[0] in GLOBAL_VALUES and len(rest) > 1:
            rest = rest[2:]
        else:
            break
    return rest[0] if rest and not rest[0].startswith("-") else None


def command_tree(app: typer.Typer, args: list[str]) -> Any:
    """The click command that runs `args`: the app with only the command they name, when they name
    one; the whole app for anything else (no command, help, a misspelt name that click may suggest
    a near one for, shell completion)."""
    from typer.main import get_command

    name = _named(args)
    if name is None or any(key.endswith("_COMPLETE") for key in os.environ):
        return pass_plain_values(get_command(app))
    slim = _slim(app, name)
    return pass_plain_values(get_command(slim if slim is not None else app))


# The slim app made for each name, with the app it was made from: runs in one process (the tests) share it.
_SLIM: dict[str, tuple[typer.Typer, typer.Typer | None]] = {}


def _slim(app: typer.Typer, name: str) -> typer.Typer | None:
    """The app with only the command or group called `name` (and any whose name is unsure), or None
    when it has none of that name."""
    made = _SLIM.get(name)
    if made is not None and made[0] is app:
        return made[1]
    commands = [c for c in app.registered_commands if _command_name(c) in (name, None)]
    groups = [g for g in app.registered_groups if not isinstance(g.name, str) or g.name == name]
    slim = None
    if commands or groups:
        slim = copy.copy(app)
        slim.registered_commands, slim.registered_groups = commands, groups
    _SLIM[name] = (app, slim)
    return slim


class _Plain:
    """Typer's coercion of one parameter, for the values it would return unchanged; anything else is
    handed to the coercion Typer would have built (`typer._coercion`), made only then."""

    def __init__(self, param: Any, kind: type) -> None:
        self.param, self.kind = param, kind
        self.typers: Any = None

    def coerce(self, value: Any, param: Any, ctx: Any) -> Any:
        many = param.multiple or param.nargs == -1
        if value is None:
            return () if many else None
        if self.kind is list:
            if many and isinstance(value, (list, tuple)) and all(type(v) is str for v in value):
                return list(value)
        elif type(value) is self.kind and not many:
            return value
        elif self.kind is bool and type(value) is str and not many:  # a flag's environment variable
            word = value.strip().lower()
            if word in _WORDS:
                return _WORDS[word]
        return self._typers().coerce(value, param=param, ctx=ctx)

    def _typers(self) -> Any:
        if self.typers is None:
            from typer._coercion import build_runtime_param

            self.typers = build_runtime_param(self.param.type_descriptor)
        return self.typers


_PLAIN: dict[Any, type] = {str: str, bool: bool, list[str]: list}
# The words Typer's coercion reads as a flag's value (pydantic's, and empty for no): TRACKER_NO_CACHE=1.
_WORDS = {"": False, **dict.fromkeys(("1", "on", "t", "true", "y", "yes"), True)}
_WORDS.update(dict.fromkeys(("0", "off", "f", "false", "n", "no"), False))


def pass_plain_values(command: Any) -> Any:
    """`command` and its subcommands, with each parameter of a plain kind (a string, strings, a flag)
    coercing through `_Plain`, the help option too (made when first asked for). Parameters Typer does
    not describe as expected are left as they are. Once for each command, however often asked."""
    if getattr(command, "_tracker_plain", False):
        return command
    command._tracker_plain = True
    for param in command.params:
        _plain(param)
    made = command.get_help_option

    def help_option(ctx: Any) -> Any:
        option = made(ctx)
        if option is not None:
            _plain(option)
        return option

    command.get_help_option = help_option
    for sub in getattr(command, "commands", {}).values():
        pass_plain_values(sub)
    return command


def _plain(param: Any) -> None:
    descriptor = getattr(param, "type_descriptor", None)
    kind = _PLAIN.get(getattr(descriptor, "annotation", None))
    if kind is not None and getattr(param, "_runtime_param", "") is None:
        param._runtime_param = _Plain(param, kind)
