"""A log's bytes to YAML nodes: what stops them from being read as YAML at all (bad UTF-8, raw control
characters, each at its line and column), and libyaml's parse with its errors located.

Apart from `reader` because it knows nothing of the log's fields: the whole
log (`reader.load`) and each chunk of an incremental read (`incremental`)
pass through it alike.
"""

from __future__ import annotations

import gc
import re

import yaml

from tracker.log.yamlstream import MAX_DEPTH, ItemReader, Node, TooDeep, compose, where
from tracker.model import Collector, Location, Problem, Problems


def preflight(raw: bytes, name: str) -> Problems:
    """What stops the bytes from being read as YAML at all: bad UTF-8, raw control characters."""
    try:
        raw.decode("utf-8")  # only to place the first bad byte; libyaml reads the bytes
    except UnicodeDecodeError as err:
        line = raw.count(b"\n", 0, err.start) + 1
        col = err.start - (raw.rfind(b"\n", 0, err.start) + 1) + 1
        bad = raw[err.start : err.start + 1].hex()
        return Problems([Problem(Location(name, line, col), f"not UTF-8 text (byte 0x{bad})")])
    return _controls(raw, name)


def parse(raw: bytes, name: str, streamed: dict[str, tuple[str, ItemReader]]) -> tuple[Node | None, Problems]:
    """The document's root, its items of `streamed` lists read on the way (yamlstream.compose), or the
    problems that stopped it: bad syntax, nesting too deep, aliases."""
    collecting = gc.isenabled()
    gc.disable()  # millions of acyclic objects: the collector would rescan them all, for nothing
    try:
        root, aliases = compose(raw, name, streamed)
    except yaml.MarkedYAMLError as err:
        what = " ".join(p for p in (err.context, err.problem) if p)
        mark = err.problem_mark or err.context_mark
        return None, Problems([Problem(where(name, mark), f"YAML syntax error: {what}")])
    except yaml.YAMLError as err:
        return None, Problems([Problem(Location(name, 1, 1), f"YAML error: {err}")])
    except TooDeep as err:
        return None, Problems(
            [Problem(err.where, f"nested deeper than {MAX_DEPTH} levels; a log needs about 6")]
        )
    finally:
        if collecting:
            gc.enable()
    return root, aliases


# Characters YAML refuses in a stream (C0 but tab, LF and CR; DEL; C1; U+FFFE and U+FFFF) and the
# line breaks only YAML sees (NEL, U+2028, U+2029: an editor shows one line where libyaml counts two),
# as UTF-8 bytes: the log is known to be UTF-8 by now, so each pattern can only be that character.
_CONTROL = re.compile(
    rb"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]|\xc2[\x80-\x9f]|\xe2\x80[\xa8\xa9]|\xef\xbf[\xbe\xbf]"
)
_BREAK = re.compile(rb"\r\n?|\n")
_PLAIN = bytes(range(0x20, 0x7F)) + b"\t\n\r"


def _controls(raw: bytes, name: str) -> Problems:
    """Each raw control character at its own line and column (libyaml would say only 'position N').

    Every byte is looked at once: the column is counted on from the last
    character found, and past the collector's limit characters are only counted.
    """
    found = Collector()
    # Fast path: printable ASCII dropped, what is left is short; UTF-8 keeps each character's bytes
    # together, so a character is found in what is left exactly when it is in the log.
    if _CONTROL.search(raw.translate(None, _PLAIN)) is None:
        return found.report()
    line, col, at = 1, 1, 0  # the line and column of byte `at`
    matches = _CONTROL.finditer(raw)
    for match in matches:
        breaks = list(_BREAK.finditer(raw, at, match.start()))
        if breaks:
            line, col, at = line + len(breaks), 1, breaks[-1].end()
        gone = raw[at : match.start()].decode("utf-8")
        col += len(gone.removeprefix("\ufeff") if at == 0 else gone)  # characters, as libyaml counts
        at = match.start()
        code = ord(match.group().decode("utf-8"))
        what = _CONTROL_NAMES.get(code, "control character")
        found.append(
            Problem(
                Location(name, line, col),
                f"{what} U+{code:04X} in the log; YAML allows it only escaped "
                f'in double quotes ("\\u{code:04x}")',
            )
        )
        if len(found) >= found.limit:
            found.more += sum(1 for _ in matches)
            break
    return found.report()


_CONTROL_NAMES = {0x85: "line break", 0x2028: "line separator", 0x2029: "paragraph separator",
                  0xFFFE: "non-character", 0xFFFF: "non-character"}  # fmt: skip
