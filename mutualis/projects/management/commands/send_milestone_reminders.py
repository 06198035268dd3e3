import datetime

from django.core.management.base import BaseCommand
from django.utils import timezone

from mutualis.projects.reminders import send_milestone_reminders


class Command(BaseCommand):
    help = (
        "Envoie par e-mail aux administrateurs des membres les jalons en retard ou à échéance "
        "proche ; au plus un envoi par projet et par jour (à lancer chaque jour)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--jours",
            dest="days",
            type=int,
            default=None,
            help="Échéance proche : dans ce nombre de jours "
            "(réglage MILESTONE_REMINDER_DAYS, 7 par défaut).",
        )
        parser.add_argument(
            "--date", type=datetime.date.fromisoformat, default=None, help="AAAA-MM-JJ (tests)."
        )
        parser.add_argument(
            "--url", default="", help="Adresse du site, pour les liens (https://…)."
        )

    def handle(self, *args, days, date, url, **options):
        rounds = send_milestone_reminders(date or timezone.localdate(), days, url.rstrip("/"))
        for sent in rounds:
            self.stdout.write(
                f"{sent.project.grappe.name} : {sent.late} en retard, {sent.due} à échéance, "
                f"{sent.recipients} destinataire(s)"
            )
        self.stdout.write(f"Rappels envoyés : {len(rounds)} projet(s).")
