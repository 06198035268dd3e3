from django.core.management.base import BaseCommand

from mutualis.actionplans.demo import seed_demo_actionplans


class Command(BaseCommand):
    help = (
        "Démonstration : un plan d'action à 6 mois publié, issu du classement de l'atelier "
        "de démonstration (après seed_demo_workshops et seed_demo_library)."
    )

    def handle(self, *args, **options):
        self.stdout.write(f"Plans d'action créés : {seed_demo_actionplans()}")
