"""Workshop actions: create a session, edit its levers, open, vote, close, start a new round,
archive, cards.

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

Version. Every change a page shows (a vote, a join, a state or round change, a card)
increments ``Workshop.version`` in its own transaction: the board and the participants' pages
poll it and re-render when it moved, whatever the change (a sticker moved between two levers
leaves the multiset of totals unchanged, the version still moves).

Rounds. After closing a round, the facilitator may start another one on all the levers or on
the top of the last ranking; each closed round keeps its ballots (``Ballot.round``) and its
frozen ranking (``WorkshopRound``), and ``Workshop.results`` holds the last closed round's.
"""

from __future__ import annotations

import secrets
from collections.abc import Sequence

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count, F, Sum
from django.utils import timezone

from mutualis.core import audit
from mutualis.workshops import codes, selectors, tally, voting
from mutualis.workshops.models import (
    Ballot,
    BallotMark,
    Card,
    Participant,
    Workshop,
    WorkshopLever,
    WorkshopRound,
)
from mutualis.workshops.perms import can_facilitate, can_manage_workshop

Status = Workshop.Status


def _check_rule(rule: str, dots: int, lever_count: int) -> None:
    problem = voting.rule_for(rule, dots).feasible(lever_count)
    if problem:
        raise ValidationError(problem)


def _bump(workshop: Workshop) -> None:
    """Move the session's version (in the caller's transaction)."""
    Workshop.objects.filter(pk=workshop.pk).update(version=F("version") + 1)


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
    if workshop.round > 1:
        raise ValidationError("Les leviers ne se modifient plus après le premier tour.")
    workshop.levers.all().delete()
    WorkshopLever.objects.bulk_create(
        WorkshopLever(workshop=workshop, code=code, label=label, position=index)
        for index, (code, label) in enumerate(levers)
    )
    _bump(workshop)
    audit.record(actor, "workshop.levers", workshop, {"levers": [code for code, _ in levers]})


def _move(actor, workshop: Workshop, source: str, target: str, message: str) -> Workshop:
    workshop = Workshop.objects.select_for_update().get(pk=workshop.pk)
    if actor is not None and not can_manage_workshop(actor, workshop):
        raise PermissionDenied
    if workshop.status != source:
        raise ValidationError(message)
    audit.record(actor, "workshop.status", workshop, {"status": [workshop.status, target]})
    workshop.status = target
    workshop.version += 1  # saved by the caller with the status
    return workshop


@transaction.atomic
def open_vote(actor, workshop: Workshop) -> Workshop:
    workshop = _move(actor, workshop, Status.PREPARATION, Status.OPEN, "Le vote est déjà ouvert.")
    workshop.save(update_fields=["status", "version"])
    return workshop


@transaction.atomic
def close_vote(actor, workshop: Workshop) -> Workshop:
    """Close the round's vote and freeze its results: the ranking is stored with the round,
    and with the session as its last closed round's."""
    workshop = _move(actor, workshop, Status.OPEN, Status.CLOSED, "Le vote n'est pas ouvert.")
    _recount(workshop)
    workshop.closed_at = timezone.now()
    workshop.results = {
        **selectors.live_tally(workshop).as_dict(),
        "rule": workshop.get_rule_display(),
        "closed_at": workshop.closed_at.isoformat(),
        "round": workshop.round,
    }
    WorkshopRound.objects.create(
        workshop=workshop,
        number=workshop.round,
        levers=list(workshop.levers.filter(in_round=True).values_list("code", flat=True)),
        results=workshop.results,
        closed_at=workshop.closed_at,
    )
    workshop.save(update_fields=["status", "closed_at", "results", "ballot_count", "version"])
    return workshop


@transaction.atomic
def start_round(actor, workshop: Workshop, top: int | None = None) -> Workshop:
    """After a closed round, open the next one on every lever (``top`` None) or on the
    ``top`` first of the last ranking (levers tied at the cut included); every participant
    gets an empty ballot for it, the previous rounds' ballots and results are kept."""
    workshop = Workshop.objects.select_for_update().get(pk=workshop.pk)
    if actor is not None and not can_manage_workshop(actor, workshop):
        raise PermissionDenied
    if workshop.status != Status.CLOSED:
        raise ValidationError("Closez le vote du tour en cours avant d'en lancer un nouveau.")
    levers = list(workshop.levers.all())
    chosen = {lever.code for lever in levers}
    if top is not None:
        rows = tally.Tally.from_dict(workshop.results).rows
        cut = rows[min(top, len(rows)) - 1].rank if rows else 0
        chosen = {row.code for row in rows if row.rank <= cut}
    _check_rule(workshop.rule, workshop.dots, len(chosen))
    for lever in levers:
        lever.in_round, lever.points, lever.voters = lever.code in chosen, 0, 0
    WorkshopLever.objects.bulk_update(levers, ["in_round", "points", "voters"])
    audit.record(
        actor,
        "workshop.round",
        workshop,
        {"round": workshop.round + 1, "levers": sorted(chosen)},
    )
    workshop.round += 1
    workshop.status = Status.OPEN
    workshop.ballot_count = 0
    workshop.version += 1
    Ballot.objects.bulk_create(
        Ballot(participant_id=pk, workshop=workshop, round=workshop.round)
        for pk in workshop.participants.values_list("pk", flat=True)
    )
    workshop.save(update_fields=["round", "status", "ballot_count", "version"])
    return workshop


@transaction.atomic
def archive(actor, workshop: Workshop) -> Workshop:
    workshop = _move(
        actor, workshop, Status.CLOSED, Status.ARCHIVED, "Closez le vote avant d'archiver."
    )
    workshop.save(update_fields=["status", "version"])
    return workshop


@transaction.atomic
def join(workshop: Workshop, display_name: str = "") -> Participant:
    """A participant joins with the code, without an account; the returned key identifies
    them (the view keeps it in their session)."""
    # The session's lock: a round starting meanwhile gives this participant its ballot.
    workshop = Workshop.objects.select_for_update().get(pk=workshop.pk)
    if workshop.status not in (Status.PREPARATION, Status.OPEN):
        raise ValidationError("Cette session n'accueille plus de participants : le vote est clos.")
    participant = Participant.objects.create(
        workshop=workshop, key=secrets.token_urlsafe(32), display_name=display_name.strip()[:60]
    )
    Ballot.objects.create(participant=participant, workshop=workshop, round=workshop.round)
    _bump(workshop)
    audit.record(None, "workshop.join", workshop, {"participant": participant.pk})
    return participant


def _recount(workshop: Workshop) -> None:
    """Totals per lever and number of ballots, recomputed from the ballots (the caller holds
    the session's lock)."""
    totals = {
        lever: (total, count)
        for lever, total, count in BallotMark.objects.filter(
            lever__workshop=workshop, ballot__round=workshop.round
        )
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
    workshop.ballot_count = workshop.ballots.filter(
        round=workshop.round, updated_at__isnull=False
    ).count()
    workshop.version += 1
    Workshop.objects.filter(pk=workshop.pk).update(
        ballot_count=workshop.ballot_count, version=F("version") + 1
    )


def _check_open(workshop: Workshop) -> None:
    if workshop.status != Status.OPEN:
        raise ValidationError(
            "Le vote n'est pas encore ouvert."
            if workshop.status == Status.PREPARATION
            else "Le vote est clos : votre bulletin ne peut plus être modifié."
        )


@transaction.atomic
def vote(participant: Participant, placements: Sequence[voting.Placement]) -> dict[str, int]:
    """Replace the participant's ballot of the current round; return its stickers per lever
    code."""
    workshop = Workshop.objects.get(pk=participant.workshop_id)
    _check_open(workshop)  # levers are fixed from now
    number = workshop.round
    ballot = Ballot.objects.select_for_update().get(participant_id=participant.pk, round=number)
    levers = {lever.code: lever for lever in workshop.levers.filter(in_round=True)}
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
    if workshop.round != number:
        raise ValidationError("Un nouveau tour a commencé : votez à nouveau sur ses leviers.")
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
    _bump(workshop)
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
    _bump(workshop)
    return card
