from django.urls import path

from mutualis.sharing import region_views, views

app_name = "sharing"
urlpatterns = [
    path("", views.explore, name="explore"),
    path("mes-annonces/", views.mine, name="mine"),
    path("publier/", views.create, name="create"),
    path("annonces/<uuid:uid>/", views.detail, name="detail"),
    path("annonces/<uuid:uid>/modifier/", views.edit, name="edit"),
    path("annonces/<uuid:uid>/retirer/", views.withdraw, name="withdraw"),
    path("annonces/<uuid:uid>/demander/", views.request_contact, name="request"),
    path("demandes/<uuid:uid>/reponse/", views.answer, name="answer"),
    path("demandes/<uuid:uid>/retirer/", views.withdraw_request, name="withdraw_request"),
    path("grappes/<uuid:uid>/", region_views.grappe, name="grappe"),
    path("region/", region_views.region, name="region"),
    path("region/points.json", region_views.region_points, name="region_points"),
    path("donnees-ouvertes/", region_views.open_data, name="open_data"),
    path("donnees-ouvertes.csv", region_views.open_data_csv, name="open_data_csv"),
]
