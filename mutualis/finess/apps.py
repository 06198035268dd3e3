from django.apps import AppConfig


class FinessConfig(AppConfig):
    name = "mutualis.finess"
    label = "finess"
    verbose_name = "Nomenclatures FINESS"
