from django.apps import AppConfig


class SpecificationsConfig(AppConfig):
    name = "mutualis.specifications"
    label = "specifications"
    verbose_name = "Cahiers des charges communs"

    def ready(self) -> None:
        from mutualis.specifications import registrations

        registrations.register_all()
