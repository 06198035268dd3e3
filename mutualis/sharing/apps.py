from django.apps import AppConfig


class SharingConfig(AppConfig):
    name = "mutualis.sharing"
    label = "sharing"
    verbose_name = "Partage de ressources"

    def ready(self):
        from mutualis.sharing import registrations

        registrations.register_all()
