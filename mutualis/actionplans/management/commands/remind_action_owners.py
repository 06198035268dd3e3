import datetime

from django.core.management.base import BaseCommand
from django.utils import timezone

from mutualis.actionplans.reminders import DAYS_BEFORE, send_reminders


class Command(BaseCommand):
    help = (
        "Relance par e-mail les administrateurs des organismes responsables d'actions : "
        f"{DAYS_BEFORE} jours avant l'échéance, puis une fois l'échéance dépassée ; chaque "
        "relance n'est envoyée qu'une fois (à lancer chaque jour)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--date", type=datetime.date.fromisoformat, default=None, help="AAAA-MM-JJ (tests)."
        )
        parser.add_argument(
            "--url", default="", help="Adresse du site, pour les liens (https://…)."
        )

    def handle(self, *args, date, url, **options):
        sent = send_reminders(date or timezone.localdate(), url.rstrip("/"))
        for found in sent:
            label = "en retard" if found.kind == "overdue" else "à échéance proche"
            self.stdout.write(
                f"{found.action.title} ({label}) : {found.recipients} destinataire(s)"
            )
        self.stdout.write(f"Relances envoyées : {len(sent)} action(s).")
