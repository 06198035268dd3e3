from django.urls import path

from mutualis.observatory import views

app_name = "observatory"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("donnees/", views.open_data, name="open_data"),
    path("suivi-regional/", views.follow_up, name="follow_up"),
    path("donnees/<slug:name>.<str:extension>", views.export, name="export"),
]
