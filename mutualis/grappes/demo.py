"""Demonstration data of the grappe builder (``make run``): a deterministic share of the
managing bodies declared open to cooperation, so that partner matching and regional
suggestions have something to show. Demo databases only (banner on every page)."""

from __future__ import annotations

import random

from django.db import transaction

from mutualis.directory.models import ManagingBody

SEED = 2026
OPEN_SHARE = 0.35


@transaction.atomic
def seed_demo_grappes(seed: int = SEED) -> int:
    random_ = random.Random(seed)
    ids = list(
        ManagingBody.objects.filter(is_closed=False).order_by("pk").values_list("pk", flat=True)
    )
    chosen = [pk for pk in ids if random_.random() < OPEN_SHARE]
    ManagingBody.objects.update(open_to_cooperation=False)
    ManagingBody.objects.filter(pk__in=chosen).update(open_to_cooperation=True)
    return len(chosen)
