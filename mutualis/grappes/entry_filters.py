"""Filters of a member's ESSMS on the grappe's ESSMS page (GET): département, commune,
category, sector, words, and whether the ESSMS is in the grappe. The choices offered are
those of the member's own open ESSMS, read in one query."""

from __future__ import annotations

from django import forms
from django.db.models import Exists, OuterRef, Q, QuerySet
from dsfr.forms import DsfrBaseForm

from mutualis.core.text import normalize
from mutualis.directory.filters import search_by_name_or_finess
from mutualis.directory.models import Establishment
from mutualis.grappes.models import GrappeEstablishment, GrappeMember

IN_GRAPPE = {
    "oui": "Dans la grappe",
    "non": "Pas dans la grappe",
    "libres": "Disponibles (dans aucune grappe de la campagne)",
    "ailleurs": "Dans une autre grappe de la campagne",
}


def own_establishments(member: GrappeMember) -> QuerySet[Establishment]:
    """The member's open establishments, the only ones it may bring."""
    return member.managing_body.establishments.filter(is_closed=False)


class EntryFilterForm(DsfrBaseForm):
    q = forms.CharField(
        label="Nom ou n° FINESS",
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"type": "search"}),
    )
    departement = forms.ChoiceField(label="Département", required=False)
    commune = forms.CharField(label="Commune (nom ou code postal)", required=False, max_length=100)
    categorie = forms.ChoiceField(label="Catégorie", required=False)
    secteur = forms.ChoiceField(label="Secteur", required=False)
    statut = forms.ChoiceField(
        label="Dans la grappe",
        required=False,
        choices=[("", "Tous les ESSMS"), *IN_GRAPPE.items()],
    )

    def __init__(self, *args, establishments: QuerySet[Establishment], **kwargs):
        super().__init__(*args, **kwargs)
        rows = (
            establishments.order_by()
            .values_list(
                "departement_id",
                "departement__name",
                "category_id",
                "category__label",
                "category__sector_id",
                "category__sector__label",
            )
            .distinct()
        )
        departements, categories, sectors = {}, {}, {}
        for dep, dep_name, category, label, sector, sector_label in rows:
            departements[dep] = f"{dep_name} ({dep})"
            categories[category] = f"{label or category} ({category})"
            if sector:
                sectors[sector] = sector_label
        self.fields["departement"].choices = [
            ("", "Tous les départements"),
            *sorted(departements.items()),
        ]
        self.fields["categorie"].choices = [
            ("", "Toutes les catégories"),
            *sorted(categories.items(), key=lambda item: item[1]),
        ]
        self.fields["secteur"].choices = [
            ("", "Tous les secteurs"),
            *sorted(sectors.items(), key=lambda item: item[1]),
        ]

    @property
    def is_filtering(self) -> bool:
        return self.is_valid() and any(self.cleaned_data.values())


def filtered(
    establishments: QuerySet[Establishment], member: GrappeMember, data: dict
) -> QuerySet[Establishment]:
    """The establishments kept by the cleaned filter ``data``, by name then FINESS number."""
    if data.get("departement"):
        establishments = establishments.filter(departement_id=data["departement"])
    if data.get("categorie"):
        establishments = establishments.filter(category_id=data["categorie"])
    if data.get("secteur"):
        establishments = establishments.filter(category__sector_id=data["secteur"])
    commune = (data.get("commune") or "").strip()
    if commune:
        if commune.isascii() and commune.isdigit():
            establishments = establishments.filter(postal_code__startswith=commune)
        else:
            # FINESS writes communes as normalize() does ("ST ETIENNE", "ST ETIENNE CEDEX 2").
            city = normalize(commune)
            establishments = establishments.filter(
                Q(city__startswith=city) | Q(city__contains=f" {city}")
            )
    status = data.get("statut")
    if status:
        here = Exists(
            GrappeEstablishment.objects.filter(member=member, establishment=OuterRef("pk"))
        )
        elsewhere = Exists(
            GrappeEstablishment.objects.filter(
                establishment=OuterRef("pk"),
                grappe__campaign=member.grappe.campaign,
                grappe__programme=member.grappe.programme,
            ).exclude(grappe=member.grappe_id)
        )
        establishments = establishments.filter(
            {"oui": here, "non": ~here, "libres": ~here & ~elsewhere, "ailleurs": elsewhere}[status]
        )
    if (data.get("q") or "").strip():
        establishments = search_by_name_or_finess(establishments, data["q"])
    return establishments.select_related("category").order_by("name", "finess")
