from django.urls import path
from rest_framework.routers import DefaultRouter

from mutualis.api import grappes, sharing, views

router = DefaultRouter()
router.register("establishments", views.EstablishmentViewSet, basename="establishment")
router.register("managing-bodies", views.ManagingBodyViewSet, basename="managing-body")
router.register("regions", views.RegionViewSet)
router.register("departements", views.DepartementViewSet)
router.register("communes", views.CommuneViewSet)
router.register("aggregates", views.AggregateViewSet)
router.register("sectors", views.SectorViewSet)
router.register("categories", views.CategoryViewSet)
router.register("legal-statuses", views.LegalStatusViewSet)
router.register("tariff-modes", views.TariffModeViewSet)
router.register("solutions", views.SolutionViewSet)
router.register("initiatives", sharing.InitiativeViewSet, basename="initiative")
router.register("initiative-types", sharing.InitiativeTypeViewSet)
router.register("si-domains", sharing.SiDomainViewSet)
router.register("experience-reports", sharing.ExperienceReportViewSet, basename="experience-report")
router.register("cooperation-tags", sharing.CooperationTagViewSet)

urlpatterns = [
    *router.urls,
    path("grappes/eligibility/", grappes.EligibilityView.as_view(), name="grappe-eligibility"),
    path("grappes/funding/", grappes.FundingView.as_view(), name="grappe-funding"),
]
