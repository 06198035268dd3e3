"""Open data of the sharing space: published pooling initiatives and experience reports, and
their reference lists. Read-only; contacts and authors are left out (personal data)."""

from __future__ import annotations

import django_filters
from django.db.models import Prefetch
from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_field
from rest_framework import serializers

from mutualis.api.views import ReadOnly
from mutualis.directory.models import Establishment, ManagingBody
from mutualis.initiatives import selectors as initiatives
from mutualis.initiatives.models import Initiative, InitiativeType, SiDomain
from mutualis.library import selectors as library
from mutualis.library.forms import SearchForm
from mutualis.library.models import SECTIONS, CooperationTag, ExperienceReport


@extend_schema_field(OpenApiTypes.URI)
class PageUrl(serializers.Field):
    """The absolute address of the object's page on the platform."""

    def __init__(self, view_name: str):
        self.view_name = view_name
        super().__init__(source="uid", read_only=True)

    def to_representation(self, uid):
        return self.context["request"].build_absolute_uri(reverse(self.view_name, args=[uid]))


def codes(field: str) -> serializers.SlugRelatedField:
    return serializers.SlugRelatedField(slug_field=field, many=True, read_only=True)


class InitiativeTypeSerializer(serializers.ModelSerializer):
    class Meta:
        model = InitiativeType
        fields = ["code", "label", "description", "source"]


class SiDomainSerializer(serializers.ModelSerializer):
    class Meta:
        model = SiDomain
        fields = ["code", "label"]


class CooperationTagSerializer(serializers.ModelSerializer):
    class Meta:
        model = CooperationTag
        fields = ["code", "label", "kind", "group", "description", "source"]


class InitiativeSerializer(serializers.ModelSerializer):
    type = serializers.SlugRelatedField(slug_field="code", read_only=True)
    domains = codes("code")
    managing_bodies = codes("finess")
    establishments = codes("finess")
    from_grappe = serializers.SerializerMethodField(help_text="Grappe ESMS numérique sélectionnée")
    url = PageUrl("initiatives:detail")

    class Meta:
        model = Initiative
        fields = [
            "uid",
            "title",
            "type",
            "domains",
            "summary",
            "region",
            "stage",
            "started_on",
            "ended_on",
            "funding",
            "outcomes",
            "managing_bodies",
            "establishments",
            "from_grappe",
            "is_demo",
            "url",
        ]

    def get_from_grappe(self, initiative) -> bool:
        return initiative.grappe_uid is not None


class ExperienceReportSerializer(serializers.ModelSerializer):
    initiative = serializers.SlugRelatedField(slug_field="uid", read_only=True, allow_null=True)
    tags = codes("code")
    url = PageUrl("library:detail")

    class Meta:
        model = ExperienceReport
        fields = [
            "uid",
            "title",
            "initiative",
            "region",
            "tags",
            *(name for name, _ in SECTIONS),
            "published_at",
            "is_demo",
            "url",
        ]


class InitiativeTypeViewSet(ReadOnly):
    queryset = InitiativeType.objects.all()
    serializer_class = InitiativeTypeSerializer
    lookup_field = "code"


class SiDomainViewSet(ReadOnly):
    queryset = SiDomain.objects.all()
    serializer_class = SiDomainSerializer
    lookup_field = "code"


class CooperationTagViewSet(ReadOnly):
    queryset = CooperationTag.objects.all()
    serializer_class = CooperationTagSerializer
    lookup_field = "code"


class InitiativeFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="words", label="Mots du titre ou de la description")
    type = django_filters.CharFilter(field_name="type__code", label="Code du type")
    domain = django_filters.CharFilter(
        field_name="domains__code", distinct=True, label="Code du domaine du SI"
    )
    region = django_filters.CharFilter(field_name="region_id", label="Code de la région")
    stage = django_filters.ChoiceFilter(choices=Initiative.Stage.choices, label="État")

    class Meta:
        model = Initiative
        fields = ["q", "type", "domain", "region", "stage"]

    def words(self, queryset, name, value):
        return initiatives.filtered(queryset, {"q": value})


class InitiativeViewSet(ReadOnly):
    """Published pooling initiatives (the cartography), newest first."""

    queryset = (
        initiatives.published()
        .prefetch_related(
            Prefetch("managing_bodies", ManagingBody.objects.only("pk", "finess")),
            Prefetch("establishments", Establishment.objects.only("pk", "finess")),
        )
        .order_by("-created_at", "pk")
    )
    serializer_class = InitiativeSerializer
    filterset_class = InitiativeFilter
    lookup_field = "uid"


REPORT_FILTERS = [
    OpenApiParameter("q", str, description="Recherche plein texte (accents et pluriels ignorés)"),
    OpenApiParameter("type", str, many=True, description="Code du type d'initiative"),
    OpenApiParameter("tag", str, many=True, description="Code d'élément de coopération"),
    OpenApiParameter("region", str, many=True, description="Code de la région"),
]


@extend_schema(parameters=REPORT_FILTERS)
class ExperienceReportViewSet(ReadOnly):
    """Published experience reports: with ``q``, best match first (as the library's search);
    without, newest first. Facet values chosen in one facet add up, facets narrow each other."""

    serializer_class = ExperienceReportSerializer
    lookup_field = "uid"
    filter_backends: list = []

    def get_queryset(self):
        return library.published().select_related("initiative").prefetch_related("tags")

    def list(self, request, *args, **kwargs):
        form = SearchForm(request.query_params)
        found = library.search(form.query(), **form.selected(request.query_params))
        page = self.paginate_queryset(found.ids)
        reports = self.get_queryset().in_bulk(page)
        serializer = self.get_serializer([reports[pk] for pk in page], many=True)
        return self.get_paginated_response(serializer.data)
