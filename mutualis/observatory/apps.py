from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save


class ObservatoryConfig(AppConfig):
    name = "mutualis.observatory"
    label = "observatory"
    verbose_name = "Observatoire"

    def ready(self):
        from mutualis.core.models import ImportRun
        from mutualis.directory.models import ItProfile
        from mutualis.maturity.models import Assessment
        from mutualis.observatory.tasks import after_import, schedule_refresh

        for model in (Assessment, ItProfile):
            post_save.connect(schedule_refresh, sender=model, dispatch_uid=f"refresh-{model}")
            post_delete.connect(schedule_refresh, sender=model, dispatch_uid=f"drop-{model}")
        post_save.connect(after_import, sender=ImportRun, dispatch_uid="refresh-import")
