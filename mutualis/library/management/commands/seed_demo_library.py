from django.core.management.base import BaseCommand

from mutualis.library.demo import seed_demo_library


class Command(BaseCommand):
    help = "Démonstration : publie six retours d'expérience rédigés par l'équipe Mutualis."

    def handle(self, *args, **options):
        reports = seed_demo_library()
        self.stdout.write(f"Retours d'expérience de démonstration : {len(reports)}")
