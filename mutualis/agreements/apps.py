from django.apps import AppConfig


class AgreementsConfig(AppConfig):
    name = "mutualis.agreements"
    label = "agreements"
    verbose_name = "Coopération et conventions"

    def ready(self):
        from mutualis.agreements.application_pack import signed_agreement
        from mutualis.grappes.application_pack import register

        register("agreements", signed_agreement)
