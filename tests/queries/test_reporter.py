"""A reporter's commands on the shipped log: country, changes, cite; country names; article paths."""

from __future__ import annotations

import json

import pytest
from conftest import REPO, SHIPPED, run, run_json

from tracker import countries


@pytest.fixture(autouse=True)
def _checkout_log(monkeypatch):
    """Paths in answers are from the working folder to the log's articles: use the checkout's log,
    whether the package is installed as a link to it or as a copy."""
    monkeypatch.setenv("TRACKER_DATA", str(SHIPPED))


# -- country -------------------------------------------------------------------


def test_country_gives_kazakhstans_lifecycle_from_candidate_to_announced():
    page = run_json("country", "Kazakhstan", "--as-of", "2025-11-10")
    assert (page["code"], page["country"], page["role"], page["status"]) == (
        "KZ",
        "Kazakhstan",
        "member",
        "announced",
    )
    assert page["as_of"] == "2025-11-10"
    assert [(s["from"], s["status"], s["date"], s["event"]) for s in page["lifecycle"]] == [
        (None, "candidate", "2025-08", "reuters-azerbaijan-central-asia"),
        ("candidate", "announced", "2025-11-06", "kazakhstan-announcement"),
    ]
    assert page["lifecycle"][1]["sources"] == ["seed-002", "anews-kz", "tass-kz", "aa-kz"]
    assert page["candidacy"]["named_by"] == ["seed-001"]
    assert page["candidacy"]["implied_by"] == [
        "commonspace-az",
        "ocmedia-az",
        "pakistantoday-az-central-asia",
    ]
    states = {e["event"]: e["expectation"] for e in page["expectations"]}
    assert states == {
        "kazakhstan-signing-at-summit-expected": "overdue",
        "kazakhstan-announcement-expected": "fulfilled",
        "kazakhstan-signing-ceremony": "pending",
    }
    assert [r["event"] for r in page["relations"]] == [
        "kz-il-consular-ties",
        "kz-il-embassies",
        "netanyahu-visits-kazakhstan",
    ]
    assert "kazakhstan-mfa-confirmation" in [e["id"] for e in page["events"]]
    # seed-003's expectation that Tokayev would announce it is the expectation itself, not a
    # disagreement; the sources differ on when Kazakhstan's embassy in Israel opened.
    disagreements = {(d["event"], d["source"]): d for d in page["disagreements"]}
    assert set(disagreements) == {
        ("kz-il-embassies", "wiki-israel-kazakhstan"),
        ("kz-il-embassies", "kazemb-israel-archive"),
    }
    wiki = disagreements["kz-il-embassies", "wiki-israel-kazakhstan"]
    assert "Puts Kazakhstan's embassy in Israel in May 1996" in wiki["says"]
    assert wiki["quote"].endswith("The embassy of Kazakhstan in Israel opened in May 1996.")
    assert wiki["event_date"] == "1992" and "wiki-israel-kazakhstan" not in wiki["event_sources"]


def test_country_known_by_a_day_before_the_announcement_sees_a_candidate():
    page = run_json("country", "KZ", "--as-of", "2025-11-10", "--known-by", "2025-10-31")
    assert page["status"] == "candidate" and page["role"] is None
    assert [s["status"] for s in page["lifecycle"]] == ["candidate"]
    assert page["expectations"] == []  # nothing about the announcement had been published


def test_country_gives_moroccos_disagreements_each_with_its_source():
    page = run_json("country", "morocco", "--as-of", "2025-11-10")
    assert [s["status"] for s in page["lifecycle"]] == ["announced", "signed"]
    found = {(d["event"], d["source"]): d for d in page["disagreements"]}
    assert set(found) == {
        ("morocco-signing", "notizie-morocco"),
        ("morocco-signing", "seed-000"),
        ("morocco-signing", "seed-002"),
    }
    later = found["morocco-signing", "seed-000"]
    assert later["says"] == "gives the date as 2020 (vague wording)"
    assert later["quote"] == "Morocco established ties with Israel later the same year."
    assert later["event_date"] == "2020-12-22" and "seed-000" not in later["event_sources"]
    assert "resuming ties frozen in 2002" in found["morocco-signing", "notizie-morocco"]["says"]


def test_country_page_table_names_its_sections():
    out = run("country", "MA", "--as-of", "2025-11-10", env={"COLUMNS": "80"}).stdout
    assert out.startswith("Morocco (MA): member, signed as of 2025-11-10\n")
    for heading in ("Lifecycle", "Where sources differ", "Events involving Morocco (3)"):
        assert heading in out
    assert max(len(line) for line in out.splitlines()) <= 80


def test_country_the_party_and_a_bystander():
    israel = run_json("country", "Israel", "--as-of", "2025-11-10")
    assert (israel["role"], israel["status"]) == ("party", "signed")
    assert [s["event"] for s in israel["lifecycle"]] == ["uae-announcement", "uae-bahrain-signing"]
    armenia = run_json("country", "Armenia", "--as-of", "2025-11-10")
    assert (armenia["role"], armenia["status"], armenia["lifecycle"]) == (None, None, [])
    assert [e["id"] for e in armenia["events"]] == [
        "armenia-azerbaijan-washington-declaration",  # 2025-08-08, before the month-long 2025-08
        "azerbaijan-armenia-precondition",
    ]


# -- changes -------------------------------------------------------------------


def test_changes_between_1_and_10_november_2025():
    rows = run_json("changes", "--since", "2025-11-01", "--until", "2025-11-10")
    status = [r for r in rows if r["change"] == "status"]
    assert [(r["code"], r["from"], r["to"], r["date"], r["event"]) for r in status] == [
        ("KZ", "candidate", "announced", "2025-11-06", "kazakhstan-announcement")
    ]
    assert status[0]["sources"] == ["seed-002", "anews-kz", "tass-kz", "aa-kz"]
    conditions = [(r["code"], r["date"], r["event"]) for r in rows if r["change"] == "condition"]
    assert conditions == [
        ("SA", "2025-11-06", "saudi-arabia-palestinian-statehood-condition"),
        ("SA", "2025-11-09", "saudi-roadmap-before-visit"),
        ("SY", "2025-11-10", "sharaa-no-direct-accords-talks"),
    ]
    expected = {(r["event"], r["from"], r["to"], r["by"]) for r in rows if r["change"] == "expectation"}
    assert expected == {
        ("kazakhstan-announcement-expected", None, "fulfilled", "kazakhstan-announcement"),
        ("kazakhstan-signing-at-summit-expected", None, "overdue", None),
        ("saudi-crown-prince-visit", None, "pending", None),
        ("kazakhstan-signing-ceremony", None, "pending", None),
    }
    table = run("changes", "--since", "2025-11-01", "--until", "2025-11-10", env={"COLUMNS": "200"})
    assert table.stdout.startswith(
        "+3 condition: Saudi Arabia (2025-11-06), Saudi Arabia (2025-11-09), Syria (2025-11-10); "
        "+1 announced: Kazakhstan (2025-11-06); "
        "expectations: 1 came due (overdue), 1 fulfilled, 2 newly reported"
    )


def test_changes_in_september_2020_have_the_uae_signing():
    rows = run_json("changes", "--since", "2020-09", "--until", "2020-09")
    assert [(r["code"], r["from"], r["to"], r["date"], r["event"]) for r in rows] == [
        ("BH", None, "announced", "2020-09-11", "bahrain-announcement"),
        ("AE", "announced", "signed", "2020-09-15", "uae-bahrain-signing"),
        ("BH", "announced", "signed", "2020-09-15", "uae-bahrain-signing"),
    ]
    assert {r["since"] for r in rows} == {"2020-09-01"} and {r["until"] for r in rows} == {"2020-09-30"}


def test_changes_counts_a_partial_date_only_in_a_window_holding_its_last_day():
    """A month-long date (2025-08: the Reuters report, Azerbaijan's precondition) is over only on its
    last day; a month-long window sees the new candidates and conditions."""
    early = run_json("changes", "--since", "2025-08-01", "--until", "2025-08-30")
    assert [r for r in early if r["change"] != "event"] == []  # 2025-08 is over only on the 31st
    august = run_json("changes", "--since", "2025-08", "--until", "2025-08")
    assert ("AZ", "condition") in {(r["code"], r["to"]) for r in august}
    assert {r["code"] for r in august if r["to"] == "candidate"} == {"AZ", "KG", "KZ", "TJ", "TM", "UZ"}


def test_changes_window_backwards_is_a_usage_error():
    result = run("changes", "--since", "2025-12", "--until", "2025-11")
    assert result.exit_code == 2 and "--since 2025-12 is after --until 2025-11" in result.stderr


# -- cite ----------------------------------------------------------------------


def _article(name: str) -> str:
    return " ".join((REPO / "seeds" / name).read_text(encoding="utf-8").split())


def test_cite_prints_outlet_date_file_and_a_quote_verbatim_in_its_article(monkeypatch):
    monkeypatch.chdir(REPO)
    out = run("cite", "kazakhstan-announcement").stdout
    lines = out.splitlines()
    assert lines[0].startswith("kazakhstan-announcement: Trump announces that Kazakhstan will join")
    # One reference per source, its quotes beneath it; a supplied title is shown in brackets.
    local = (
        "1. Outlet not named, “[Report that Trump announced Kazakhstan is set to join the Abraham Accords]”, "
        "published 2025-11 (date inferred). local article seeds/002_8053211c4aa149c3.txt [seed-002]"
    )
    assert local in lines
    first = lines.index(local) + 1
    quotes = []
    while lines[first].startswith("   “"):
        quotes.append(lines[first].strip())
        first += 1
    assert len(quotes) == 3  # seed-002 is cited three times for this event
    for quote in quotes:
        assert quote.startswith("“") and quote.endswith("”")
        assert quote[1:-1] in _article("002_8053211c4aa149c3.txt")
    assert (
        quotes[0]
        == "“US President Donald Trump announced on Thursday that Kazakhstan is set to join the Abraham Accords”"
    )
    references = [line for line in lines if line[:1].isdigit()]
    assert [line.rsplit(" ", 1)[1] for line in references] == [
        "[seed-002]",
        "[anews-kz]",
        "[tass-kz]",
        "[aa-kz]",
    ]
    assert (
        "3. TASS, “[Trump says Kazakhstan is the first country of his second term to join the accords]”, "
        "published 2025-11-07. https://tass.com/world/2040305 (accessed 2026-12-06) [tass-kz]"
    ) in lines
    assert (
        "4. Anadolu Agency, “Trump says Kazakhstan has agreed to join Abraham Accords”, publication date unknown. "
        "https://www.aa.com.tr/en/americas/trump-says-kazakhstan-has-agreed-to-join-abraham-accords/3737253 "
        "(accessed 2026-12-06) [aa-kz]"
    ) in lines
    assert "pages/" not in out  # a web source is cited by its URL, not its snapshot


def test_cite_names_the_outlet_where_the_log_records_it():
    out = run("cite", "witkoff-miami-forum").stdout
    assert (
        "1. The National, “Kazakhstan to join the Abraham Accords, White House says”, published 2025-11-06. "
        in out
    )
    assert (
        "3. Ynet, “[Kazakhstan poised to join the Abraham Accords, a White House official tells Ynet]”, "
        "published 2025-11-06 (date inferred). https://www.ynetnews.com/article/sy8oqic1zl [seed-001]"
    ) in out
    assert (
        "2. Firstpost, “Kazakhstan set to join Abraham Accords in symbolic move at Central Asia summit”, "
        in out
    )
    assert (
        "5. The Yeshiva World, “Kazakhstan expected to join Abraham Accords with Israel on Thursday night”"
        in out
    )
    # seed-002's outlet is not established: it is not guessed
    assert (
        "4. Outlet not named, “[Report that Trump announced Kazakhstan is set to join the Abraham Accords]”"
        in out
    )


def test_cite_markdown_and_csl_json(monkeypatch):
    monkeypatch.chdir(REPO)
    markdown = run("cite", "kazakhstan-announcement", "--style", "markdown").stdout
    assert (
        "1. Outlet not named, “\\[Report that Trump announced Kazakhstan is set to join the Abraham Accords\\]”, "
        "published 2025-11 (date inferred). local article `seeds/002_8053211c4aa149c3.txt` \\[seed-002\\]"
    ) in markdown.splitlines()
    assert (
        "   > “US President Donald Trump announced on Thursday that Kazakhstan is set to join the Abraham Accords”"
        in markdown.splitlines()
    )
    assert (
        "3. *TASS*, " in markdown
        and "<https://tass.com/world/2040305> (accessed 2026-12-06) \\[tass-kz\\]" in markdown
    )
    items = json.loads(run("cite", "witkoff-miami-forum", "--style", "csl-json").stdout)
    by_id = {i["id"]: i for i in items}
    assert list(by_id) == ["seed-004", "seed-000", "seed-001", "seed-002", "seed-003"]  # one per source
    national = by_id["seed-004"]
    assert national["type"] == "article-newspaper" and national["container-title"] == "The National"
    assert national["issued"] == {"date-parts": [[2025, 11, 6]]}
    assert national["title"] == "Kazakhstan to join the Abraham Accords, White House says"
    assert national["URL"].startswith("https://www.thenationalnews.com/news/us/2025/11/06/")
    assert "accessed" not in national  # the article is stored locally, not a retrieved web snapshot
    assert "“Mr Witkoff had told the America Business Forum in Miami, Florida:”" in national["note"]
    assert (
        by_id["seed-000"]["container-title"] == "Firstpost"
        and by_id["seed-000"]["type"] == "article-newspaper"
    )
    assert "Publication date inferred:" in by_id["seed-000"]["note"]
    assert (
        by_id["seed-001"]["title"]
        == "[Kazakhstan poised to join the Abraham Accords, a White House official tells Ynet]"
    )
    unnamed = by_id["seed-002"]
    assert unnamed["issued"] == {"date-parts": [[2025, 11]]}
    assert "container-title" not in unnamed and "URL" not in unnamed
    assert "Local copy: seeds/002_8053211c4aa149c3.txt" in unnamed["note"]
    web = json.loads(run("cite", "uae-announcement", "--style", "csl-json").stdout)
    assert web[0]["id"] == "wiki-uae" and web[0]["type"] == "entry-encyclopedia"
    assert web[0]["container-title"] == "Simple English Wikipedia"
    assert web[0]["URL"].startswith("https://simple.wikipedia.org/")
    assert web[0]["accessed"] == {"date-parts": [[2026, 12, 6]]} and "issued" not in web[0]
    signing = {
        i["id"]: i for i in json.loads(run("cite", "uae-bahrain-signing", "--style", "csl-json").stdout)
    }
    assert "wiki-uae" not in signing  # its stored text predates the signing
    haaretz = signing["haaretz-uae-bahrain-signing"]
    assert haaretz["author"] == [{"family": "Landau", "given": "Noa"}]
    assert (haaretz["type"], haaretz["container-title"]) == ("article-newspaper", "Haaretz")
    assert haaretz["issued"] == {"date-parts": [[2020, 9, 16]]}


def test_cite_json_records_and_errors():
    records = run_json("cite", "morocco-signing")  # one record per citation, in the log's order
    assert [r["source"] for r in records] == [
        "newsghana-morocco",
        "newsghana-morocco",
        "omanobserver-morocco",
        "mwn-morocco",
        "wiki-morocco",
        "notizie-morocco",
        "notizie-morocco",
        "seed-000",
        "seed-002",
        "seed-001",
    ]
    assert all(r["quote"] for r in records)  # every citation is quoted
    later = records[7]
    assert later["quote"] == "Morocco established ties with Israel later the same year."
    assert (later["outlet"], later["published"], later["published_basis"]) == (
        "Firstpost",
        "2025-11-06",
        "inferred",
    )
    assert later["path"] == "seeds/000_a9e363f1bd691638.txt" and later["retrieved"] is None
    web = records[0]
    assert (web["outlet"], web["title"], web["title_basis"]) == (
        "News Ghana",
        "Morocco, Israel agree to immediately establish full diplomatic ties",
        "address",
    )
    assert web["url"].startswith("https://newsghana.com.gh/") and web["retrieved"] == "2026-12-06"
    wiki = records[4]
    assert wiki["published"] is None and wiki["undated"].startswith("This is a wiki article")
    bad = run("cite", "morocco-signin")
    assert bad.exit_code == 2 and "did you mean morocco-signing" in bad.stderr
    style = run("cite", "morocco-signing", "--style", "mla")
    assert (
        style.exit_code == 2
        and "unknown style 'mla'; choose one of: text, markdown, csl-json, apa, chicago" in style.stderr
    )
    apa = run("cite", "morocco-signing", "--style", "apa")  # APA and Chicago came with issue 17
    assert apa.exit_code == 0
    assert (
        "2. Oman Observer. (2020, December 23). US-Israeli delegation signs deals in Morocco. "
        "https://www.omanobserver.om/us-israeli-delegation-signs-deals-in-morocco/ [omanobserver-morocco]"
    ) in apa.stdout.splitlines()


# -- article paths from the working folder -------------------------------------


def test_show_and_sources_paths_from_another_folder_are_from_the_logs_folder(tmp_path, monkeypatch):
    """Outside the working folder, a stored text's path is given from the log's folder, never absolute
    (an install path would leak into answers)."""
    monkeypatch.chdir(tmp_path)
    records = run_json("sources")
    local = [r for r in records if r["file"]]
    assert len(local) == sum(1 for p in (REPO / "seeds").rglob("*") if p.is_file())  # articles and snapshots
    for record in local:
        assert record["path"] == f"../seeds/{record['file']}"
        assert (SHIPPED.parent / record["path"]).is_file(), record["path"]  # resolved from the log's folder
    assert {r["id"] for r in local if not r["snapshot"]} == {f"seed-00{n}" for n in range(5)}
    shown = run("show", "morocco-signing", "--data", str(SHIPPED), env={"COLUMNS": "200"}).stdout
    lines = [line.strip() for line in shown.splitlines()]
    assert lines[lines.index("9. seed-002: outlet unknown, 2025-11, inferred") + 1] == (
        "../seeds/002_8053211c4aa149c3.txt"
    )
    # A source with a web page is shown by its URL, not by its stored text.
    assert lines[lines.index("8. seed-000: Firstpost, 2025-11-06, inferred") + 1] == (
        "https://www.firstpost.com/world/kazakhstan-set-to-join-abraham-accords-in-symbolic-move-at-central-asia-summit-13948545.html/amp"
    )
    assert (
        "https://newsghana.com.gh/morocco-israel-agree-to-immediately-establish-full-diplomatic-ties/"
        in lines
    )
    assert str(REPO) not in shown and "pages/" not in shown


def test_paths_are_relative_below_the_working_folder_and_the_cache_keeps_them_apart(tmp_path, monkeypatch):
    """The working folder is part of the question: a cached answer from another folder is not reused."""
    monkeypatch.chdir(REPO)
    here = {r["id"]: r["path"] for r in run_json("sources")}
    assert here["seed-000"] == "seeds/000_a9e363f1bd691638.txt"
    assert here["wiki-uae"] == "seeds/pages/wiki-uae.txt"
    monkeypatch.chdir(REPO / "seeds" / "pages")
    below = {r["id"]: r["path"] for r in run_json("sources")}
    assert below["wiki-uae"] == "wiki-uae.txt"  # below the working folder: from it
    assert below["seed-000"] == "../seeds/000_a9e363f1bd691638.txt"  # outside it: from the log's folder
    assert (SHIPPED.parent / below["seed-000"]).is_file()
    monkeypatch.chdir(REPO / "tracker")
    beside = {r["id"]: r["path"] for r in run_json("sources")}
    assert (
        beside["seed-000"] == "../seeds/000_a9e363f1bd691638.txt"
        and beside["wiki-uae"] == "../seeds/pages/wiki-uae.txt"
    )


# -- country names -------------------------------------------------------------

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
    result = run("timeline", "--country", written)
    assert result.exit_code == 2 and message in result.stderr


def test_tables_and_json_show_common_short_names():
    assert [countries.name(c) for c in ("PS", "IR", "RU", "SY", "TR", "KR")] == [
        "Palestine", "Iran", "Russia", "Syria", "Türkiye", "South Korea",
    ]  # fmt: skip
    shown = run("show", "october-7-attack").stdout
    assert "Palestine (PS)" in shown and "State of" not in shown


def test_country_option_takes_a_comma_separated_list():
    both = run_json("timeline", "--country", "SA,KZ", "--since", "2025-11-07")
    repeated = run_json("timeline", "--country", "SA", "--country", "Kazakhstan", "--since", "2025-11-07")
    assert both == repeated and {"KZ"} <= {c for e in both for c in e["countries"]}
    assert run("country", "Congo").exit_code == 2


@pytest.mark.parametrize(
    "args",
    [
        ["country", "KZ", "--as-of", "2025-11-10"],
        ["country", "Morocco", "--as-of", "2025-11-10"],
        ["country", "Saudi Arabia", "--as-of", "2025-11-30"],
        ["changes", "--since", "2025-08", "--until", "2025-11-30"],
    ],
)
def test_country_and_changes_fit_80_columns_without_cutting_ids(args):
    out = run(*args, env={"COLUMNS": "80"}).stdout
    assert "…" not in out
    assert max(len(line) for line in out.splitlines()) <= 80
    for event_id in {line.strip() for line in out.splitlines() if line.strip().count("-") >= 2}:
        assert " " in event_id or event_id in SHIPPED.read_text(encoding="utf-8")


def test_a_citation_marked_differs_must_say_how(write_log):
    from conftest import GOOD_EVENT, HEADER

    marked = GOOD_EVENT + "        differs: true\n"
    path = write_log(HEADER + marked)
    result = run("check", "--data", str(path))
    assert result.exit_code == 1
    assert f"{path}:20:9: event 'france-joins' citation #1 differs: say how in its 'note'" in result.stdout
    path = write_log(HEADER + marked + "        note: Says Tuesday, not Monday.\n")
    page = run_json("country", "France", "--as-of", "2025-12-01", "--data", str(path))
    assert page["disagreements"][0]["says"] == "Says Tuesday, not Monday."
