from django.core.management.base import BaseCommand

from mutualis.sharing.loan_demo import seed_demo_loans


class Command(BaseCommand):
    help = (
        "Données de démonstration : une convention de mise à disposition signée (DPO, 2 jours "
        "par mois) et ses jours réalisés (bases de démonstration uniquement)."
    )

    def handle(self, *args, **options):
        count = seed_demo_loans()
        self.stdout.write(f"Mises à disposition de démonstration : {count} créée(s).")
