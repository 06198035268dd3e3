"""The stored search column of establishments and managing bodies (``search_name``).

Computed by ``core.text.normalize`` like the queries: here for establishments (at import),
by ``name_refresh`` for managing bodies (with their names), and by ``rebuild`` (data
migrations, command ``rebuild_search_names``) when the normalisation changes
(``core.text.NORMALIZATION_VERSION``).
"""

from __future__ import annotations

import re

from django.db import models

from mutualis.core import bulk
from mutualis.core.text import normalize
from mutualis.directory.name_refresh import refresh_names

ESTABLISHMENT_LENGTH = 300
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


def rebuild(establishment_model: type[models.Model], body_model=None) -> int:
    """Recompute the stored search names of the establishments (the model may be a
    migration's historical one) and, given ``body_model``, of the managing bodies
    (``name_refresh.refresh_names``); only the rows whose value changes are written, in
    batches. Returns how many changed."""
    rows = establishment_model.objects.values_list("pk", "search_name", "name", "long_name", "city")
    changed = []
    for pk, stored, name, long_name, city in rows.iterator(chunk_size=bulk.BATCH_SIZE):
        value = establishment_search_name(name, long_name, city)
        if value != stored:
            changed.append({"id": pk, "search_name": value})
    count = bulk.update(establishment_model, changed, ["search_name"])
    if body_model is not None:
        count += refresh_names(body_model=body_model, establishment_model=establishment_model)
    return count
