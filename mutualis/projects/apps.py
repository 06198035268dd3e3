from django.apps import AppConfig


class ProjectsConfig(AppConfig):
    name = "mutualis.projects"
    label = "projects"
    verbose_name = "Suivi des projets"
