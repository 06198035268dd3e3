from django.core.management.base import BaseCommand

from mutualis.workshops.reference import load_levers


class Command(BaseCommand):
    help = "Charge les leviers d'accélération de la mutualisation (atelier du 14 octobre 2022)."

    def handle(self, *args, **options):
        self.stdout.write(f"Leviers créés : {load_levers()}")
