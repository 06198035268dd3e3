from django.apps import AppConfig
from django_tasks.signals import task_finished, task_started


class CoreConfig(AppConfig):
    name = "mutualis.core"
    label = "core"
    verbose_name = "Socle"

    def ready(self):
        from mutualis.core import leases, lookups  # noqa: F401 (registers the bounded ``in``)

        task_started.connect(leases.task_started, dispatch_uid="core-lease-start")
        task_finished.connect(leases.task_finished, dispatch_uid="core-lease-finish")
