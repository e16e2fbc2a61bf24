"""ISO 3166-1 from pycountry's data: codes, the names people use, and reading what a user types.

The one reader of country names. `read` takes an alpha-2 or alpha-3 code, an
ISO name (short, official or common) or a name as people write it ("UAE",
"Britain", "Turkey", "Ivory Coast"), in any case and with or without accents,
and answers with an alpha-2 code or a `CountryError` that says what to type
instead: the choices for an ambiguous name, the nearest names for an unknown one.
`name` gives the short name tables and JSON show ("Palestine", not "Palestine, State of").

The countries are pycountry's ISO 3166-1 database, read from the file it
ships (`_countries`) rather than through `import pycountry`, which reads its
own package metadata and costs a run more than the rest of its start-up
together; tests/test_countries_data.py holds the two to the same rows.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from functools import cache

# Names shown for a code where pycountry's own (its common name, else its ISO name) is long or formal.
_SHORT = {
    "BN": "Brunei",
    "CC": "Cocos Islands",
    "CD": "DR Congo",
    "CG": "Republic of the Congo",
    "FK": "Falkland Islands",
    "FM": "Micronesia",
    "MF": "Saint Martin",
    "PS": "Palestine",
    "RU": "Russia",
    "SH": "Saint Helena",
    "SX": "Sint Maarten",
    "VA": "Vatican",
    "VG": "British Virgin Islands",
    "VI": "US Virgin Islands",
}

# Names and short forms people write that are neither an ISO name nor a code of the country.
_ALIASES = {
    "AE": ("UAE", "Emirates", "the Emirates", "U.A.E."),
    "SA": ("Saudi", "KSA", "Kingdom of Saudi Arabia"),
    "BH": ("Kingdom of Bahrain",),
    "MA": ("Kingdom of Morocco",),
    "GB": ("UK", "U.K.", "Britain", "Great Britain", "England", "Scotland", "Wales", "Northern Ireland"),
    "US": ("USA", "U.S.", "U.S.A.", "America", "United States of America"),
    "TR": ("Turkey",),
    "RU": ("Russia",),
    "IR": ("Iran", "Persia"),
    "SY": ("Syria",),
    "PS": ("Palestine", "State of Palestine", "Palestinian territories", "West Bank", "Gaza"),
    "CI": ("Ivory Coast", "Cote d'Ivoire"),
    "KR": ("South Korea", "Republic of Korea"),
    "KP": ("North Korea", "DPRK"),
    "CZ": ("Czech Republic",),
    "VN": ("Vietnam",),
    "LA": ("Laos",),
    "BO": ("Bolivia",),
    "VE": ("Venezuela",),
    "TZ": ("Tanzania",),
    "MD": ("Moldova",),
    "TW": ("Taiwan",),
    "VA": ("Vatican", "Vatican City", "Holy See"),
    "MK": ("Macedonia",),
    "CD": ("DR Congo", "DRC", "Congo-Kinshasa", "Democratic Republic of the Congo"),
    "CG": ("Congo-Brazzaville", "Republic of the Congo"),
    "SZ": ("Swaziland",),
    "MM": ("Burma",),
    "CV": ("Cape Verde",),
    "TL": ("East Timor",),
    "NL": ("Holland",),
    "BN": ("Brunei",),
    "FM": ("Micronesia",),
}

# Names that stand for more than one country: the user must choose.
_AMBIGUOUS = {
    "congo": ("CG", "CD"),
    "korea": ("KR", "KP"),
    "virgin islands": ("VG", "VI"),
}


class CountryError(ValueError):
    """What the user typed names no country, or more than one; the message says what to type."""


@cache
def _countries() -> list[dict[str, str]]:
    """pycountry's countries, each as the fields it gives them, in its order: its databases/iso3166-1.json,
    found without importing it; through pycountry itself where that file is not on disk."""
    import json
    from importlib.machinery import PathFinder

    spec = PathFinder.find_spec("pycountry")
    folders = list(spec.submodule_search_locations or []) if spec is not None else []
    for folder in folders:
        try:
            with open(f"{folder}/databases/iso3166-1.json", encoding="utf-8") as file:
                rows: list[dict[str, str]] = json.load(file)["3166-1"]
            return rows
        except (OSError, ValueError, KeyError):
            continue
    import pycountry

    return [dict(country) for country in pycountry.countries]


@cache
def _by_code() -> dict[str, dict[str, str]]:
    return {row["alpha_2"]: row for row in _countries()}


@cache
def name(code: str) -> str | None:
    """The short name for an alpha-2 code ("Palestine", "Iran", "Türkiye"), or None if it has none.

    A code is two capital letters: pycountry finds 'il' too, but in a log 'il' is an entity's id
    or a mistake, never Israel (what people type is read by `read`, in any case).
    """
    if len(code) != 2 or not (code.isascii() and code.isupper()):
        return None
    country = _by_code().get(code)
    if country is None:
        return None
    return _SHORT.get(code) or country.get("common_name") or country["name"]


def key(text: str) -> str:
    """Text as it is compared: any case, accents and punctuation dropped, one space between words.

    Characters that show as nothing (format characters: a zero-width space, a
    soft hyphen, a joiner or a bidi mark pasted with a name) are dropped too.
    """
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(c for c in decomposed if not unicodedata.combining(c) and unicodedata.category(c) != "Cf")
    plain = re.sub("[.'\u2019]", "", plain)
    words = re.sub(r"[\s,;:()/&+-]+", " ", plain).split()  # other characters stay, and fail to match
    if words[:1] == ["the"] and len(words) > 1:
        words = words[1:]
    return " ".join(words)


@cache
def _index() -> tuple[dict[str, str], dict[str, str]]:
    """(codes, names): alpha-2 and alpha-3 codes, and every name's key, to an alpha-2 code."""
    codes: dict[str, str] = {}
    names: dict[str, str] = {}
    for country in _countries():
        code = country["alpha_2"]
        codes[code.casefold()] = code
        codes[country["alpha_3"].casefold()] = code
        for written in (country["name"], country.get("official_name"), country.get("common_name")):
            if written:
                names.setdefault(key(written), code)
    for code, written in _SHORT.items():
        names[key(written)] = code
    for code, aliases in _ALIASES.items():
        for alias in aliases:
            names[key(alias)] = code
    for ambiguous in _AMBIGUOUS:
        names.pop(ambiguous, None)
    return codes, names


def read(text: str) -> str:
    """The alpha-2 code for what a user typed, or a CountryError saying what to type instead."""
    wanted, shown = key(text), text.strip(" \t")
    if not wanted:
        raise CountryError("no country given; give an ISO 3166 code such as KZ or a name such as Kazakhstan")
    codes, names = _index()
    if wanted in _AMBIGUOUS:
        choices = " or ".join(labelled(c) for c in _AMBIGUOUS[wanted])
        raise CountryError(f"'{shown}' could mean {choices}; give the code or the full name")
    found = codes.get(wanted) if len(wanted) <= 3 else None
    found = found or names.get(wanted)
    if found is not None:
        return found
    close = difflib.get_close_matches(wanted, list(names) + list(_AMBIGUOUS), n=6, cutoff=0.8)
    suggested = list(dict.fromkeys(c for k in close for c in _AMBIGUOUS.get(k, (names.get(k, ""),)) if c))
    hint = (
        f"; did you mean {' or '.join(labelled(c) for c in suggested[:3])}?"
        if suggested
        else "; give an ISO 3166 code such as KZ or a name such as Kazakhstan"
    )
    raise CountryError(f"unknown country '{shown}'{hint}")


def entity_key(text: str) -> str | None:
    """What a user typed as a log entity's id would be written ('Somaliland' → 'somaliland'),
    or None if it cannot be one. Entities (parties with no ISO code) are declared in a log, so
    only the query that has the log can say whether one exists."""
    slug = "-".join(key(text).split())
    return slug if re.fullmatch(r"[a-z0-9][a-z0-9-]*", slug) else None


def labelled(code: str) -> str:
    """'Saudi Arabia (SA)': a name with its code, for messages."""
    return f"{name(code) or code} ({code})"


def lookup(text: str) -> str | None:
    """An alpha-2 code for a code or a name, or None: `read` without the explanation."""
    try:
        return read(text)
    except CountryError:
        return None
