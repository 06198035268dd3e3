"""Suggested grappes stored per région, programme and campaign: computed by a background
task, read by the page, recomputed on demand (regional actors) or when the data they rest on
change (signals), never at every visit.

A stored result is current when it was computed with the rules in force (``rules_version``:
minimum size, national threshold, target with its margin); otherwise the page shows it with
its date while a new computation runs.
"""

from __future__ import annotations

import time

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from mutualis.directory.models import Establishment
from mutualis.grappes import candidates, suggestion_rules
from mutualis.grappes.matching import Candidate, Group, Partition
from mutualis.grappes.models import StoredSuggestions
from mutualis.grappes.rules import Rules

SUGGESTION_RULES = ("grappe.min_essms", "call.national_threshold")
STALE_PENDING_SECONDS = 15 * 60  # a request older than this is sent again (lost worker)


def target_essms() -> int:
    return settings.MUTUALIS.get("SUGGESTION_TARGET_ESSMS", 18)


def sizes(rules: Rules) -> tuple[int, int, int]:
    """(minimum, target, national threshold) of the suggestions under these rules."""
    minimum = rules["grappe.min_essms"].integer
    return minimum, max(minimum, target_essms()), rules["call.national_threshold"].integer


def rules_version(rules: Rules) -> str:
    minimum, target, national = sizes(rules)
    return f"min={minimum};cible={target};national={national}"


def stored(region: str, programme: str, campaign: int) -> StoredSuggestions | None:
    return StoredSuggestions.objects.filter(
        region_id=region, programme=programme, campaign=campaign
    ).first()


def is_current(row: StoredSuggestions | None, rules: Rules) -> bool:
    return (
        row is not None
        and row.status == StoredSuggestions.Status.DONE
        and row.rules_version == rules_version(rules)
    )


def request(region: str, programme: str, campaign: int, force: bool = False):
    """Ask for a computation unless one is already waiting (``force``: even then); returns
    the row. The task runs now with the immediate backend, in a worker otherwise."""
    from mutualis.grappes.tasks import compute_suggestions

    row, _ = StoredSuggestions.objects.get_or_create(
        region_id=region, programme=programme, campaign=campaign
    )
    waiting = row.status in (StoredSuggestions.Status.PENDING, StoredSuggestions.Status.RUNNING)
    recent = row.requested_at and (
        (timezone.now() - row.requested_at).total_seconds() < STALE_PENDING_SECONDS
    )
    if waiting and recent and not force:
        return row
    row.status, row.requested_at = StoredSuggestions.Status.PENDING, timezone.now()
    row.save(update_fields=["status", "requested_at"])
    compute_suggestions.enqueue(region, programme, campaign)
    row.refresh_from_db()
    return row


def compute(region: str, programme: str, campaign: int, rules: Rules) -> StoredSuggestions:
    """Compute and store the suggestions of a région (the body of the task)."""
    row, _ = StoredSuggestions.objects.get_or_create(
        region_id=region, programme=programme, campaign=campaign
    )
    row.status = StoredSuggestions.Status.RUNNING
    row.save(update_fields=["status"])
    started = time.perf_counter()
    pool = candidates.open_bodies().filter(establishments__region=region).distinct()
    found = candidates.candidates(pool, campaign, programme, region=region)
    minimum, target, national = sizes(rules)
    partition = suggestion_rules.suggest(found, minimum, target, national)
    row.result = serialise(partition, target, len(found), time.perf_counter() - started)
    row.rules_version = rules_version(rules)
    row.status, row.computed_at = StoredSuggestions.Status.DONE, timezone.now()
    row.save()
    return row


def serialise(partition: Partition, target: int, count: int, seconds: float) -> dict:
    def member(c: Candidate) -> dict:
        return {"id": c.id, "name": c.name, "essms": c.essms}

    return {
        "candidate_count": count,
        "seconds": round(seconds, 2),
        "target": target,
        "groups": [
            {
                "members": [member(c) for c in g.members],
                "essms": g.essms,
                "national": g.national,
                "explanation": list(g.explanation),
                "within_margin": suggestion_rules.within_margin(g, target),
            }
            for g in partition.groups
        ],
        "unassigned": [{**member(c), "reason": reason} for c, reason in partition.unassigned],
    }


def partition_of(result: dict) -> Partition:
    """The stored groups as the page shows them."""

    def candidate(item: dict) -> Candidate:
        return Candidate(id=item["id"], name=item["name"], essms=item["essms"], points=())

    groups = tuple(
        Group(
            members=tuple(candidate(m) for m in g["members"]),
            essms=g["essms"],
            cost=0.0,
            national=g["national"],
            explanation=tuple(g["explanation"]),
        )
        for g in result.get("groups", [])
    )
    unassigned = tuple((candidate(u), u["reason"]) for u in result.get("unassigned", []))
    return Partition(groups, unassigned, 0.0)


def data_changed(body_ids) -> None:
    """Once the transaction commits: recompute the stored suggestions of the régions where
    these managing bodies have ESSMS (only those someone has already looked at)."""
    ids = list(body_ids)
    transaction.on_commit(lambda: _recompute_regions(ids))


def _recompute_regions(body_ids: list[int]) -> None:
    if not StoredSuggestions.objects.exists():  # nobody has looked at suggestions yet
        return
    regions = set(
        Establishment.objects.filter(managing_body__in=body_ids)
        .exclude(region=None)
        .values_list("region", flat=True)
    )
    for row in StoredSuggestions.objects.filter(region__in=regions):
        request(row.region_id, row.programme, row.campaign)


def body_saved(instance, **_signal) -> None:
    data_changed([instance.pk])


def member_saved(instance, **_signal) -> None:
    data_changed([instance.managing_body_id])


def profile_saved(instance, **_signal) -> None:
    body = Establishment.objects.filter(pk=instance.establishment_id).values_list(
        "managing_body_id", flat=True
    )
    data_changed(list(body))
