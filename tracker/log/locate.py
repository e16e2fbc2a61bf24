"""Which log to read: `--data`, else TRACKER_DATA, else the shipped log.

The shipped log travels inside the wheel (`tracker/_shipped/`, see
pyproject.toml); in a source checkout it is `data/events.yaml` beside the
package, so the default works from any working directory in both cases.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent.parent
SHIPPED_LOG = _PACKAGE / "_shipped" / "data" / "events.yaml"
CHECKOUT_LOG = _PACKAGE.parent / "data" / "events.yaml"


def default_log() -> Path:
    return SHIPPED_LOG if SHIPPED_LOG.is_file() else CHECKOUT_LOG
