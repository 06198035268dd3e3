"""Compute and store every public dashboard of the observatory now (what the background
task does after data changes): ``python manage.py refresh_observatory``."""

import time

from django.core.management.base import BaseCommand

from mutualis.observatory import selectors


class Command(BaseCommand):
    help = "Calcule et enregistre tous les tableaux de bord publics de l'observatoire."

    def handle(self, *args, **options):
        start = time.perf_counter()
        count = selectors.refresh()
        self.stdout.write(
            f"Observatoire : {count} tableaux de bord calculés en "
            f"{time.perf_counter() - start:.1f} s."
        )
