from rest_framework import serializers

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

    class Meta:
        model = Solution
        fields = ["uid", "name", "editor", "segur_referenced", "segur_couloir", "segur_version"]


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
    solution = serializers.SlugRelatedField(
        slug_field="uid", queryset=Solution.objects.all(), allow_null=True, required=False
    )

    class Meta:
        model = ItProfile
        fields = [
            "dui_status",
            "solution",
            "hosting_mode",
            "workstation_count",
            "mobile_device_count",
            "has_broadband",
            "has_wifi",
            "updated_at",
        ]
        read_only_fields = ["updated_at"]

    def validate(self, attrs):
        status = attrs.get("dui_status", getattr(self.instance, "dui_status", "none"))
        solution = attrs.get("solution", getattr(self.instance, "solution", None))
        if status != "none" and solution is None:
            raise serializers.ValidationError({"solution": "Indiquez la solution DUI utilisée."})
        return attrs
