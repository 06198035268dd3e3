from django.apps import AppConfig


class WorkshopsConfig(AppConfig):
    name = "mutualis.workshops"
    label = "workshops"
    verbose_name = "Recensement des besoins et ateliers"
