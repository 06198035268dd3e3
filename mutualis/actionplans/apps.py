from django.apps import AppConfig


class ActionplansConfig(AppConfig):
    name = "mutualis.actionplans"
    label = "actionplans"
    verbose_name = "Plans d'action à six mois"

    def ready(self):
        from mutualis.actionplans.followups import plan_links
        from mutualis.workshops.followups import register

        register("actionplans", plan_links)
