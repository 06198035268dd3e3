from django.apps import AppConfig


class InitiativesConfig(AppConfig):
    name = "mutualis.initiatives"
    label = "initiatives"
    verbose_name = "Initiatives de mutualisation"

    def ready(self):
        from mutualis.directory.signals import groupings_loaded
        from mutualis.initiatives.services import groupings_loaded as sync

        groupings_loaded.connect(sync, dispatch_uid="sync-finess-groupings")

        from mutualis.initiatives.leads import published_initiatives
        from mutualis.maturity.leads import register

        register("initiatives", published_initiatives)
