from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save


class GrappesConfig(AppConfig):
    name = "mutualis.grappes"
    label = "grappes"
    verbose_name = "Grappes ESMS numérique"

    def ready(self):
        from mutualis.grappes.models import Grappe, GrappeMember
        from mutualis.grappes.publication import grappe_saved, member_saved

        post_save.connect(grappe_saved, sender=Grappe, dispatch_uid="publish-grappe")
        post_save.connect(member_saved, sender=GrappeMember, dispatch_uid="publish-member")

        # Stored suggested grappes are recomputed when the data they rest on change.
        from mutualis.directory.models import ItProfile, ManagingBody
        from mutualis.grappes import suggestion_store as store

        post_save.connect(store.body_saved, sender=ManagingBody, dispatch_uid="suggest-body")
        for signal in (post_save, post_delete):
            signal.connect(store.member_saved, sender=GrappeMember, dispatch_uid="suggest-member")
        post_save.connect(store.profile_saved, sender=ItProfile, dispatch_uid="suggest-profile")

        # Partners strong on a weak dimension of a maturity result (maturity.leads).
        from mutualis.grappes.leads import strong_partners
        from mutualis.maturity.leads import register

        register("partners", strong_partners)
