"""URLs of the conventions de mise à disposition, included by sharing/urls.py (namespace
"sharing", prefix /partage/)."""

from django.urls import path

from mutualis.sharing import loan_views

urlpatterns = [
    path("mises-a-disposition/", loan_views.loan_list, name="loans"),
    path("demandes/<uuid:uid>/convention/", loan_views.loan_prepare, name="loan_prepare"),
    path("mises-a-disposition/<uuid:uid>/", loan_views.loan_detail, name="loan"),
    path("mises-a-disposition/<uuid:uid>/modifier/", loan_views.loan_edit, name="loan_edit"),
    path("mises-a-disposition/<uuid:uid>/signer/", loan_views.loan_sign, name="loan_sign"),
    path("mises-a-disposition/<uuid:uid>/jours/", loan_views.loan_days, name="loan_days"),
    path(
        "mises-a-disposition/<uuid:uid>/jours.csv", loan_views.loan_days_csv, name="loan_days_csv"
    ),
    path(
        "mises-a-disposition/<uuid:uid>/documents/<int:version>/<str:kind>/",
        loan_views.loan_document,
        name="loan_document",
    ),
]
