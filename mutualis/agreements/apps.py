from django.apps import AppConfig


class AgreementsConfig(AppConfig):
    name = "mutualis.agreements"
    label = "agreements"
    verbose_name = "Coopération et conventions"
