"""The countries read from pycountry's data file are pycountry's own, without importing pycountry."""

from __future__ import annotations

import subprocess
import sys

import pycountry

from tracker import countries


def test_the_rows_are_pycountrys_countries_in_its_order():
    assert countries._countries() == [dict(c) for c in pycountry.countries]
    assert len(countries._countries()) > 240


def test_names_and_codes_read_as_through_pycountry():
    for country in pycountry.countries:
        code = country.alpha_2
        expected = countries._SHORT.get(code) or getattr(country, "common_name", None) or country.name
        assert countries.name(code) == expected
        assert countries.read(country.alpha_3) == code
    assert countries.read("Türkiye") == "TR" and countries.read("kazakhstan") == "KZ"
    assert countries.name("il") is None and countries.name("XX") is None


def test_reading_a_country_does_not_import_pycountry():
    code = (
        "import sys\n"
        "from tracker import countries\n"
        "assert countries.name('KZ') == 'Kazakhstan' and countries.read('UAE') == 'AE'\n"
        "print('pycountry' in sys.modules)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.stdout.strip() == "False", done.stderr
