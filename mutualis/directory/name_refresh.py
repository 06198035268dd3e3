"""Store on each managing body what its name and label need (main commune, display name,
search words), computed by ``names`` and written only where it changed.

Run at the end of every FINESS import (``refresh_establishment_counts``), after a usual-name
edit (one body), and by the migration that introduced these columns (historical models).
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import Count

from mutualis.core import bulk
from mutualis.directory.models import Establishment, ManagingBody
from mutualis.directory.names import NameFacts, display_name, search_text

WRITTEN_FIELDS = [
    "main_city",
    "main_city_count",
    "main_departement_id",
    "display_name",
    "search_name",
]
_BODY_FIELDS = (
    "id",
    "finess",
    "name",
    "name_is_placeholder",
    "usual_name",
    "establishment_count",
    "city",
    "departement_id",
    "main_city",
    "main_city_count",
    "main_departement_id",
    "display_name",
    "search_name",
)


def _main_places(establishments, only: list[int] | None) -> dict[int, tuple[str, int, str]]:
    """For each body, the commune holding most of its open establishments:
    (name, count, département code); ties go to the first name in alphabetical order.
    Establishments without a known commune count for the total only."""
    rows = establishments.filter(is_closed=False)
    if only is not None:
        rows = rows.filter(managing_body_id__in=only)
    grouped = (
        rows.exclude(commune=None)  # FINESS town lines ("BOURG EN BRESSE CEDEX") are no name
        .values_list("managing_body_id", "commune__name", "commune__departement_id")
        .annotate(n=Count("pk"))
        .order_by()
    )
    places: dict[int, tuple[str, int, str]] = {}
    for body_id, city, departement, n in grouped.iterator(chunk_size=5000):
        best = places.get(body_id)
        if best is None or (-n, city) < (-best[1], best[0]):
            places[body_id] = (city, n, departement)
    return places


def refresh_names(
    only: Iterable[int] | None = None,
    *,
    body_model: type[ManagingBody] = ManagingBody,
    establishment_model: type[Establishment] = Establishment,
) -> int:
    """Recompute the stored naming columns of every managing body (or of the ``only`` ids);
    return how many rows changed. A migration passes its historical models."""
    ids = None if only is None else list(only)
    places = _main_places(establishment_model.objects, ids)
    bodies = body_model.objects.order_by()
    if ids is not None:
        bodies = bodies.filter(pk__in=ids)
    changed = []
    for row in bodies.values(*_BODY_FIELDS).iterator(chunk_size=5000):
        city, count, departement = places.get(row["id"], ("", 0, None))
        facts = NameFacts(
            finess=row["finess"],
            name=row["name"],
            name_is_placeholder=row["name_is_placeholder"],
            usual_name=row["usual_name"],
            establishment_count=row["establishment_count"],
            seat_city=row["city"],
            seat_departement=(row["departement_id"] or "") if row["city"] else "",
            main_city=city[:100],
            main_city_count=count,
            main_departement=departement or "",
        )
        values = {
            "main_city": city[:100],
            "main_city_count": count,
            "main_departement_id": departement,
            "display_name": display_name(facts)[:250],
            "search_name": search_text(facts)[:500],
        }
        if any(row[name] != value for name, value in values.items()):
            changed.append({"id": row["id"], **values})
    return bulk.update(body_model, changed, WRITTEN_FIELDS)
