from django.apps import AppConfig


class SpecificationsConfig(AppConfig):
    name = "mutualis.specifications"
    label = "specifications"
    verbose_name = "Cahiers des charges communs"
