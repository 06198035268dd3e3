from django.urls import path

from mutualis.core import views

app_name = "core"
urlpatterns = [
    path("sources/", views.sources, name="sources"),
    path("accessibilite/", views.accessibility, name="accessibility"),
]
