"""Rows of the exports (CSV, XLSX), written by mutualis.core.tabular."""

from __future__ import annotations

from collections.abc import Iterator

from mutualis.workshops.tally import Tally


def tally_rows(tally: Tally) -> Iterator[list]:
    yield [
        "Rang",
        "Code",
        "Levier",
        "Gommettes",
        "Participants l'ayant choisi",
        "Part des gommettes (%)",
    ]
    for row in tally.rows:
        yield [row.rank, row.code, row.label, row.points, row.voters, row.percent]
    yield []
    yield ["Bulletins", tally.ballots]
