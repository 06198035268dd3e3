"""The stored search column of establishments and managing bodies (``search_name``).

Computed here only, by ``core.text.normalize`` like the queries: at import, when a managing
body renames itself, and by ``rebuild`` (data migrations, command ``rebuild_search_names``)
when the normalisation changes (``core.text.NORMALIZATION_VERSION``).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from django.db import models

from mutualis.core import bulk
from mutualis.core.text import normalize

ESTABLISHMENT_LENGTH = 300
MANAGING_BODY_LENGTH = 200
_CEDEX = re.compile(r"\s+CEDE(X\s*\d*)?$")  # FINESS cuts "CEDEX" at 26 characters


def establishment_search_name(name: str, long_name: str, city: str) -> str:
    """The name, the long name when it says more, and the commune ("ST ETIENNE", without
    "CEDEX 2"): a search for "EHPAD Saint-Étienne" finds the EHPADs of Saint-Étienne."""
    parts = [normalize(name)]
    long_words = normalize(long_name)
    if long_words and long_words != parts[0]:
        parts.append(long_words)
    parts.append(_CEDEX.sub("", normalize(city)))
    return " ".join(part for part in parts if part)[:ESTABLISHMENT_LENGTH]


def managing_body_search_name(name: str, finess: str) -> str:
    return normalize(f"{name} {finess}")[:MANAGING_BODY_LENGTH]


def rebuild(establishment_model: type[models.Model], body_model: type[models.Model]) -> int:
    """Recompute every stored search name (the models may be a migration's historical ones);
    only the rows whose value changes are written, in batches. Returns how many changed."""
    changed = _changed(
        establishment_model.objects.values_list("pk", "search_name", "name", "long_name", "city"),
        establishment_search_name,
    )
    bodies = _changed(
        body_model.objects.values_list("pk", "search_name", "name", "finess"),
        managing_body_search_name,
    )
    return bulk.update_text_column(establishment_model, "search_name", changed) + (
        bulk.update_text_column(body_model, "search_name", bodies)
    )


def _changed(rows: models.QuerySet, compute: Callable[..., str]) -> dict[int, str]:
    values = {}
    for pk, stored, *fields in rows.iterator(chunk_size=bulk.BATCH_SIZE):
        value = compute(*fields)
        if value != stored:
            values[pk] = value
    return values
