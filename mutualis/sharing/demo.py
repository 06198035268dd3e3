"""Demonstration offers and needs (``make run``): a DPO 2 days a month offered by a body near
the demo body 750808511 (Paris), that body's need of a shared RSSI, and a few listings in the
Ain around the demo account's body. Idempotent (skipped once demo listings exist);
deterministic; nothing personal is written."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from mutualis.core import audit
from mutualis.directory.models import Establishment, ManagingBody
from mutualis.sharing.models import Listing, Skill, Vehicle

PARIS_BODY = "750808511"


def _located(body: ManagingBody) -> Establishment | None:
    return (
        body.establishments.filter(is_closed=False)
        .exclude(latitude=None)
        .order_by("finess")
        .first()
    )


def _neighbour(body: ManagingBody, place: Establishment) -> ManagingBody | None:
    """Another open body with a geolocated ESSMS in the same département (the one with most
    ESSMS: a stable choice on the national file)."""
    return (
        ManagingBody.objects.filter(
            is_closed=False,
            establishments__departement_id=place.departement_id,
            establishments__is_closed=False,
            establishments__latitude__isnull=False,
        )
        .exclude(pk=body.pk)
        .order_by("-establishment_count", "finess")
        .first()
    )


def _publish(body, direction, skill, title, days, description, visibility="everyone", **kw):
    place = _located(body)
    if place is None:
        return None
    today = timezone.localdate()
    listing = Listing.objects.create(
        managing_body=body,
        direction=direction,
        skill=Skill.objects.get(code=skill),
        title=title,
        description=description,
        days_per_month=Decimal(days) if days is not None else None,
        starts_on=today,
        ends_on=today + datetime.timedelta(days=365),
        establishment=place,
        region_id=place.region_id,
        visibility=visibility,
        vehicle=Vehicle.objects.filter(code=kw.pop("vehicle", "pret-non-lucratif")).first(),
        is_demo=True,
        **kw,
    )
    audit.record(None, "sharing.publish", listing, {"demo": True})
    return listing


@transaction.atomic
def seed_demo_sharing() -> int:
    if Listing.objects.filter(is_demo=True).exists():
        return 0
    created = []
    paris = ManagingBody.objects.filter(finess=PARIS_BODY).first()
    place = _located(paris) if paris else None
    if place is not None:
        created.append(
            _publish(
                paris,
                Listing.Direction.NEED,
                "rssi",
                "Besoin d'un RSSI partagé",
                "2",
                "Mise en conformité de la sécurité du SI après l'autodiagnostic.",
                max_distance_km=50,
            )
        )
        neighbour = _neighbour(paris, place)
        if neighbour is not None:
            created.append(
                _publish(
                    neighbour,
                    Listing.Direction.OFFER,
                    "dpo",
                    "DPO 2 jours par mois",
                    "2",
                    "Notre DPO vient de mettre en place la conformité RGPD et peut accompagner "
                    "un autre organisme deux jours par mois.",
                    max_distance_km=30,
                )
            )
            created.append(
                _publish(
                    neighbour,
                    Listing.Direction.OFFER,
                    "rssi",
                    "RSSI 1 jour par mois",
                    "1",
                    "Accompagnement sécurité : politique de sauvegarde, gestion des accès.",
                )
            )
    ain = (
        ManagingBody.objects.filter(departement_id="01", is_closed=False)
        .order_by("-establishment_count", "finess")
        .first()
    )
    if ain is not None:
        created.append(
            _publish(
                ain,
                Listing.Direction.NEED,
                "chef-projet-si",
                "Chef de projet SI pour le déploiement du DUI",
                "4",
                "Formation insuffisante de nos chefs de projet : besoin d'un appui partagé.",
                visibility="region",
            )
        )
        created.append(
            _publish(
                ain,
                Listing.Direction.OFFER,
                "formateur-dui",
                "Formateur DUI 1 jour par mois",
                "1",
                "Notre formatrice DUI peut former les équipes d'un organisme voisin.",
                visibility="region",
            )
        )
        created.append(
            _publish(
                ain,
                Listing.Direction.OFFER,
                "serveur",
                "Capacité d'hébergement sur notre serveur",
                None,
                "Un serveur récent avec de la capacité disponible.",
                visibility="region",
                vehicle="prestation",
            )
        )
    return sum(1 for listing in created if listing is not None)
