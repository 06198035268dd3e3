import datetime as dt

from django.core.management.base import BaseCommand
from django.utils import timezone

from mutualis.workshops.survey_mailing import remind_all


class Command(BaseCommand):
    help = (
        "Relance par e-mail les organismes invités aux recensements ouverts qui n'ont pas "
        "répondu ; au plus une relance par organisme tous les SURVEY_REMINDER_DAYS jours "
        "(7 par défaut). À lancer chaque jour."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--date", type=dt.date.fromisoformat, default=None, help="AAAA-MM-JJ (tests)."
        )
        parser.add_argument(
            "--url", default="", help="Adresse du site, pour les liens (https://…)."
        )

    def handle(self, *args, date, url, **options):
        now = timezone.now()
        if date is not None:
            now = timezone.make_aware(dt.datetime.combine(date, dt.time(9)))
        rounds = remind_all(now, url.rstrip("/"))
        for sent in rounds:
            self.stdout.write(
                f"{sent.survey.title} : {sent.bodies} organisme(s), "
                f"{sent.recipients} destinataire(s)"
            )
        self.stdout.write(f"Relances envoyées : {len(rounds)} recensement(s).")
