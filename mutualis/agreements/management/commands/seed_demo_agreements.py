from django.core.management.base import BaseCommand

from mutualis.agreements.demo import seed_demo_agreements


class Command(BaseCommand):
    help = (
        "Données de démonstration : évaluations de la coopération et conventions signées des "
        "grappes retenues (bases de démonstration uniquement)."
    )

    def handle(self, *args, **options):
        count = seed_demo_agreements()
        self.stdout.write(f"Conventions de démonstration : {count} grappe(s).")
