"""Search filters of the directory, shared by the pages and the API."""

import re

import django_filters
from django import forms
from django.contrib.postgres.search import TrigramSimilarity
from django.db import connection
from django.db.models import Case, Value, When
from dsfr.forms import DsfrBaseForm

from mutualis.core.text import normalize
from mutualis.directory.models import Establishment, ManagingBody
from mutualis.directory.names import finess_number, number_prefix
from mutualis.directory.widgets import ManagingBodyInput
from mutualis.finess.models import Aggregate, Category, Sector
from mutualis.territories.models import Departement, Region

FINESS_QUERY = re.compile(r"^\s*([0-9][0-9AB][0-9]{7})\s*$", re.IGNORECASE)


def search_by_name_or_finess(queryset, value: str):
    """Exact FINESS number, or every word of the query in the normalised name, the closest
    names first (trigram similarity on PostgreSQL, names starting with the query elsewhere)."""
    match = FINESS_QUERY.match(value or "")
    if match:
        return queryset.filter(finess=match.group(1).upper())
    query = normalize(value)
    for word in query.split():
        queryset = queryset.filter(search_name__contains=word)
    if not query:
        return queryset
    if connection.vendor == "postgresql":
        closeness = TrigramSimilarity("search_name", query)
    else:
        closeness = Case(When(search_name__startswith=query, then=Value(1.0)), default=Value(0.0))
    return queryset.annotate(closeness=closeness).order_by("-closeness", "name", "finess")


def search_managing_bodies_in(queryset, value: str):
    """Managing bodies by FINESS number (typed with spaces or dots, or its first digits),
    else by every word of their names, number, seat and main commune (``names.search_text``)."""
    number = finess_number(value)
    if number:
        return queryset.filter(finess=number)
    prefix = number_prefix(value)
    if prefix:
        return queryset.filter(finess__startswith=prefix).order_by("finess")
    return search_by_name_or_finess(queryset, value)


class EstablishmentFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label="Nom ou n° FINESS",
        method="filter_q",
        widget=forms.TextInput(
            attrs={"type": "search", "placeholder": "Ex. : EHPAD Les Tilleuls, 010000032"}
        ),
    )
    commune = django_filters.CharFilter(
        label="Commune (nom ou code postal)", method="filter_commune"
    )
    region = django_filters.ModelChoiceFilter(
        label="Région", queryset=Region.objects.all(), empty_label="Toutes les régions"
    )
    departement = django_filters.ModelChoiceFilter(
        label="Département",
        queryset=Departement.objects.all(),
        empty_label="Tous les départements",
    )
    sector = django_filters.ModelChoiceFilter(
        label="Secteur",
        field_name="category__sector",
        queryset=Sector.objects.all(),
        empty_label="Tous les secteurs",
    )
    aggregate = django_filters.ModelChoiceFilter(
        label="Agrégat de catégories",
        field_name="category__aggregate",
        queryset=Aggregate.objects.filter(level=3, code__startswith="4")
        | Aggregate.objects.filter(level=3, code__startswith="5"),
        empty_label="Tous les agrégats",
    )
    category = django_filters.ModelChoiceFilter(
        label="Catégorie",
        queryset=Category.objects.filter(domain="SOC").exclude(label=""),
        empty_label="Toutes les catégories",
    )
    managing_body = django_filters.CharFilter(
        label="Organisme gestionnaire (nom, n° FINESS juridique ou commune)",
        method="filter_managing_body",
        widget=ManagingBodyInput,
    )
    include_closed = django_filters.BooleanFilter(
        label="Inclure les établissements fermés",
        method="filter_closed",
        widget=forms.CheckboxInput,
    )

    class Meta:
        model = Establishment
        fields: list[str] = []
        form = DsfrBaseForm

    def filter_q(self, queryset, name, value):
        return search_by_name_or_finess(queryset, value)

    def filter_managing_body(self, queryset, name, value):
        bodies = search_managing_bodies_in(ManagingBody.objects.all(), value)
        return queryset.filter(managing_body__in=bodies.values("pk"))

    def filter_commune(self, queryset, name, value):
        value = value.strip()
        if value.isdigit():
            return queryset.filter(postal_code__startswith=value)
        return queryset.filter(city__icontains=normalize(value))

    def filter_closed(self, queryset, name, value):
        return queryset

    @property
    def qs(self):
        queryset = super().qs
        if not self.form.cleaned_data.get("include_closed"):
            queryset = queryset.filter(is_closed=False)
        return queryset


class ManagingBodyFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label="Nom, n° FINESS juridique ou commune",
        method="filter_q",
        widget=ManagingBodyInput,
    )
    departement = django_filters.ModelChoiceFilter(
        label="Département",
        queryset=Departement.objects.all(),
        empty_label="Tous les départements",
    )
    region = django_filters.ModelChoiceFilter(
        label="Région",
        field_name="departement__region",
        queryset=Region.objects.all(),
        empty_label="Toutes les régions",
    )

    class Meta:
        model = ManagingBody
        fields: list[str] = []
        form = DsfrBaseForm

    def filter_q(self, queryset, name, value):
        return search_managing_bodies_in(queryset, value)
