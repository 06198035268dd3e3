from django.apps import AppConfig


class ProjectsConfig(AppConfig):
    name = "mutualis.projects"
    label = "projects"
    verbose_name = "Suivi des projets"

    def ready(self):
        from mutualis.agreements.calendar import register as register_agreement_calendar
        from mutualis.grappes.application_pack import register
        from mutualis.projects.agreement_calendar import project_milestones
        from mutualis.projects.application_pack import calendar

        register("projects", calendar)
        register_agreement_calendar("projects", project_milestones)
