from django.urls import path  # noqa: F401  (routes added by each part of the app)

app_name = "specifications"
urlpatterns: list = []
