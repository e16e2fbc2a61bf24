"""`cite`: a reference per source with its quotes verbatim, in text, Markdown, CSL-JSON and APA, and
its JSON records, one per citation (issue 17). The Cite query on the shipped log, through its renderers."""

from __future__ import annotations

import json

import builder as build
import pytest
from conftest import REPO

from tracker.errors import UsageError
from tracker.queries import Cite, Style


def _article(name: str) -> str:
    return " ".join((REPO / "seeds" / name).read_text(encoding="utf-8").split())


def cite(shipped_log, event_id: str, style: Style = Style.TEXT, fmt: str = "table") -> str:
    """What `tracker cite EVENT --style STYLE` prints, from the repository's folder."""
    return build.rendered(Cite(event_id, style, str(REPO)).run(shipped_log), fmt)


def test_cite_prints_outlet_date_file_and_a_quote_verbatim_in_its_article(shipped_log):
    out = cite(shipped_log, "kazakhstan-announcement")
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


def test_cite_names_the_outlet_where_the_log_records_it(shipped_log):
    out = cite(shipped_log, "witkoff-miami-forum")
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


def test_cite_markdown_and_csl_json(shipped_log):
    markdown = cite(shipped_log, "kazakhstan-announcement", Style.MARKDOWN)
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
    items = json.loads(cite(shipped_log, "witkoff-miami-forum", Style.CSL_JSON))
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
    web = json.loads(cite(shipped_log, "uae-announcement", Style.CSL_JSON))
    assert web[0]["id"] == "wiki-uae" and web[0]["type"] == "entry-encyclopedia"
    assert web[0]["container-title"] == "Simple English Wikipedia"
    assert web[0]["URL"].startswith("https://simple.wikipedia.org/")
    assert web[0]["accessed"] == {"date-parts": [[2026, 12, 6]]} and "issued" not in web[0]
    signing = {i["id"]: i for i in json.loads(cite(shipped_log, "uae-bahrain-signing", Style.CSL_JSON))}
    assert "wiki-uae" not in signing  # its stored text predates the signing
    haaretz = signing["haaretz-uae-bahrain-signing"]
    assert haaretz["author"] == [{"family": "Landau", "given": "Noa"}]
    assert (haaretz["type"], haaretz["container-title"]) == ("article-newspaper", "Haaretz")
    assert haaretz["issued"] == {"date-parts": [[2020, 9, 16]]}


def test_cite_json_records_and_errors(shipped_log):
    records = json.loads(
        cite(shipped_log, "morocco-signing", fmt="json")
    )  # one record per citation, in the log's order
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
    with pytest.raises(UsageError, match="did you mean morocco-signing"):
        Cite("morocco-signin").run(shipped_log)
    apa = cite(shipped_log, "morocco-signing", Style.APA)  # APA and Chicago came with issue 17
    assert (
        "2. Oman Observer. (2020, December 23). US-Israeli delegation signs deals in Morocco. "
        "https://www.omanobserver.om/us-israeli-delegation-signs-deals-in-morocco/ [omanobserver-morocco]"
    ) in apa.splitlines()
