"""Rows of the exports (CSV, XLSX), written by mutualis.core.tabular."""

from __future__ import annotations

from collections.abc import Iterator

from mutualis.workshops.selectors import CardColumn
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


def card_rows(board: list[CardColumn]) -> Iterator[list]:
    """The session's cards, by question then group (the cards not grouped last)."""
    yield ["Question", "Regroupement", "Carte", "Ajoutée le"]
    for column in board:
        for group in column.groups:
            for card in group.cards:
                yield [column.label, group.label or "Non regroupée", card.text, card.created_at]


def workshop_sheets(tally: Tally, board: list[CardColumn]) -> list[tuple[str, Iterator[list]]]:
    return [("Classement", tally_rows(tally)), ("Cartes", card_rows(board))]
