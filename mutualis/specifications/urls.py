from django.urls import path

from mutualis.specifications import offer_views

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
]
