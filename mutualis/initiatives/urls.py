from django.urls import path

from mutualis.initiatives import views

app_name = "initiatives"
urlpatterns = [
    path("", views.initiative_list, name="list"),
    path("points.json", views.points, name="points"),
    path("proposer/", views.propose, name="propose"),
    path("moderation/", views.moderation, name="moderation"),
    path("typologie/", views.statistics, name="statistics"),
    path("typologie.csv", views.statistics, {"extension": "csv"}, name="statistics_csv"),
    path("typologie.xlsx", views.statistics, {"extension": "xlsx"}, name="statistics_xlsx"),
    path("<uuid:uid>/", views.detail, name="detail"),
    path("<uuid:uid>/modifier/", views.edit, name="edit"),
    path("<uuid:uid>/moderation/", views.moderate, name="moderate"),
]
