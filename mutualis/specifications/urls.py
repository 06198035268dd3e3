from django.urls import path

from mutualis.specifications import document_views, library_views, offer_views

app_name = "specifications"
urlpatterns: list = [
    path("<uuid:uid>/criteres/", offer_views.criteria, name="criteria"),
    path("<uuid:uid>/offres/", offer_views.offers, name="offers"),
    path("<uuid:uid>/offres/nouvelle/", offer_views.offer_add, name="offer_add"),
    path("<uuid:uid>/offres/<uuid:offer_uid>/", offer_views.offer, name="offer"),
    path(
        "<uuid:uid>/offres/<uuid:offer_uid>/supprimer/",
        offer_views.offer_delete,
        name="offer_delete",
    ),
    path("<uuid:uid>/analyse/", offer_views.analysis, name="analysis"),
    path("<uuid:uid>/analyse.xlsx", offer_views.analysis_xlsx, name="analysis_xlsx"),
    path("<uuid:uid>/analyse.pdf", offer_views.analysis_pdf, name="analysis_pdf"),
    path("<uuid:uid>/decision/", offer_views.decide, name="decide"),
    path("<uuid:uid>/decision/annuler/", offer_views.reopen, name="reopen"),
    path("<uuid:uid>/documents/", document_views.documents, name="documents"),
    path("<uuid:uid>/documents/generer/", document_views.generate, name="generate"),
    path(
        "<uuid:uid>/documents/<int:version>/<str:kind>/",
        document_views.document_file,
        name="document",
    ),
    path("<uuid:uid>/lot/", document_views.set_lot, name="set_lot"),
    path("<uuid:uid>/sad.pdf", document_views.sad_pdf, name="sad_pdf"),
    path("<uuid:uid>/publier/", document_views.publish, name="publish"),
    path("<uuid:uid>/depublier/", document_views.unpublish, name="unpublish"),
    path("<uuid:uid>/public/", document_views.public, name="public"),
    path("bibliotheque/", library_views.library, name="library"),
    path("bibliotheque/<str:version>.csv", library_views.library_csv, name="library_csv"),
    path("bibliotheque/<str:version>/", library_views.library_version, name="library_version"),
]
