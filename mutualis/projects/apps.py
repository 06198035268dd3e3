from django.apps import AppConfig


class ProjectsConfig(AppConfig):
    name = "mutualis.projects"
    label = "projects"
    verbose_name = "Suivi des projets"

    def ready(self):
        from mutualis.grappes.application_pack import register
        from mutualis.projects.application_pack import calendar

        register("projects", calendar)
