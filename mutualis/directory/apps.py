from django.apps import AppConfig


class DirectoryConfig(AppConfig):
    name = "mutualis.directory"
    label = "directory"
    verbose_name = "Annuaire"
