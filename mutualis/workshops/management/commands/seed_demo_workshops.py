from django.core.management.base import BaseCommand

from mutualis.workshops.demo import seed_demo_workshops


class Command(BaseCommand):
    help = (
        "Démonstration : un recensement des besoins clos (réponses d'organismes réels de "
        "l'annuaire) et un atelier archivé sur les leviers A à G."
    )

    def handle(self, *args, **options):
        for label, count in seed_demo_workshops().items():
            self.stdout.write(f"{label} créés : {count}")
