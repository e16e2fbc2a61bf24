"""Composed nodes to events and their citations, each value checked on its own against the shapes:
the subjects among the countries, a treaty act's `effective` and `by`, the links to an expected
event, the promise fields (`promises`).

`EventReader` is the half of `reader.Reader` that reads an event; apart
because an event is the log's largest entry, and its rules the most.
"""

from __future__ import annotations

import sys

from tracker.log import promises, schema
from tracker.log.values import Values
from tracker.log.yamlstream import Node, Seq
from tracker.model import (
    SUBJECT_KINDS,
    TREATY_KINDS,
    Citation,
    DateBasis,
    Event,
    EventStatus,
    Kind,
    Location,
    PartialDate,
    Problem,
    unpack,
)

_LINKS = ("fulfils", "calls_off")


class EventReader(Values):
    """Turns composed nodes into events and their citations."""

    def read_event(self, node: Node, what: str, order: int = 0) -> Event | None:
        """An event; `order` is its place in the file, which breaks ties between equal dates."""
        what = self.label(node, "event", what)
        fields = self.mapping(node, what, schema.EVENT)
        if fields is None:
            return None
        event_id = self.ident(fields["id"][1], "event id") if "id" in fields else None
        values = self._texts(fields, what, ("date_note", "note"))
        title = self.text(fields["title"][1], f"{what} title", one_line=True) if "title" in fields else None
        kind = self.choice(fields["kind"][1], f"{what} kind", Kind) if "kind" in fields else None
        status = EventStatus.OCCURRED
        if "status" in fields:
            status = self.choice(fields["status"][1], f"{what} status", EventStatus) or status
        basis = DateBasis.EVENT
        if "date_basis" in fields:
            basis = self.choice(fields["date_basis"][1], f"{what} date_basis", DateBasis) or basis
        when = self.dated(fields, what)
        if "date" not in fields:
            if status is EventStatus.OCCURRED:
                self.fail(node, f"{what} has no date; only an expected event may be undated")
            if "date_basis" in fields:
                self.fail(fields["date_basis"][0], f"{what} gives 'date_basis' without a 'date'")
        countries, country_locs = (
            self.codes(fields["countries"][1], f"{what} countries") if "countries" in fields else ([], {})
        )
        if "countries" in fields and fields["countries"][1].value == []:
            self.fail(fields["countries"][1], f"{what} countries must name at least one country")
        subjects, subject_locs = (
            self.codes(fields["subjects"][1], f"{what} subjects") if "subjects" in fields else ([], {})
        )
        if kind is not None:
            self._check_subjects(node, fields, what, kind, countries, subjects, subject_locs)
        citations = []
        if "cite" in fields:
            for i, item in enumerate(self.items(fields["cite"][1], f"{what} cite"), start=1):
                citation = self.read_citation(item, f"{what} citation #{i}")
                if citation is not None:
                    self._check_names(citation, f"{what} citation #{i}", subjects)
                    citations.append(citation)
            if not fields["cite"][1].value:
                self.fail(fields["cite"][1], f"{what} must cite at least one source")
        effective, by, by_locs = self._treaty(fields, what, kind, when, countries)
        links = {name: self.ident(fields[name][1], f"{what} {name}") for name in _LINKS if name in fields}
        if len(links) > 1:
            self.fail(fields["calls_off"][0], f"{what} gives both 'fulfils' and 'calls_off'; choose one")
        promise = promises.read(self, fields, what, status is EventStatus.EXPECTED, when)
        if event_id is None or kind is None or title is None:
            return None
        locs = self.positions(fields)
        if promise:
            locs.update(promises.positions(self, fields))
        locs.update({sys.intern(f"countries.{c}"): loc for c, loc in country_locs.items()})
        locs.update({sys.intern(f"subjects.{c}"): loc for c, loc in subject_locs.items()})
        locs.update({sys.intern(f"by.{c}"): loc for c, loc in by_locs.items()})
        return Event(
            id=event_id,
            location=self.loc(node),
            kind=kind,
            title=title,
            date=when,
            date_basis=basis,
            date_note=values.get("date_note"),
            status=status,
            countries=tuple(countries),
            subjects=tuple(subjects),
            citations=tuple(citations),
            note=values.get("note"),
            locs=locs,
            order=order,
            fulfils=links.get("fulfils"),
            calls_off=links.get("calls_off"),
            **promise,
            effective=effective,
            by=tuple(by),
        )

    # -- treaty acts (ratification, entry into force) ---------------------

    def _treaty(
        self,
        fields: dict[str, tuple[Node, Node]],
        what: str,
        kind: Kind | None,
        when: PartialDate | None,
        countries: list[str],
    ) -> tuple[PartialDate | None, list[str], dict[str, int]]:
        """`effective` and `by`, which only a treaty act takes: the day it takes effect, never before
        the act, and the states whose act it is, among the event's countries."""
        effective = None
        by: list[str] = []
        by_locs: dict[str, int] = {}
        for name in ("effective", "by"):
            if name in fields and kind is not None and kind not in TREATY_KINDS:
                kinds = " and ".join(f"'{k}'" for k in sorted(TREATY_KINDS))
                self.fail(fields[name][0], f"{what} is of kind '{kind}'; only {kinds} take '{name}'")
        if "effective" in fields and "date" not in fields:
            self.fail(fields["effective"][0], f"{what} gives 'effective' without a 'date' (the act's)")
        if "effective" in fields:
            effective = self.date(fields["effective"][1], f"{what} effective", False)
            if effective is not None and when is not None and effective.end < when.start:
                self.fail(
                    fields["effective"][1],
                    f"{what} takes effect {effective}, before the act itself ({when})",
                )
        if "by" in fields:
            by, by_locs = self.codes(fields["by"][1], f"{what} by")
            if not by and isinstance(fields["by"][1], Seq):
                self.fail(
                    fields["by"][1], f"{what} by must name at least one state; omit it for the subjects"
                )
            for code in by:
                if code not in countries:
                    self.problems.append(
                        Problem(
                            Location(self.file, *unpack(by_locs[code])),
                            f"'{code}' in {what} by is not among its countries",
                        )
                    )
        return effective, by, by_locs

    def _check_names(self, citation: Citation, what: str, subjects: list[str]) -> None:
        """A citation names only subjects of its event: the others are what it implies."""
        for code in citation.names or ():
            if code not in subjects:
                self.problems.append(
                    Problem(
                        citation.at(f"names.{code}"),
                        f"'{code}' in {what} names is not a subject of the event",
                    )
                )

    def _check_subjects(
        self,
        node: Node,
        fields: dict[str, tuple[Node, Node]],
        what: str,
        kind: Kind,
        countries: list[str],
        subjects: list[str],
        subject_locs: dict[str, int],
    ) -> None:
        if kind in SUBJECT_KINDS and "subjects" not in fields:
            self.fail(node, f"{what} is of kind '{kind}', which must name its 'subjects'")
        elif kind not in SUBJECT_KINDS and "subjects" in fields:
            self.fail(fields["subjects"][0], f"{what} is of kind '{kind}', which takes no 'subjects'")
        if not isinstance(fields.get("countries", (None, None))[1], Seq):
            return  # already reported; a second message would only repeat it
        for code in subjects:
            if code not in countries:
                self.problems.append(
                    Problem(
                        Location(self.file, *unpack(subject_locs[code])),
                        f"subject '{code}' of {what} is not among its countries",
                    )
                )

    def read_citation(self, node: Node, what: str) -> Citation | None:
        fields = self.mapping(node, what, schema.CITATION)
        if fields is None:
            return None
        source = self.ident(fields["source"][1], f"{what} source") if "source" in fields else None
        source = sys.intern(source) if source is not None else None  # one string per source, not per citation
        values = self._texts(fields, what, ("quote", "note"))
        when = self.dated(fields, what)
        names, name_locs = self.codes(fields["names"][1], f"{what} names") if "names" in fields else ([], {})
        differs = "differs" in fields and self.flag(fields["differs"][1], f"{what} differs")
        origin = self.ident(fields["origin"][1], f"{what} origin") if "origin" in fields else None
        if differs and "note" not in values:
            self.fail(fields["differs"][0], f"{what} differs: say how in its 'note'")
        if source is None:
            return None
        locs = self.positions(fields)
        locs.update({sys.intern(f"names.{c}"): loc for c, loc in name_locs.items()})
        return Citation(
            source=source,
            location=self.loc(node),
            quote=values.get("quote"),
            note=values.get("note"),
            date=when,
            names=tuple(names) if "names" in fields else None,
            differs=bool(differs),
            origin=origin,
            locs=locs,
        )
