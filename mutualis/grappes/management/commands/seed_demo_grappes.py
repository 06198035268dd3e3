from django.core.management.base import BaseCommand

from mutualis.grappes.demo import seed_demo_grappes


class Command(BaseCommand):
    help = "Démonstration : déclare une part des organismes ouverts à la coopération."

    def handle(self, *args, **options):
        self.stdout.write(f"Organismes ouverts à la coopération : {seed_demo_grappes()}")
