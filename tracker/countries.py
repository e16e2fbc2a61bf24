"""ISO 3166-1 through pycountry: codes, names, and reading what a user types."""

from __future__ import annotations

from functools import cache

import pycountry


@cache
def name(code: str) -> str | None:
    """The ISO English short name for an alpha-2 code, or None if it has none."""
    country = pycountry.countries.get(alpha_2=code)
    return country.name if country is not None else None


def lookup(text: str) -> str | None:
    """An alpha-2 code for an alpha-2 or alpha-3 code or a country name, any case."""
    try:
        return pycountry.countries.lookup(text.strip()).alpha_2
    except LookupError:
        return None
