from django.apps import AppConfig


class LibraryConfig(AppConfig):
    name = "mutualis.library"
    label = "library"
    verbose_name = "Retours d'expérience"

    def ready(self):
        from mutualis.library.leads import experience_reports
        from mutualis.maturity.leads import register

        register("reports", experience_reports)
