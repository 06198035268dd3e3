"""Rows of the exports (CSV, XLSX), written by mutualis.core.tabular."""

from __future__ import annotations

from collections.abc import Iterator

from mutualis.workshops.analysis import LEVELS
from mutualis.workshops.models import Priority
from mutualis.workshops.selectors import CardColumn
from mutualis.workshops.survey_selectors import SurveyReport
from mutualis.workshops.tally import Tally

SECRET = "secret"  # noqa: S105 - "secret statistique", not a password


def _few(minimum: int) -> str:
    return f"moins de {minimum}"


def lever_rows(report: SurveyReport) -> Iterator[list]:
    yield [
        "Levier",
        "Libellé",
        "Répondants",
        *[Priority(level).label for level in LEVELS],
        "Part prioritaire ou plus (%)",
    ]
    for share in report.shares:
        if share.share is None:
            yield [share.code, share.label, _few(report.minimum), *[SECRET] * len(LEVELS), SECRET]
        else:
            yield [share.code, share.label, share.respondents, *share.counts, share.share]


def dimension_rows(report: SurveyReport, index: int) -> Iterator[list]:
    dimension = report.dimensions[index]
    yield ["Groupe", "Répondants", *[f"{code} (%)" for code, _ in report.levers]]
    for group in dimension.groups:
        secret = group.is_secret(report.minimum)
        yield [
            group.label,
            _few(report.minimum) if secret else group.respondents,
            *[SECRET if value is None else value for value in group.shares],
        ]


def need_rows(report: SurveyReport) -> Iterator[list]:
    yield ["Domaine du SI", "Répondants déclarant un besoin", "Part (%)"]
    for need in report.needs:
        yield [
            need.label,
            SECRET if need.count is None else need.count,
            SECRET if need.percent is None else need.percent,
        ]


def survey_sheets(report: SurveyReport) -> list[tuple[str, Iterator[list]]]:
    return [
        ("Leviers", lever_rows(report)),
        *[
            (dimension.label, dimension_rows(report, index))
            for index, dimension in enumerate(report.dimensions)
        ],
        ("Besoins par domaine du SI", need_rows(report)),
    ]


def survey_flat_rows(report: SurveyReport) -> Iterator[list]:
    """One table for the CSV: share per lever, for all respondents and for each group."""
    yield ["Ventilation", "Groupe", "Répondants", "Levier", "Part prioritaire ou plus (%)"]
    for share in report.shares:
        few = share.share is None
        yield [
            "Ensemble",
            "Tous les répondants",
            _few(report.minimum) if few else share.respondents,
            share.code,
            SECRET if few else share.share,
        ]
    for dimension in report.dimensions:
        for group in dimension.groups:
            secret = group.is_secret(report.minimum)
            for (code, _), value in zip(report.levers, group.shares, strict=True):
                yield [
                    dimension.label,
                    group.label,
                    _few(report.minimum) if secret else group.respondents,
                    code,
                    SECRET if value is None else value,
                ]


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
