from django.apps import AppConfig


class GrappesConfig(AppConfig):
    name = "mutualis.grappes"
    label = "grappes"
    verbose_name = "Grappes ESMS numérique"
