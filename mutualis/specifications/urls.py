from django.urls import path

from mutualis.specifications import document_views, library_views, offer_views, views

app_name = "specifications"
urlpatterns = [
    path("", views.home, name="home"),
    path("grappes/<uuid:uid>/", views.grappe, name="grappe"),
    path("grappes/<uuid:uid>/lancer/", views.start, name="start"),
    path("<uuid:uid>/", views.detail, name="detail"),
    path("<uuid:uid>/notation/", views.rate, name="rate"),
    path("<uuid:uid>/notation/pre-remplir/", views.prefill, name="prefill"),
    path("<uuid:uid>/exigences/ajouter/", views.add_item, name="add_item"),
    path("<uuid:uid>/exigences/<slug:code>/retirer/", views.remove_item, name="remove_item"),
    path("<uuid:uid>/exigences/<slug:code>/arbitrage/", views.arbitrate, name="arbitrate"),
    path("<uuid:uid>/convergence/", views.convergence_page, name="convergence"),
    path("<uuid:uid>/convergence/consensus/", views.accept_consensus, name="accept_consensus"),
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
