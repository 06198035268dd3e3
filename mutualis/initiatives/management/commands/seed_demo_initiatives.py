from django.core.management.base import BaseCommand

from mutualis.initiatives.demo import seed_demo_initiatives


class Command(BaseCommand):
    help = "Démonstration : initiatives de mutualisation publiées (bases de démonstration)."

    def handle(self, *args, **options):
        self.stdout.write(f"Initiatives de démonstration créées : {seed_demo_initiatives()}")
