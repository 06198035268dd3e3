from django.core.management.base import BaseCommand

from mutualis.library.reference import load_cooperation_tags


class Command(BaseCommand):
    help = "Charge le référentiel de coopération (éléments facilitants et freins) des REX."

    def handle(self, *args, **options):
        created = load_cooperation_tags()
        self.stdout.write(f"Éléments du référentiel de coopération créés : {created}")
