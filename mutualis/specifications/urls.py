from django.urls import path

from mutualis.specifications import views

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
]
