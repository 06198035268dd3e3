from django.core.management.base import BaseCommand, CommandError

from mutualis.initiatives.services import sync_finess_groupings


class Command(BaseCommand):
    help = (
        "Publie sur la carte des initiatives les groupements de coopération FINESS+ chargés "
        "dans l'annuaire (fait aussi après chaque import d'un fichier FINESS+)."
    )

    def handle(self, *args, **options):
        counts = sync_finess_groupings()
        if counts is None:
            raise CommandError(
                "Typologie des initiatives absente : lancez d'abord load_initiative_types."
            )
        for label, count in counts.items():
            self.stdout.write(f"{label} : {count}")
