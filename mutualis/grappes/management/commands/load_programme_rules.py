from django.core.management.base import BaseCommand

from mutualis.grappes.reference import load_programme_rules


class Command(BaseCommand):
    help = "Charge les règles des programmes ESMS numérique et SONS livrées avec Mutualis."

    def handle(self, *args, **options):
        self.stdout.write(f"Règles de programme créées : {load_programme_rules()}")
