from django.core.management.base import BaseCommand, CommandError

from mutualis.directory.finess_refresh import NotConfigured, refresh
from mutualis.directory.models import FinessRefresh


class Command(BaseCommand):
    help = (
        "Rafraîchit l'annuaire depuis le fichier FINESS+ « Structures » publié chaque jour "
        "sur data.gouv.fr (réglage FINESS_PLUS_URL). À lancer chaque jour (cron). Sort en "
        "erreur si le fichier n'a pu être appliqué (échec, ou import retenu par le seuil "
        "de fermetures)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--allow-closures",
            type=int,
            default=None,
            metavar="N",
            help="appliquer un import retenu qui ferme exactement N établissements",
        )
        parser.add_argument(
            "--timeout", type=float, default=60.0, help="délai réseau en secondes (60)"
        )

    def handle(self, *args, allow_closures: int | None, timeout: float, **options):
        try:
            attempt = refresh(allowed_closures=allow_closures, timeout=timeout)
        except NotConfigured as error:
            raise CommandError(str(error)) from error
        if attempt.status in (FinessRefresh.Status.FAILED, FinessRefresh.Status.HELD):
            raise CommandError(attempt.message)
        if options["verbosity"] > 0:  # -v 0 in a cron job: mail only on failure
            self.stdout.write(self.style.SUCCESS(attempt.message))
