from django.core.management.base import BaseCommand

from mutualis.sharing.demo import seed_demo_sharing


class Command(BaseCommand):
    help = "Démonstration : quelques offres et besoins de ressources partagées (dont un DPO)."

    def handle(self, *args, **options):
        self.stdout.write(f"Annonces de démonstration publiées : {seed_demo_sharing()}")
