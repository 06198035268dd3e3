from django.apps import AppConfig
from django.db.models.signals import post_save


class GrappesConfig(AppConfig):
    name = "mutualis.grappes"
    label = "grappes"
    verbose_name = "Grappes ESMS numérique"

    def ready(self):
        from mutualis.grappes.models import Grappe, GrappeMember
        from mutualis.grappes.publication import grappe_saved, member_saved

        post_save.connect(grappe_saved, sender=Grappe, dispatch_uid="publish-grappe")
        post_save.connect(member_saved, sender=GrappeMember, dispatch_uid="publish-member")
