from django.core.management.base import BaseCommand

from mutualis.projects.demo import seed_demo_projects


class Command(BaseCommand):
    help = "Démonstration : ouvre le suivi de projet des grappes retenues (ou plus avancées)."

    def handle(self, *args, **options):
        self.stdout.write(f"Projets de démonstration ouverts : {seed_demo_projects()}")
