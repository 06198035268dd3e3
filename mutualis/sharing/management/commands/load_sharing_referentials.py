from django.core.management.base import BaseCommand

from mutualis.sharing.reference import load_skills, load_vehicles


class Command(BaseCommand):
    help = "Charge les cadres juridiques et les compétences du partage de ressources."

    def handle(self, *args, **options):
        self.stdout.write(f"Cadres juridiques créés : {load_vehicles()}")
        self.stdout.write(f"Compétences créées : {load_skills()}")
