"""Reads of workshop sessions: the ones a user runs, tallies, participants, card boards."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import QuerySet

from mutualis.accounts.perms import is_national_admin
from mutualis.workshops import tally
from mutualis.workshops.models import BallotMark, Card, Participant, Workshop


def workshops_of(user) -> QuerySet[Workshop]:
    """The sessions a user runs (every session for national administrators)."""
    found = Workshop.objects.select_related("facilitator")
    return found if is_national_admin(user) else found.filter(facilitator=user)


def workshop_by_code(code: str) -> Workshop | None:
    return Workshop.objects.filter(code=code).first()


def participant_for(workshop: Workshop, key: str | None) -> Participant | None:
    if not key:
        return None
    return Participant.objects.filter(workshop=workshop, key=key).select_related("ballot").first()


def live_tally(workshop: Workshop) -> tally.Tally:
    levers = list(workshop.levers.all())
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


def ballot_of(participant: Participant) -> dict[str, int]:
    """The participant's stickers per lever code."""
    return dict(
        BallotMark.objects.filter(ballot__participant=participant).values_list(
            "lever__code", "points"
        )
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
