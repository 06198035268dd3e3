from django.apps import AppConfig


class MaturityConfig(AppConfig):
    name = "mutualis.maturity"
    label = "maturity"
    verbose_name = "Maturité numérique"
