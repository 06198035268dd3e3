"""Rows of the needs analysis exports (CSV, XLSX), written by mutualis.core.tabular; the
same secrets as the page (``analysis``): masked groups, secret counts and shares."""

from __future__ import annotations

from collections.abc import Iterator

from mutualis.workshops.analysis import COMPLEMENT, LEVELS, Group
from mutualis.workshops.models import Priority
from mutualis.workshops.survey_selectors import SurveyReport

SECRET = "secret"  # noqa: S105 - "secret statistique", not a password


def few(minimum: int) -> str:
    return f"moins de {minimum} répondants"


def group_count(group: Group, minimum: int) -> str | int:
    if group.mask == COMPLEMENT:
        return "masqué (secret par recoupement)"
    return few(minimum) if group.mask else group.respondents


def _value(value):
    return SECRET if value is None else value


def lever_rows(report: SurveyReport) -> Iterator[list]:
    yield [
        "Levier",
        "Libellé",
        "Répondants",
        *[Priority(level).label for level in LEVELS],
        "Part prioritaire ou plus (%)",
    ]
    for share in report.shares:
        respondents = few(report.minimum) if share.respondents is None else share.respondents
        counts = [_value(count) for count in share.counts]
        yield [share.code, share.label, respondents, *counts, _value(share.share)]


def dimension_rows(report: SurveyReport, index: int) -> Iterator[list]:
    dimension = report.dimensions[index]
    yield ["Groupe", "Répondants", *[f"{code} (%)" for code, _ in report.levers]]
    for group in dimension.groups:
        yield [
            group.label,
            group_count(group, report.minimum),
            *[_value(value) for value in group.shares],
        ]


def need_rows(report: SurveyReport) -> Iterator[list]:
    yield ["Domaine du SI", "Répondants déclarant un besoin", "Part (%)"]
    for need in report.needs:
        yield [need.label, _value(need.count), _value(need.percent)]


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
        yield [
            "Ensemble",
            "Tous les répondants",
            few(report.minimum) if share.respondents is None else share.respondents,
            share.code,
            _value(share.share),
        ]
    for dimension in report.dimensions:
        for group in dimension.groups:
            for (code, _), value in zip(report.levers, group.shares, strict=True):
                yield [
                    dimension.label,
                    group.label,
                    group_count(group, report.minimum),
                    code,
                    _value(value),
                ]
