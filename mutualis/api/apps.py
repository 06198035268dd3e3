from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "mutualis.api"
    label = "api"
    verbose_name = "API"
