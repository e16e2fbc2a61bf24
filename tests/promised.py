"""A promised visit, judged stalled, then partly fulfilled (issue 23, part 1): built in memory for the
query and render tests, and as YAML with its articles for the log and app tests."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import builder as build

from tracker.model import Correction, CorrectionKind, Location

PART = "The visit took place; the accords were not signed."
CRITERION = "The president visits Israel and signs the accords during the visit."


def promised(**verdict: str):
    """A visit promised for 15 January (deadline the 31st) that a report of the 20th says is put off,
    and that took place on 9 February without the signing; and a ceremony due by the 31st."""
    held = verdict or {"partly_fulfils": "visit-expected", "part": PART}
    return build.log(
        build.event(
            "visit-expected",
            "2026-01-15",
            "meeting",
            countries=["FR", "IL"],
            expected=True,
            sources=["plan"],
            criterion=CRITERION,
            deadline=build.day("2026-01-31"),
        ),
        build.event(
            "ceremony-expected",
            "2026-01-10",
            "signing",
            subjects=["FR"],
            expected=True,
            sources=["plan"],
            deadline=build.day("2026-01-31"),
        ),
        build.event("visit-delayed", "2026-01-20", "report", countries=["FR", "IL"], sources=["delay"],
                    stalls="visit-expected"),
        build.event("visit-held", "2026-02-09", "meeting", countries=["FR", "IL"], sources=["visit"], **held),
        sources=[
            build.source("plan", published="2026-01-02"),
            build.source("delay", published="2026-01-20"),
            build.source("visit", published="2026-02-10"),
        ],
        reviewed="2026-03-31",
    )  # fmt: skip


def judged():
    """`promised()` with France named a candidate (so the chart gives it a lane), talks made ambiguous
    by a report of the 22nd, and a summit of the 8th whose date passes with no report: on 25 January one
    expectation of each open state but partly fulfilled, and one settled as ambiguous."""
    extra = [
        build.event("fr-named", "2025-12-01", "candidacy", subjects=["FR"], sources=["plan"]),
        build.event("talks-expected", "2026-01-05", "meeting", countries=["FR"], expected=True, sources=["plan"]),
        build.event("summit-expected", "2026-01-08", "meeting", countries=["FR"], expected=True, sources=["plan"]),
        build.event("talks-unclear", "2026-01-22", "report", countries=["FR"], sources=["delay"],
                    makes_ambiguous="talks-expected"),
    ]  # fmt: skip
    base = promised()
    return build.log(*base.events, *extra, sources=base.sources, reviewed="2026-03-31")


def corrected():
    """`promised()` with three corrections: the visit re-dated on 1 February, the delay's source dropped
    and the ceremony's id retired on 1 March, and an id retired on 1 April."""
    base = promised()
    where = Location(base.path, 90, 5)
    made = (
        Correction(build.day("2026-02-01"), CorrectionKind.AMENDED, "The plan said\nthe 14th <first>.", where,
                   event="visit-expected", field="date", was="2026-01-14"),
        Correction(build.day("2026-03-01"), CorrectionKind.RETIRED, "Renamed.", where, event="ceremony-old",
                   replaced_by="ceremony-expected", order=1),
        Correction(build.day("2026-04-01"), CorrectionKind.UNCITED, "Repeats the plan.", where,
                   event="visit-delayed", source="plan", order=2),
    )  # fmt: skip
    return dataclasses.replace(base, corrections=made)


# Three reports of one promised visit: the plan, a delay, and the visit without the signing.
ARTICLES = {
    "plan.txt": "The president will visit Israel in mid-January and sign the accords there.\n"
    "A ceremony to mark the accession is planned for January as well.\n",
    "delay.txt": "Officials said the visit had been put off until further notice.\n",
    "visit.txt": "The president visited Israel on Monday but did not sign the accords.\n",
}

LOG = """\
format: 1
reviewed: 2026-03-31
roles:
  party: [IL]
  broker: [US]
sources:
  - id: plan
    title: Plan
    file: plan.txt
    published: 2026-01-02
    published_basis: stated
  - id: delay
    title: Delay
    file: delay.txt
    published: 2026-01-20
    published_basis: stated
  - id: visit
    title: Visit
    file: visit.txt
    published: 2026-02-10
    published_basis: stated
events:
  - id: visit-expected
    date: 2026-01-15
    status: expected
    kind: meeting
    countries: [FR, IL]
    title: France's president is to visit Israel and sign the accords there
    criterion: The president visits Israel and signs the accords during the visit.
    deadline: 2026-01-31
    cite:
      - source: plan
        quote: The president will visit Israel in mid-January and sign the accords there.
  - id: ceremony-expected
    date: 2026-01-10
    status: expected
    kind: signing
    countries: [FR, IL]
    subjects: [FR]
    title: A ceremony marks France's accession
    deadline: 2026-01-31
    cite:
      - source: plan
        quote: A ceremony to mark the accession is planned for January as well.
  - id: visit-delayed
    date: 2026-01-20
    kind: report
    countries: [FR, IL]
    title: Officials say the visit is put off
    stalls: visit-expected
    cite:
      - source: delay
        quote: Officials said the visit had been put off until further notice.
  - id: visit-held
    date: 2026-02-09
    kind: meeting
    countries: [FR, IL]
    title: The president visits Israel without signing the accords
    partly_fulfils: visit-expected
    part: The visit took place; the accords were not signed.
    cite:
      - source: visit
        quote: The president visited Israel on Monday but did not sign the accords.
"""


def write(folder: Path, text: str = LOG) -> Path:
    """The YAML log and its articles in `folder`; the log's path."""
    for name, article in ARTICLES.items():
        (folder / name).write_text(article, encoding="utf-8")
    path = folder / "events.yaml"
    path.write_text(text, encoding="utf-8")
    return path
