from django.apps import AppConfig


class LibraryConfig(AppConfig):
    name = "mutualis.library"
    label = "library"
    verbose_name = "Retours d'expérience"
