"""Workshop actions: create a session, edit its levers, open, vote, close, archive, cards.

Each one is a transaction that writes its audit row; ``actor=None`` is the platform itself
(management commands: the demonstration data), views always pass the request's user.

Concurrency of votes. A vote locks the participant's ballot (``select_for_update``), checks
it with the session's rule, replaces its marks, then locks the session row and recounts the
session's totals from all its ballots before committing. The recounts of one session are thus
serialised on its row, each one reading every other committed ballot and its own: the totals
are recomputed from the ballots, so they cannot drift whatever the interleaving (``F()``
increments are exact only if every path applies the right delta, and never repair a drift).
The session's lock is taken last, so that it is held only for the recount, and it is the lock
closing takes: a vote that gets it after the close sees the closed state and is rolled back,
so no vote lands after the results are frozen. On SQLite, writes are serialised anyway
(``transaction_mode=IMMEDIATE``).
"""

from __future__ import annotations

import secrets
from collections.abc import Sequence

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count, Sum
from django.utils import timezone

from mutualis.core import audit
from mutualis.workshops import codes, selectors, voting
from mutualis.workshops.models import (
    Ballot,
    BallotMark,
    Card,
    Participant,
    Workshop,
    WorkshopLever,
)
from mutualis.workshops.perms import can_facilitate, can_manage_workshop

Status = Workshop.Status


def _check_rule(rule: str, dots: int, lever_count: int) -> None:
    problem = voting.rule_for(rule, dots).feasible(lever_count)
    if problem:
        raise ValidationError(problem)


def _unique_code() -> str:
    for _ in range(20):
        code = codes.new_code()
        if not Workshop.objects.filter(code=code).exists():
            return code
    raise RuntimeError("no free participation code")  # 22**6 codes: never in practice


@transaction.atomic
def create_workshop(
    actor,
    title: str,
    levers: Sequence[tuple[str, str]],
    rule: str = Workshop.Rule.RANKED,
    dots: int = 6,
    event: str = "",
    held_on=None,
    is_demo: bool = False,
) -> Workshop:
    if actor is not None and not can_facilitate(actor):
        raise PermissionDenied
    _check_rule(rule, dots, len(levers))
    workshop = Workshop.objects.create(
        code=_unique_code(),
        title=title,
        event=event,
        held_on=held_on,
        rule=rule,
        dots=dots,
        facilitator=actor,
        is_demo=is_demo,
    )
    WorkshopLever.objects.bulk_create(
        WorkshopLever(workshop=workshop, code=code, label=label, position=index)
        for index, (code, label) in enumerate(levers)
    )
    audit.record(actor, "workshop.create", workshop, {"rule": rule, "levers": len(levers)})
    return workshop


@transaction.atomic
def set_levers(actor, workshop: Workshop, levers: Sequence[tuple[str, str]]) -> None:
    """Replace the session's levers; only before the vote opens."""
    workshop = Workshop.objects.select_for_update().get(pk=workshop.pk)
    if actor is not None and not can_manage_workshop(actor, workshop):
        raise PermissionDenied
    if workshop.status != Status.PREPARATION:
        raise ValidationError("Les leviers ne se modifient plus une fois le vote ouvert.")
    _check_rule(workshop.rule, workshop.dots, len(levers))
    workshop.levers.all().delete()
    WorkshopLever.objects.bulk_create(
        WorkshopLever(workshop=workshop, code=code, label=label, position=index)
        for index, (code, label) in enumerate(levers)
    )
    audit.record(actor, "workshop.levers", workshop, {"levers": [code for code, _ in levers]})


def _move(actor, workshop: Workshop, source: str, target: str, message: str) -> Workshop:
    workshop = Workshop.objects.select_for_update().get(pk=workshop.pk)
    if actor is not None and not can_manage_workshop(actor, workshop):
        raise PermissionDenied
    if workshop.status != source:
        raise ValidationError(message)
    audit.record(actor, "workshop.status", workshop, {"status": [workshop.status, target]})
    workshop.status = target
    return workshop


@transaction.atomic
def open_vote(actor, workshop: Workshop) -> Workshop:
    workshop = _move(actor, workshop, Status.PREPARATION, Status.OPEN, "Le vote est déjà ouvert.")
    workshop.save(update_fields=["status"])
    return workshop


@transaction.atomic
def close_vote(actor, workshop: Workshop) -> Workshop:
    """Close the vote and freeze the results: the ranking is stored with the session."""
    workshop = _move(actor, workshop, Status.OPEN, Status.CLOSED, "Le vote n'est pas ouvert.")
    _recount(workshop)
    workshop.closed_at = timezone.now()
    workshop.results = {
        **selectors.live_tally(workshop).as_dict(),
        "rule": workshop.get_rule_display(),
        "closed_at": workshop.closed_at.isoformat(),
    }
    workshop.save(update_fields=["status", "closed_at", "results", "ballot_count"])
    return workshop


@transaction.atomic
def archive(actor, workshop: Workshop) -> Workshop:
    workshop = _move(
        actor, workshop, Status.CLOSED, Status.ARCHIVED, "Closez le vote avant d'archiver."
    )
    workshop.save(update_fields=["status"])
    return workshop


@transaction.atomic
def join(workshop: Workshop, display_name: str = "") -> Participant:
    """A participant joins with the code, without an account; the returned key identifies
    them (the view keeps it in their session)."""
    if workshop.status not in (Status.PREPARATION, Status.OPEN):
        raise ValidationError("Cette session n'accueille plus de participants : le vote est clos.")
    participant = Participant.objects.create(
        workshop=workshop, key=secrets.token_urlsafe(32), display_name=display_name.strip()[:60]
    )
    Ballot.objects.create(participant=participant, workshop=workshop)
    audit.record(None, "workshop.join", workshop, {"participant": participant.pk})
    return participant


def _recount(workshop: Workshop) -> None:
    """Totals per lever and number of ballots, recomputed from the ballots (the caller holds
    the session's lock)."""
    totals = {
        lever: (total, count)
        for lever, total, count in BallotMark.objects.filter(lever__workshop=workshop)
        .values("lever_id")
        .annotate(total=Sum("points"), count=Count("pk"))
        .values_list("lever_id", "total", "count")
    }
    changed = []
    for lever in workshop.levers.all():
        points, voters = totals.get(lever.pk, (0, 0))
        if (lever.points, lever.voters) != (points, voters):
            lever.points, lever.voters = points, voters
            changed.append(lever)
    if changed:
        WorkshopLever.objects.bulk_update(changed, ["points", "voters"])
    # A ballot that was ever saved holds marks: every rule refuses an empty ballot.
    workshop.ballot_count = workshop.ballots.filter(updated_at__isnull=False).count()
    Workshop.objects.filter(pk=workshop.pk).update(ballot_count=workshop.ballot_count)


def _check_open(workshop: Workshop) -> None:
    if workshop.status != Status.OPEN:
        raise ValidationError(
            "Le vote n'est pas encore ouvert."
            if workshop.status == Status.PREPARATION
            else "Le vote est clos : votre bulletin ne peut plus être modifié."
        )


@transaction.atomic
def vote(participant: Participant, placements: Sequence[voting.Placement]) -> dict[str, int]:
    """Replace the participant's ballot; return its stickers per lever code."""
    _check_open(Workshop.objects.get(pk=participant.workshop_id))  # levers are fixed from now
    ballot = Ballot.objects.select_for_update().get(participant_id=participant.pk)
    workshop = participant.workshop
    levers = {lever.code: lever for lever in workshop.levers.all()}
    try:
        marks = voting.rule_for(workshop.rule, workshop.dots).check(placements, list(levers))
    except voting.InvalidBallot as error:
        raise ValidationError(error.messages) from error
    ballot.marks.all().delete()
    BallotMark.objects.bulk_create(
        BallotMark(ballot=ballot, lever=levers[code], points=points)
        for code, points in marks.items()
    )
    ballot.updated_at = timezone.now()
    ballot.save(update_fields=["updated_at"])
    # The session's lock, taken last and held only to recount: it serialises the recounts,
    # and a vote that gets it after the close sees the closed state and is rolled back.
    workshop = Workshop.objects.select_for_update().get(pk=workshop.pk)
    _check_open(workshop)
    # The levers read again under the lock: compared with totals read before it, a recount
    # committed meanwhile by another vote could be left in place (a lost update).
    _recount(workshop)
    audit.record(None, "workshop.vote", workshop, {"participant": participant.pk, "marks": marks})
    return marks


@transaction.atomic
def post_card(participant: Participant, question: str, text: str) -> Card:
    workshop = Workshop.objects.get(pk=participant.workshop_id)
    if workshop.is_frozen:
        raise ValidationError("La session est close : on ne peut plus ajouter de carte.")
    if question not in Card.Question.values or not text.strip():
        raise ValidationError("Choisissez une question et écrivez votre carte.")
    card = Card.objects.create(
        workshop=workshop, participant=participant, question=question, text=text.strip()[:500]
    )
    audit.record(None, "workshop.card", workshop, {"card": str(card.uid)})
    return card


@transaction.atomic
def group_card(actor, card: Card, group: str) -> Card:
    """The facilitator files a card under a label (empty: not grouped)."""
    workshop = Workshop.objects.get(pk=card.workshop_id)
    if actor is not None and not can_manage_workshop(actor, workshop):
        raise PermissionDenied
    if workshop.status == Status.ARCHIVED:
        raise ValidationError("La session est archivée.")
    group = " ".join(group.split())[:80]
    audit.record(
        actor, "workshop.card_group", card.workshop, {"card": str(card.uid), "group": group}
    )
    card.group = group
    card.save(update_fields=["group"])
    return card
