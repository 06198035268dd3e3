from django.core.management.base import BaseCommand

from mutualis.projects.reference import load_usage_indicators


class Command(BaseCommand):
    help = "Charge les indicateurs des cibles d'usage du programme (data/usage-indicators.csv)."

    def handle(self, *args, **options):
        result = load_usage_indicators()
        self.stdout.write(
            f"Indicateurs d'usage créés : {result.created}, mis à jour : {result.updated}"
        )
