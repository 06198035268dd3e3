from django.apps import AppConfig


class DirectoryConfig(AppConfig):
    name = "mutualis.directory"
    label = "directory"
    verbose_name = "Annuaire"

    def ready(self):
        from mutualis.directory import import_runs  # noqa: F401 (registers its lease reaper)
