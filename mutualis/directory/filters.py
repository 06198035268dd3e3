"""Search filters of the directory, shared by the pages and the API."""

import django_filters
from django import forms
from django.db.models import Q
from dsfr.forms import DsfrBaseForm

from mutualis.core.forms import SEARCH_ERRORS, SEARCH_MAX_LENGTH
from mutualis.core.text import normalize
from mutualis.directory import selectors
from mutualis.directory.models import Establishment, ManagingBody
from mutualis.directory.names import finess_number, number_prefix
from mutualis.directory.widgets import ManagingBodyInput
from mutualis.finess.models import Aggregate, Category, Sector
from mutualis.finess.numbers import typed_number
from mutualis.territories.models import Departement, Region


def search_by_name_or_finess(queryset, value: str):
    """A FINESS number typed with or without spaces or dots, or every word of the query in
    the normalised name, the closest names first (``selectors.search_by_name``)."""
    number = typed_number(value)
    if number:
        return queryset.filter(finess=number)
    return selectors.search_by_name(queryset, value)[0]


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
        max_length=SEARCH_MAX_LENGTH,
        error_messages=SEARCH_ERRORS,
        widget=forms.TextInput(
            attrs={"type": "search", "placeholder": "Ex. : EHPAD Les Tilleuls, 010000032"}
        ),
    )
    commune = django_filters.CharFilter(
        label="Commune (nom ou code postal)",
        method="filter_commune",
        max_length=SEARCH_MAX_LENGTH,
        error_messages=SEARCH_ERRORS,
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
        max_length=SEARCH_MAX_LENGTH,
        error_messages=SEARCH_ERRORS,
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

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.name_search: selectors.NameSearch | None = None

    def filter_q(self, queryset, name, value):
        queryset, self.name_search = selectors.search_establishments(queryset, value)
        return queryset

    def filter_managing_body(self, queryset, name, value):
        bodies = search_managing_bodies_in(ManagingBody.objects.all(), value)
        return queryset.filter(managing_body__in=bodies.values("pk"))

    def filter_commune(self, queryset, name, value):
        value = value.strip()
        if value.isdigit():
            return queryset.filter(postal_code__startswith=value)
        # FINESS writes communes as normalize() does ("ST ETIENNE", "ST ETIENNE CEDEX 2").
        city = normalize(value)
        return queryset.filter(Q(city__startswith=city) | Q(city__contains=f" {city}"))

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
        max_length=SEARCH_MAX_LENGTH,
        error_messages=SEARCH_ERRORS,
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
