"""Shared resources seen from above: a grappe's exchanges between its members, a région's
offers and needs (regional actors), and the public open-data counts."""

from __future__ import annotations

from collections import defaultdict

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import JsonResponse
from django.shortcuts import render
from django.utils import timezone

from mutualis.accounts.perms import is_national_admin, region_codes
from mutualis.core import tabular
from mutualis.core.forms import chosen_or_404
from mutualis.grappes.models import Grappe, GrappeMember
from mutualis.sharing import selectors
from mutualis.sharing.models import Listing
from mutualis.sharing.perms import can_see_grappe_resources
from mutualis.territories.models import Region

OPEN_DATA_HEADER = [
    "compétence (code)",
    "compétence",
    "région (code)",
    "région",
    "offres",
    "besoins",
]
# Map points are rounded to this many decimals of a degree (about 10 km): the map shows where
# resources are, not which ESSMS offers them.
MAP_ROUNDING = 1


@login_required
def grappe(request, uid):
    """Who brings what to whom in a grappe: its members' current listings and the accepted
    requests between them (active members, regional actors of its régions, national admins)."""
    found = chosen_or_404(Grappe.objects.all(), str(uid), "uid")
    if not can_see_grappe_resources(request.user, found):
        raise PermissionDenied(
            "Le partage de ressources d'une grappe est réservé à ses membres actifs et aux "
            "acteurs régionaux de ses régions."
        )
    bodies = list(
        found.members.filter(status=GrappeMember.Status.ACTIVE).values_list(
            "managing_body_id", flat=True
        )
    )
    return render(
        request,
        "sharing/grappe.html",
        {
            "grappe": found,
            "listings": selectors.grappe_listings(found, bodies),
            "exchanges": selectors.grappe_exchanges(bodies),
        },
    )


def _regions_of(user) -> list[Region]:
    if is_national_admin(user):
        return list(Region.objects.order_by("name"))
    return list(Region.objects.filter(code__in=region_codes(user)).order_by("name"))


def _chosen_region(request) -> Region:
    regions = _regions_of(request.user)
    if not regions:
        raise PermissionDenied(
            "Cette page est réservée aux acteurs régionaux (ARS, GRADeS) et aux "
            "administrateurs nationaux."
        )
    wanted = request.GET.get("region", "")
    for region in regions:
        if region.code == wanted:
            return region
    if wanted:
        raise PermissionDenied("Vous ne suivez pas cette région.")
    return regions[0]


@login_required
def region(request):
    """Offers and needs of a région by skill and département, with a map (no names)."""
    chosen = _chosen_region(request)
    rows = defaultdict(lambda: {"offer": 0, "need": 0})
    for row in selectors.region_table(chosen.code):
        key = (
            row["skill__label"],
            row["establishment__departement_id"] or "",
            row["establishment__departement__name"] or "Lieu non précisé",
        )
        rows[key][row["direction"]] += row["n"]
    return render(
        request,
        "sharing/region.html",
        {
            "region": chosen,
            "regions": _regions_of(request.user),
            "rows": [(*key, counts["offer"], counts["need"]) for key, counts in rows.items()],
        },
    )


@login_required
def region_points(request):
    chosen = _chosen_region(request)
    listings = (
        Listing.objects.filter(selectors.current(), region=chosen)
        .exclude(establishment__latitude=None)
        .select_related("skill", "establishment")
    )
    points = [
        [
            round(item.establishment.latitude, MAP_ROUNDING),
            round(item.establishment.longitude, MAP_ROUNDING),
            item.get_direction_display(),
            item.skill.label,
        ]
        for item in listings[:2000]
    ]
    return JsonResponse({"count": len(points), "truncated": len(points) >= 2000, "points": points})


def _open_rows():
    return [
        [
            row["skill__code"],
            row["skill__label"],
            row["region_id"],
            row["region__name"],
            row["offers"],
            row["needs"],
        ]
        for row in selectors.open_data_counts()
    ]


def open_data(request):
    """Public: current offers and needs counted by skill and région (no names, no contacts)."""
    rows = _open_rows()
    return render(
        request,
        "sharing/open_data.html",
        {
            "rows": rows,
            "offers": sum(r[4] for r in rows),
            "needs": sum(r[5] for r in rows),
        },
    )


def open_data_csv(request):
    filename = f"partage-ressources-{timezone.localdate():%Y-%m-%d}.csv"
    return tabular.csv_download(tabular.csv_lines([OPEN_DATA_HEADER, *_open_rows()]), filename)
