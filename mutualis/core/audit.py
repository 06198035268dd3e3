"""Audit rows, written by service functions in the same transaction as the change."""

from __future__ import annotations

from typing import Any

from django.db import models

from mutualis.core.models import AuditLog


def record(actor: Any, action: str, obj: models.Model, changes: dict | None = None) -> AuditLog:
    """Write one audit row for ``obj``; ``actor`` may be anonymous or None (system)."""
    user = actor if getattr(actor, "is_authenticated", False) else None
    public_id = getattr(obj, "finess", None) or getattr(obj, "uid", None) or obj.pk
    return AuditLog.objects.create(
        actor=user,
        action=action,
        object_type=obj._meta.label_lower,
        object_id=str(public_id),
        changes=changes or {},
    )


def diff_fields(instance: models.Model, data: dict[str, Any]) -> dict[str, list[str]]:
    """The fields of ``data`` that differ on ``instance``, as ``{field: [old, new]}`` strings."""
    changes = {}
    for name, new in data.items():
        old = getattr(instance, name)
        if old != new:
            changes[name] = [
                str(old if old is not None else ""),
                str(new if new is not None else ""),
            ]
    return changes
