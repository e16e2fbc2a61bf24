"""Values that arrive oddly, in whole processes (issue 19): arguments in the C locale are read as
UTF-8 at the door, and a reader that stops after one line ends a hit and a miss alike."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from conftest import GOOD_EVENT, HEADER


def _subprocess(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "tracker", *args],
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "NO_COLOR": "1", **(env or {})},
    )


C_LOCALE = {
    "LC_ALL": "C",
    "LANG": "C",
    "PYTHONUTF8": "0",
    "PYTHONIOENCODING": "utf-8",
    "TRACKER_NO_CACHE": "1",
}


def test_arguments_in_the_c_locale_are_read_as_utf8(write_log):
    """Python keeps the bytes of a non-ASCII argument as surrogates there: decoded once, at the door."""
    country = _subprocess("country", "Türkiye", "--json", env=C_LOCALE)
    assert country.returncode == 0, country.stderr
    assert json.loads(country.stdout)["code"] == "TR"
    path = write_log(HEADER + GOOD_EVENT)
    added = _subprocess(
        "add", "event", "--data", str(path), "--id", "tr-report", "--kind", "report", "--date", "2025-11-04",
        "--country", "TR", "--title", "Türkiye’s foreign minister speaks", "--cite", "art",
        "--quote", "France said on Monday it would join the accords.", "--dry-run", env=C_LOCALE,
    )  # fmt: skip
    assert added.returncode == 0, added.stderr
    assert "+    title: Türkiye’s foreign minister speaks" in added.stdout


def test_a_non_ascii_name_is_read_in_the_c_locale_and_a_non_utf8_argument_kept(tmp_path):
    from tracker.files import arguments

    assert arguments(["ascii", "T\udcc3\udcbcrkiye", "b\udcffd"]) == ["ascii", "Türkiye", "b\udcffd"]
    folder = tmp_path / "año"
    folder.mkdir()
    (folder / "artículo.txt").write_text(
        "France said on Monday it would join the accords.\n", encoding="utf-8"
    )
    log = folder / "registro.yaml"
    log.write_text(
        (HEADER + GOOD_EVENT)
        .replace("file: article.txt", "file: artículo.txt")
        .replace(
            "  - {id: web, url: https://example.org/report,\n     file: web.txt, retrieved: 2025-11-05}\n", ""
        ),
        encoding="utf-8",
    )
    result = _subprocess("check", "--data", str(log), env=C_LOCALE)
    assert result.returncode == 0 and "Traceback" not in result.stderr, result.stderr
    assert "OK, 1 events, 1 sources, 1 quotes verified" in result.stdout


def test_a_reader_that_stops_after_one_line_ends_a_hit_and_a_miss_alike(copy):
    """A short answer goes into the pipe whole, stored or fresh: the same exit status either way."""

    def head_1(*args: str) -> int:
        process = subprocess.Popen(
            [sys.executable, "-m", "tracker", *args, "--data", str(copy)],
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            env={**os.environ, "NO_COLOR": "1"},
        )
        assert process.stdout is not None and process.stdout.readline()
        process.stdout.close()
        return process.wait(timeout=120)

    assert head_1("country", "Israel") == 0  # stored now
    codes = {head_1("country", "Israel", "--no-cache"), head_1("country", "Israel")}
    assert codes == {0}
