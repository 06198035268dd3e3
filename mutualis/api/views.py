from django.shortcuts import get_object_or_404
from drf_spectacular.utils import OpenApiExample, extend_schema
from rest_framework import permissions, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.response import Response

from mutualis.api import serializers as s
from mutualis.directory import selectors, services
from mutualis.directory.filters import EstablishmentFilter, ManagingBodyFilter
from mutualis.directory.it_profile_rules import MAX_DEVICES
from mutualis.directory.models import ItProfile, Solution
from mutualis.directory.perms import can_edit_it_profile
from mutualis.finess.models import Aggregate, Category, LegalStatus, Sector, TariffMode
from mutualis.territories.models import Commune, Departement, Region


class ReadOnly(viewsets.ReadOnlyModelViewSet):
    permission_classes = [permissions.AllowAny]


class RegionViewSet(ReadOnly):
    queryset = Region.objects.all()
    serializer_class = s.RegionSerializer


class DepartementViewSet(ReadOnly):
    queryset = Departement.objects.all()
    serializer_class = s.DepartementSerializer
    filterset_fields = ["region"]


class CommuneViewSet(ReadOnly):
    queryset = Commune.objects.order_by("code")
    serializer_class = s.CommuneSerializer
    filterset_fields = ["departement"]


class AggregateViewSet(ReadOnly):
    queryset = Aggregate.objects.all()
    serializer_class = s.AggregateSerializer
    filterset_fields = ["level"]


class SectorViewSet(ReadOnly):
    queryset = Sector.objects.all()
    serializer_class = s.SectorSerializer


class CategoryViewSet(ReadOnly):
    queryset = Category.objects.all()
    serializer_class = s.CategorySerializer
    filterset_fields = ["domain", "aggregate", "sector"]


class LegalStatusViewSet(ReadOnly):
    queryset = LegalStatus.objects.all()
    serializer_class = s.LegalStatusSerializer


class TariffModeViewSet(ReadOnly):
    queryset = TariffMode.objects.all()
    serializer_class = s.TariffModeSerializer


class SolutionViewSet(ReadOnly):
    queryset = Solution.objects.select_related("editor")
    serializer_class = s.SolutionSerializer
    lookup_field = "uid"


class ManagingBodyViewSet(ReadOnly):
    queryset = selectors.managing_bodies()
    serializer_class = s.ManagingBodySerializer
    filterset_class = ManagingBodyFilter
    lookup_field = "finess"


class EstablishmentViewSet(ReadOnly):
    queryset = selectors.establishments()
    serializer_class = s.EstablishmentSerializer
    filterset_class = EstablishmentFilter
    lookup_field = "finess"
    permission_classes = [permissions.IsAuthenticatedOrReadOnly]

    def filter_queryset(self, queryset):
        # The search filters hide closed establishments: apply them to the list only, so that a
        # FINESS number keeps answering once its establishment has closed.
        if self.action != "list":
            return queryset
        return super().filter_queryset(queryset)

    @extend_schema(methods=["GET"], responses=s.ItProfileSerializer, summary="Lire le profil SI")
    @extend_schema(
        methods=["PUT"],
        request=s.ItProfileSerializer,
        responses=s.ItProfileSerializer,
        summary="Déclarer le profil SI (membres de l'organisme gestionnaire)",
        description="Refusé (400, messages en français par champ) s'il se contredit : pas de "
        "solution sans DUI, une solution de la liste ou une autre solution (nom et éditeur), "
        f"pas les deux ; nombres d'équipements de 0 à {MAX_DEVICES}.",
        examples=[
            OpenApiExample(
                "Autre solution (préciser)",
                request_only=True,
                value={
                    "dui_status": "deployed",
                    "solution": None,
                    "other_solution_name": "Dossier usager maison",
                    "other_editor_name": "Éditeur régional",
                    "hosting_mode": "saas",
                    "workstation_count": 12,
                },
            )
        ],
    )
    @action(detail=True, methods=["get", "put"], url_path="it-profile")
    def it_profile(self, request, finess=None):
        establishment = self.get_object()
        profile = ItProfile.objects.filter(establishment=establishment).first()
        if request.method == "GET":
            get_object_or_404(ItProfile, establishment=establishment)
            return Response(s.ItProfileSerializer(profile).data)
        if not can_edit_it_profile(request.user, establishment):
            raise PermissionDenied(
                "Seuls les membres de l'organisme gestionnaire peuvent modifier ce profil."
            )
        serializer = s.ItProfileSerializer(profile, data=request.data)
        serializer.is_valid(raise_exception=True)
        try:
            saved = services.update_it_profile(
                request.user, establishment, serializer.validated_data
            )
        except services.InconsistentItProfile as error:  # the service checks whatever the caller
            raise ValidationError(error.message_dict) from error
        return Response(s.ItProfileSerializer(saved).data)
