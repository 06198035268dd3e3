"""Load the cooperation groupings of a FINESS+ file (``gco``/``gcc``) into the directory.

A FINESS+ "Structures" file is a whole publication: its groupings replace the stored ones
in one transaction (groupings absent from the file are deleted, the others keep their
``uid``, their members are written again). A file without ``gco``/``gcc`` keys leaves them
alone. Members are stored by FINESS number, whether the directory knows them or not.
"""

from __future__ import annotations

from django.db import transaction

from mutualis.core import bulk
from mutualis.directory.models import Grouping, GroupingMember
from mutualis.directory.signals import groupings_loaded
from mutualis.finess.json_groupings import GroupingsReadResult
from mutualis.finess.models import LegalStatus

UPDATED_FIELDS = ["finess", "name", "kind_code", "legal_status", "updated_at"]


@transaction.atomic
def replace_groupings(result: GroupingsReadResult) -> dict[str, int]:
    statuses = set(LegalStatus.objects.values_list("code", flat=True))
    Grouping.objects.bulk_create(
        [
            Grouping(
                source=record.source,
                source_id=record.source_id[:40],
                finess=record.finess,
                name=(record.name or f"Groupement {record.source_id}")[:200],
                kind_code=record.kind_code[:10],
                legal_status_id=record.legal_status_code
                if record.legal_status_code in statuses
                else None,
            )
            for record in result.groupings
        ],
        batch_size=bulk.BATCH_SIZE,
        update_conflicts=True,
        unique_fields=["source", "source_id"],
        update_fields=UPDATED_FIELDS,
    )
    ids = {
        (source, source_id): pk
        for pk, source, source_id in Grouping.objects.values_list("pk", "source", "source_id")
    }
    kept = {ids[(r.source, r.source_id[:40])] for r in result.groupings}
    _, deleted = Grouping.objects.exclude(pk__in=kept).delete()
    GroupingMember.objects.all().delete()
    GroupingMember.objects.bulk_create(
        [
            GroupingMember(
                grouping_id=ids[(record.source, record.source_id[:40])],
                finess=member.finess,
                kind=member.kind,
                role_code=member.role_code[:10],
            )
            for record in result.groupings
            for member in record.members
        ],
        batch_size=bulk.BATCH_SIZE,
    )
    groupings_loaded.send(sender=Grouping)
    return {
        "groupements": len(kept),
        "groupements retirés": deleted.get(Grouping._meta.label, 0),
        "groupements ignorés (fermés)": result.skipped,
        "membres introuvables": len(result.warnings),
    }
