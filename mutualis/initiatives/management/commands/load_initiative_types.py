from django.core.management.base import BaseCommand

from mutualis.initiatives.reference import load_initiative_types


class Command(BaseCommand):
    help = "Charge la typologie des initiatives de mutualisation et les domaines du SI."

    def handle(self, *args, **options):
        for label, count in load_initiative_types().items():
            self.stdout.write(f"{label} créés : {count}")
