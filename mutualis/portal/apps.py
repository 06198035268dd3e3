from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "mutualis.portal"
    label = "portal"
    verbose_name = "Accueil"

    def ready(self):
        from mutualis.agreements.calendar import register
        from mutualis.portal.agreement_calendar import project_milestones

        register("projects", project_milestones)
