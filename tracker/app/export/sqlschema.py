"""The database's tables and views, and the questions asked of it: the SQL that `export sqlite` writes
and that docs/exports.md shows (tests run the documented queries against the export's own)."""

from __future__ import annotations

SCHEMA = """
PRAGMA foreign_keys = ON;
CREATE TABLE sources (
    id TEXT PRIMARY KEY,
    position INTEGER NOT NULL,
    file TEXT,
    url TEXT,
    outlet TEXT,
    published TEXT,
    published_start TEXT,
    published_end TEXT,
    published_basis TEXT,
    published_clue TEXT,
    note TEXT,
    title TEXT,
    title_basis TEXT,                   -- stated, address (read from the URL) or supplied (a description)
    authors TEXT,                       -- JSON list of the byline's names
    archive TEXT,
    retrieved TEXT,                     -- the day a web page's text was stored
    undated TEXT                        -- why no publication date could be established
);
CREATE TABLE countries (
    code TEXT PRIMARY KEY,              -- ISO 3166-1 alpha-2, or the id of a party with no ISO code
    name TEXT NOT NULL,
    iso INTEGER NOT NULL,               -- 0: one of the log's entities, which have no ISO code
    role TEXT,                          -- 'party' or 'broker' for the log's roles; NULL otherwise
    joined_rank INTEGER                 -- order of first announcement, members only: sort members by it
);
CREATE TABLE events (
    id TEXT PRIMARY KEY,
    position INTEGER NOT NULL,          -- order in the log, which breaks ties between equal dates
    date TEXT,                          -- as written: YYYY, YYYY-MM or YYYY-MM-DD; NULL if undated
    precision TEXT,
    approximate INTEGER NOT NULL,
    start TEXT,                         -- first day of the date's period
    "end" TEXT,                         -- last day: an event counts from here on
    date_basis TEXT NOT NULL,
    date_note TEXT,
    kind TEXT NOT NULL,
    status TEXT NOT NULL,               -- occurred or expected
    title TEXT NOT NULL,
    note TEXT,
    -- an event may name one that sorts after it (an undated expectation, fulfilled by a dated event):
    -- checked when the rows are committed, not as each is inserted
    fulfils TEXT REFERENCES events(id) DEFERRABLE INITIALLY DEFERRED,
    calls_off TEXT REFERENCES events(id) DEFERRABLE INITIALLY DEFERRED,
    -- expectations judged like promises: an expected event's criterion and deadline, and the other
    -- verdicts a later event gives on one (docs/format.md)
    criterion TEXT,
    deadline TEXT,                      -- as written: YYYY, YYYY-MM or YYYY-MM-DD
    stalls TEXT REFERENCES events(id) DEFERRABLE INITIALLY DEFERRED,
    partly_fulfils TEXT REFERENCES events(id) DEFERRABLE INITIALLY DEFERRED,
    part TEXT,                          -- with partly_fulfils: the part that was met
    makes_ambiguous TEXT REFERENCES events(id) DEFERRABLE INITIALLY DEFERRED
);
CREATE TABLE citations (
    event_id TEXT NOT NULL REFERENCES events(id),
    position INTEGER NOT NULL,
    source_id TEXT NOT NULL REFERENCES sources(id),
    quote TEXT,
    note TEXT,
    date TEXT,
    names TEXT,                         -- JSON list of the subjects this source names; NULL: all of them
    PRIMARY KEY (event_id, position)
);
CREATE TABLE event_countries (
    event_id TEXT NOT NULL REFERENCES events(id),
    code TEXT NOT NULL,
    country TEXT NOT NULL,
    subject INTEGER NOT NULL,           -- 1: the event changes (or bears on) this country's status
    PRIMARY KEY (event_id, code)
);
CREATE TABLE status_periods (          -- each status a country held, replayed as the tracker replays it
    code TEXT NOT NULL REFERENCES countries(code),
    status TEXT NOT NULL,               -- candidate, announced, signed, suspended or withdrawn
    "from" TEXT NOT NULL,               -- the first day it surely held: the last day of its event's date
    until TEXT,                         -- the last day it held; NULL: it holds still
    event_id TEXT NOT NULL REFERENCES events(id),
    date TEXT NOT NULL                  -- its event's date as the log gives it (2025-08: known to the month)
);
CREATE TABLE treaty_acts (             -- ratifications and entries into force, one row per member acted on
    event_id TEXT NOT NULL REFERENCES events(id),
    code TEXT NOT NULL,                 -- the member whose agreement it is
    kind TEXT NOT NULL,                 -- ratification or entry-into-force
    "by" TEXT NOT NULL,                 -- JSON list of the states whose act it is (the member's own: it)
    own INTEGER NOT NULL,               -- 1: the member itself acts
    status TEXT NOT NULL,               -- occurred, or expected (reported as still to come)
    date TEXT,                          -- the act's date as written; NULL for an undated expectation
    effective TEXT,                     -- the date it takes effect, where sources give it
    effective_end TEXT,                 -- the last day of that date's period
    PRIMARY KEY (event_id, code)
);
CREATE TABLE ratifications (           -- each member's ratification as the log ends (docs/format.md)
    code TEXT PRIMARY KEY REFERENCES countries(code),
    status TEXT NOT NULL,               -- in-force, ratified, not-ratified (signed, not ratified), not-known
    ratified TEXT,                      -- its own first ratification's date
    in_force TEXT                       -- the date its entry into force took effect
);
CREATE TABLE source_origins (          -- the original each source repeats (its own id when none)
    source_id TEXT PRIMARY KEY REFERENCES sources(id),
    declared TEXT,                      -- its `origin` as the log gives it: a source id or a label
    origin TEXT NOT NULL                -- where the chain of origins ends
);
CREATE TABLE citation_origins (        -- each citation's independent origin: count DISTINCT origin
    event_id TEXT NOT NULL,
    position INTEGER NOT NULL,
    origin TEXT NOT NULL,
    PRIMARY KEY (event_id, position),
    FOREIGN KEY (event_id, position) REFERENCES citations(event_id, position) ON DELETE CASCADE
);
CREATE TABLE expectation_steps (       -- each expected event's history as the log ends, one row per change
    event_id TEXT NOT NULL REFERENCES events(id),
    position INTEGER NOT NULL,          -- 0: its first report; then in the order they happened
    state TEXT NOT NULL,                -- pending, overdue, stalled, partly-fulfilled, fulfilled, called-off
                                        -- or ambiguous; the last row is its state as the log ends
    since TEXT,                         -- the first day it holds; NULL: reported only by undated sources
    date TEXT,                          -- the change's date as the log gives it (a month, say)
    basis TEXT NOT NULL,                -- first-reported, deadline or expected-date (overdue), or event
    by_event TEXT REFERENCES events(id) DEFERRABLE INITIALLY DEFERRED,  -- basis event: whose verdict it is
    part TEXT,                          -- partly-fulfilled: the part that was met
    sources TEXT NOT NULL,              -- JSON list of the sources it rests on
    PRIMARY KEY (event_id, position)
);
CREATE TABLE corrections (             -- what the log once asserted otherwise, append-only, in the order made
    position INTEGER PRIMARY KEY,
    date TEXT NOT NULL,                 -- the day it was made, as written
    start TEXT NOT NULL,                -- first and last day of that date's period
    "end" TEXT NOT NULL,
    kind TEXT NOT NULL,                 -- amended, uncited, reattributed, retracted or retired
    subject TEXT NOT NULL,              -- event or source: what it corrects
    id TEXT NOT NULL,                   -- its id as the correction names it (a retired id as it was)
    now TEXT,                           -- that event's or source's id now; NULL: retracted
    field TEXT,                         -- amended: which field
    was TEXT,                           -- what the log said: the field's value, the source, the retired id
    became TEXT,                        -- what it says instead; NULL: not given, or nothing in its place
    quote TEXT,                         -- uncited: the one quote dropped
    changed TEXT NOT NULL,              -- what changed, in words, as `tracker changes` prints it
    reason TEXT NOT NULL
);
CREATE VIRTUAL TABLE search USING fts5(
    kind UNINDEXED,                     -- event (title and note), quote, or source (title and outlet)
    id UNINDEXED,                       -- the event's or the source's id
    event_id UNINDEXED,                 -- for a quote, the event that cites it
    text
);
CREATE INDEX citations_source ON citations(source_id);
-- An index on each column that names another event: with foreign keys on, inserting an event looks
-- up the events that name it, and without these each insert scanned the table (10,000 events: 43 s).
CREATE INDEX events_fulfils ON events(fulfils) WHERE fulfils IS NOT NULL;
CREATE INDEX events_calls_off ON events(calls_off) WHERE calls_off IS NOT NULL;
CREATE INDEX events_stalls ON events(stalls) WHERE stalls IS NOT NULL;
CREATE INDEX events_partly_fulfils ON events(partly_fulfils) WHERE partly_fulfils IS NOT NULL;
CREATE INDEX events_makes_ambiguous ON events(makes_ambiguous) WHERE makes_ambiguous IS NOT NULL;
CREATE INDEX expectation_steps_by_event ON expectation_steps(by_event) WHERE by_event IS NOT NULL;
CREATE INDEX status_periods_event ON status_periods(event_id);
CREATE INDEX status_periods_code ON status_periods(code, "from");
CREATE INDEX event_countries_code ON event_countries(code);
CREATE VIEW status_changes AS
    SELECT e."end" AS effective, e.date, e.start, e.position, ec.code, ec.country, e.kind,
           e.id AS event_id, e.title
    FROM events e JOIN event_countries ec ON ec.event_id = e.id
    WHERE ec.subject = 1 AND e.status = 'occurred' AND e."end" IS NOT NULL
      AND e.kind IN ({kinds})
    ORDER BY e."end", e.start, e.position;
CREATE VIEW current_status AS
    SELECT c.code, c.name AS country, p.status, p."from", p.event_id, c.joined_rank
    FROM status_periods p JOIN countries c ON c.code = p.code
    WHERE p.until IS NULL;
CREATE VIEW members AS
    SELECT code, country, status, "from", event_id FROM current_status
    WHERE status IN ('announced', 'signed', 'suspended') ORDER BY joined_rank;
CREATE VIEW members_ratification AS
    SELECT m.code, m.country, m.status, r.status AS ratification, r.ratified, r.in_force
    FROM members m LEFT JOIN ratifications r ON r.code = m.code;
CREATE VIEW expectation_states AS      -- each expected event's state as the log ends: its last step
    SELECT s.event_id, e.title, s.state, s.since, s.date, s.by_event, s.part
    FROM expectation_steps s JOIN events e ON e.id = s.event_id
    WHERE s.position = (SELECT MAX(position) FROM expectation_steps WHERE event_id = s.event_id);
CREATE VIEW candidates AS
    SELECT code, country, "from" AS named_from, event_id FROM current_status
    WHERE status = 'candidate' ORDER BY "from" DESC, code;
"""

# Members on a day, in the order `tracker signatories` gives them (docs/exports.md shows it).
MEMBERS_AS_OF = """\
SELECT c.code, c.name AS country, p.status
FROM status_periods p JOIN countries c ON c.code = p.code
WHERE p."from" <= :as_of AND (p.until IS NULL OR p.until >= :as_of)
  AND p.status IN ('announced', 'signed', 'suspended')
ORDER BY c.joined_rank"""

# What the log corrected, in the order made, with the title the event or source has now (docs/exports.md).
CORRECTIONS = """\
SELECT c.date, c.subject, c.now, COALESCE(e.title, s.title) AS title, c.changed, c.reason
FROM corrections c
LEFT JOIN events e ON c.subject = 'event' AND e.id = c.now
LEFT JOIN sources s ON c.subject = 'source' AND s.id = c.now
ORDER BY c.position"""

# An expected event's history, oldest first (docs/exports.md).
HISTORY = """\
SELECT position, state, date, basis, by_event, part, sources
FROM expectation_steps WHERE event_id = :event ORDER BY position"""

QUERIES = {
    "members_as_of": ("Members as of a date, in order of joining", MEMBERS_AS_OF),
    "ratifications": (
        "Each member's ratification as the log ends (signed, not ratified: not-ratified)",
        "SELECT * FROM members_ratification",
    ),
    "candidates": ("Candidates as the log ends", "SELECT * FROM candidates"),
    "changes_between": (
        "Changes of status between two dates (the first day of each new status)",
        'SELECT p."from" AS effective, p.date, p.code, c.name AS country, p.status, p.event_id\n'
        "FROM status_periods p JOIN countries c ON c.code = p.code\n"
        'WHERE p."from" BETWEEN :since AND :until ORDER BY p."from", p.code',
    ),
    "expectations": (
        "Each expected event's state as the log ends (its last step)",
        "SELECT * FROM expectation_states ORDER BY state, event_id",
    ),
    "expectation_history": ("An expected event's history, oldest first", HISTORY),
    "corrections": ("What the log corrected, why, and the id each event or source has now", CORRECTIONS),
    "search": (
        "Search titles, notes and quotes",
        "SELECT kind, id, event_id, snippet(search, 3, '[', ']', '…', 12) AS found\n"
        "FROM search WHERE search MATCH :text ORDER BY rank",
    ),
}
