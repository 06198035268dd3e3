from django.core.management.base import BaseCommand

from mutualis.directory.reference import load_solutions
from mutualis.finess.nomenclatures import load_nomenclatures
from mutualis.territories.loaders import load_territories


class Command(BaseCommand):
    help = "Charge les référentiels : territoires (COG), nomenclatures FINESS, solutions DUI."

    def handle(self, *args, **options):
        counts = {**load_territories(), **load_nomenclatures(), "solutions DUI": load_solutions()}
        for label, count in counts.items():
            self.stdout.write(f"{label} : {count}")
