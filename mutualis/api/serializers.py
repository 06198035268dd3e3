from rest_framework import serializers

from mutualis.directory.it_profile_rules import (
    MAX_DEVICES,
    NO_DUI,
    OTHER_NAME_FIELDS,
    ItProfileValues,
    check_it_profile,
    errors_by_field,
)
from mutualis.directory.models import Establishment, ItProfile, ManagingBody, Solution
from mutualis.finess.models import Aggregate, Category, LegalStatus, Sector, TariffMode
from mutualis.territories.models import Commune, Departement, Region


class RegionSerializer(serializers.ModelSerializer):
    class Meta:
        model = Region
        fields = ["code", "name", "zone"]


class DepartementSerializer(serializers.ModelSerializer):
    class Meta:
        model = Departement
        fields = ["code", "name", "region"]


class CommuneSerializer(serializers.ModelSerializer):
    class Meta:
        model = Commune
        fields = ["code", "name", "departement", "postal_codes", "population"]


class AggregateSerializer(serializers.ModelSerializer):
    class Meta:
        model = Aggregate
        fields = ["code", "level", "label", "parent", "closed_on"]


class SectorSerializer(serializers.ModelSerializer):
    class Meta:
        model = Sector
        fields = ["code", "label"]


class CategorySerializer(serializers.ModelSerializer):
    class Meta:
        model = Category
        fields = ["code", "label", "aggregate", "domain", "sector"]


class LegalStatusSerializer(serializers.ModelSerializer):
    class Meta:
        model = LegalStatus
        fields = ["code", "label", "aggregate_level1", "aggregate_level2"]


class TariffModeSerializer(serializers.ModelSerializer):
    class Meta:
        model = TariffMode
        fields = ["code", "label"]


class SolutionSerializer(serializers.ModelSerializer):
    editor = serializers.CharField(source="editor.name")
    segur_referenced = serializers.BooleanField(
        read_only=True,
        allow_null=True,
        help_text="true / false une fois vérifié ; null : référencement non vérifié "
        "(non évaluable), voir segur_status.",
    )

    class Meta:
        model = Solution
        fields = [
            "uid",
            "name",
            "editor",
            "segur_status",
            "segur_referenced",
            "segur_couloir",
            "segur_version",
            "segur_checked_on",
            "segur_source",
        ]


class ManagingBodySerializer(serializers.ModelSerializer):
    size_class = serializers.CharField(read_only=True)

    class Meta:
        model = ManagingBody
        fields = [
            "finess",
            "display_name",
            "name",
            "name_is_placeholder",
            "usual_name",
            "siren",
            "legal_status",
            "postal_code",
            "city",
            "departement",
            "establishment_count",
            "size_class",
            "open_to_cooperation",
        ]


class EstablishmentSerializer(serializers.ModelSerializer):
    managing_body = serializers.SlugRelatedField(slug_field="finess", read_only=True)
    sector = serializers.CharField(source="category.sector_id", read_only=True, allow_null=True)
    address = serializers.ListField(source="address_lines", child=serializers.CharField())

    class Meta:
        model = Establishment
        fields = [
            "finess",
            "name",
            "long_name",
            "managing_body",
            "category",
            "sector",
            "address",
            "postal_code",
            "city",
            "commune",
            "departement",
            "region",
            "phone",
            "siret",
            "opened_on",
            "finess_updated_on",
            "latitude",
            "longitude",
            "is_closed",
            "closed_on",
        ]


class ItProfileSerializer(serializers.ModelSerializer):
    """An IT profile; ``solution`` is a solution of the list (its uid), or null with
    ``other_solution_name`` and ``other_editor_name`` for a solution outside the list
    ("Autre solution (préciser)"). Contradictions are refused with the messages of the form
    (``directory.it_profile_rules``)."""

    solution = serializers.SlugRelatedField(
        slug_field="uid",
        queryset=Solution.objects.all(),
        allow_null=True,
        required=False,
        help_text="uid d'une solution de la liste (GET /api/solutions/) ; null sans solution "
        "ou pour une autre solution.",
    )
    other_solution_name = serializers.CharField(
        max_length=120,
        required=False,
        allow_blank=True,
        help_text="Autre solution (préciser) : son nom, avec solution à null.",
    )
    other_editor_name = serializers.CharField(
        max_length=120,
        required=False,
        allow_blank=True,
        help_text="Autre solution (préciser) : le nom de son éditeur.",
    )
    workstation_count = serializers.IntegerField(
        required=False, allow_null=True, help_text=f"De 0 à {MAX_DEVICES}."
    )
    mobile_device_count = serializers.IntegerField(
        required=False, allow_null=True, help_text=f"De 0 à {MAX_DEVICES}."
    )

    class Meta:
        model = ItProfile
        fields = [
            "dui_status",
            "solution",
            "other_solution_name",
            "other_editor_name",
            "hosting_mode",
            "workstation_count",
            "mobile_device_count",
            "has_broadband",
            "has_wifi",
            "updated_at",
        ]
        read_only_fields = ["updated_at"]

    def validate(self, attrs):
        def value(name, default=None):
            return attrs.get(name, getattr(self.instance, name, default))

        names = {name: value(name, "") or "" for name in OTHER_NAME_FIELDS}
        values = ItProfileValues(
            dui_status=value("dui_status", NO_DUI),
            listed_solution=value("solution") is not None,
            other_solution=any(name.strip() for name in names.values()),
            workstation_count=value("workstation_count"),
            mobile_device_count=value("mobile_device_count"),
            **names,
        )
        errors = check_it_profile(values)
        if errors:
            raise serializers.ValidationError(errors_by_field(errors))
        return attrs
