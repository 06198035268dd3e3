from django.urls import path

from mutualis.observatory import views
from mutualis.observatory.followup_urls import urlpatterns as followup_urlpatterns

app_name = "observatory"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("donnees/", views.open_data, name="open_data"),
    *followup_urlpatterns,
    path("donnees/<slug:name>.<str:extension>", views.export, name="export"),
]
