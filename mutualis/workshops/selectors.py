"""Reads of workshop sessions: the ones a user runs, tallies, participants, card boards."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import QuerySet

from mutualis.accounts.perms import is_national_admin
from mutualis.workshops import tally
from mutualis.workshops.models import BallotMark, Card, Participant, Workshop, WorkshopRound


def workshops_of(user) -> QuerySet[Workshop]:
    """The sessions a user runs (every session for national administrators)."""
    found = Workshop.objects.select_related("facilitator")
    return found if is_national_admin(user) else found.filter(facilitator=user)


def workshop_by_code(code: str) -> Workshop | None:
    return Workshop.objects.filter(code=code).first()


def participant_for(workshop: Workshop, key: str | None) -> Participant | None:
    if not key:
        return None
    return Participant.objects.filter(workshop=workshop, key=key).first()


def live_tally(workshop: Workshop) -> tally.Tally:
    """The running totals of the current round's levers."""
    levers = list(workshop.levers.filter(in_round=True))
    return tally.rank(
        [(lever.code, lever.label) for lever in levers],
        {lever.code: lever.points for lever in levers},
        {lever.code: lever.voters for lever in levers},
        workshop.ballot_count,
    )


def tally_of(workshop: Workshop) -> tally.Tally:
    """The frozen results of a closed session, else the running totals."""
    if workshop.is_frozen and workshop.results:
        return tally.Tally.from_dict(workshop.results)
    return live_tally(workshop)


@dataclass(frozen=True)
class RoundChoice:
    number: int
    label: str
    closed: bool


def rounds_of(workshop: Workshop) -> list[RoundChoice]:
    """The session's rounds, closed ones and the one under way, for the round selector."""
    closed = set(workshop.rounds.values_list("number", flat=True))
    return [
        RoundChoice(
            number,
            f"Tour {number}" + (" (clos)" if number in closed else " (en cours)"),
            number in closed,
        )
        for number in range(1, workshop.round + 1)
    ]


def round_tally(workshop: Workshop, number: int | None) -> tuple[int, tally.Tally]:
    """The round asked for (its frozen results once closed, else the running totals) and its
    tally; an unknown round gives the current one's."""
    if number and number != workshop.round:
        found = WorkshopRound.objects.filter(workshop=workshop, number=number).first()
        if found is not None:
            return number, tally.Tally.from_dict(found.results)
    return workshop.round, tally_of(workshop)


def ballot_of(participant: Participant, round: int | None = None) -> dict[str, int]:
    """The participant's stickers per lever code in a round (by default the current one)."""
    number = round or participant.workshop.round
    return dict(
        BallotMark.objects.filter(
            ballot__participant=participant, ballot__round=number
        ).values_list("lever__code", "points")
    )


def participant_count(workshop: Workshop) -> int:
    return workshop.participants.count()


@dataclass
class CardGroup:
    label: str
    cards: list[Card] = field(default_factory=list)


@dataclass
class CardColumn:
    question: str
    label: str
    groups: list[CardGroup]
    count: int


def card_board(workshop: Workshop) -> list[CardColumn]:
    """Cards per question, grouped by label (the cards not grouped yet last)."""
    cards = list(workshop.cards.all())
    columns = []
    for question, label in Card.Question.choices:
        own = [card for card in cards if card.question == question]
        labels = sorted({card.group for card in own if card.group}, key=str.casefold)
        groups = [CardGroup(name, [c for c in own if c.group == name]) for name in labels]
        loose = [card for card in own if not card.group]
        if loose:
            groups.append(CardGroup("", loose))
        columns.append(CardColumn(question, label, groups, len(own)))
    return columns


def group_labels(workshop: Workshop) -> list[str]:
    return sorted(
        set(workshop.cards.exclude(group="").values_list("group", flat=True)), key=str.casefold
    )


def cards_of(participant: Participant) -> QuerySet[Card]:
    return participant.cards.order_by("-created_at")
