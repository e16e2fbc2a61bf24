"""Country names as people write them (`tracker.countries`): codes, common short names and aliases in
any case, and for a name that is ambiguous or unknown, what to type instead."""

from __future__ import annotations

import builder as build
import pytest

from tracker import countries
from tracker.queries import Show

ALIASES = {
    "UAE": "AE", "Emirates": "AE", "uae": "AE", "UK": "GB", "uk": "GB", "Britain": "GB", "USA": "US",
    "Saudi": "SA", "KSA": "SA", "ksa": "SA",
    "US": "US", "America": "US", "Turkey": "TR", "Türkiye": "TR", "turkiye": "TR", "Russia": "RU",
    "Iran": "IR", "Syria": "SY", "Palestine": "PS", "Ivory Coast": "CI", "côte d'ivoire": "CI",
    "South Korea": "KR", "North Korea": "KP", "Czechia": "CZ", "Czech Republic": "CZ", "Vietnam": "VN",
    "Laos": "LA", "Bolivia": "BO", "Venezuela": "VE", "Tanzania": "TZ", "Moldova": "MD", "Taiwan": "TW",
    "Vatican": "VA", "Macedonia": "MK", "DR Congo": "CD", "sa": "SA", "KAZ": "KZ", "saudi arabia": "SA",
    "The Netherlands": "NL", "  Kazakhstan ": "KZ", "Russian Federation": "RU",
}  # fmt: skip


@pytest.mark.parametrize(("written", "code"), ALIASES.items())
def test_country_names_as_people_write_them(written, code):
    assert countries.read(written) == code


@pytest.mark.parametrize(
    ("written", "message"),
    [
        ("Congo", "'Congo' could mean Republic of the Congo (CG) or DR Congo (CD)"),
        ("korea", "'korea' could mean South Korea (KR) or North Korea (KP)"),
        ("Saudi Arabai", "unknown country 'Saudi Arabai'; did you mean Saudi Arabia (SA)?"),
        ("Kazakstan", "did you mean Kazakhstan (KZ)?"),
        ("Narnia", "unknown country 'Narnia'; give an ISO 3166 code such as KZ"),
    ],
)
def test_ambiguous_and_unknown_names_say_what_to_type(written, message):
    with pytest.raises(countries.CountryError) as err:
        countries.read(written)
    assert message in str(err.value)


def test_tables_and_json_show_common_short_names(shipped_log):
    assert [countries.name(c) for c in ("PS", "IR", "RU", "SY", "TR", "KR")] == [
        "Palestine", "Iran", "Russia", "Syria", "Türkiye", "South Korea",
    ]  # fmt: skip
    shown = build.rendered(Show("october-7-attack").run(shipped_log), "table")
    assert "Palestine (PS)" in shown and "State of" not in shown
