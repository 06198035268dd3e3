from django.core.management.base import BaseCommand
from django.db import transaction

from mutualis.directory.models import Establishment, ManagingBody
from mutualis.directory.search_names import rebuild


class Command(BaseCommand):
    help = "Recalcule les noms normalisés de recherche des ESSMS et des organismes gestionnaires."

    def handle(self, *args, **options):
        with transaction.atomic():
            changed = rebuild(Establishment, ManagingBody)
        self.stdout.write(f"Noms de recherche recalculés : {changed} ligne(s) modifiée(s).")
