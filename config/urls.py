from django.contrib import admin
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

urlpatterns = [
    path("", include("mutualis.portal.urls")),
    path("", include("mutualis.core.urls")),
    path("", include("mutualis.directory.urls")),
    path("comptes/", include("mutualis.accounts.urls")),
    path("maturite/", include("mutualis.maturity.urls")),
    path("observatoire/", include("mutualis.observatory.urls")),
    path("initiatives/", include("mutualis.initiatives.urls")),
    path("retours-experience/", include("mutualis.library.urls")),
    path("ateliers/", include("mutualis.workshops.urls")),
    path("grappes/", include("mutualis.grappes.urls")),
    path("plans-action/", include("mutualis.actionplans.urls")),
    path("cahiers-des-charges/", include("mutualis.specifications.urls")),
    path("cooperation/", include("mutualis.agreements.urls")),
    path("partage/", include("mutualis.sharing.urls")),
    path("projets/", include("mutualis.projects.urls")),
    path("api/", include("mutualis.api.urls")),
    path("api/schema/", SpectacularAPIView.as_view(), name="schema"),
    path("api/docs/", SpectacularSwaggerSplitView.as_view(url_name="schema"), name="swagger-ui"),
    path("admin/", admin.site.urls),
]

handler400 = "mutualis.core.views.bad_request"
handler403 = "mutualis.core.views.permission_denied"
handler404 = "mutualis.core.views.page_not_found"
handler500 = "mutualis.core.views.server_error"
