from django.core.management.base import BaseCommand

from mutualis.directory.demo import DEMO_PASSWORD, seed_demo


class Command(BaseCommand):
    help = "Crée les comptes de démonstration (mot de passe commun affiché)."

    def handle(self, *args, **options):
        accounts = seed_demo()
        self.stdout.write(self.style.SUCCESS("Comptes de démonstration :"))
        for account in accounts:
            self.stdout.write(f"  {account.email:32} {account.role}")
        self.stdout.write(f"Mot de passe de tous ces comptes : {DEMO_PASSWORD}")
        self.stdout.write("Plateforme : http://127.0.0.1:8000  —  administration : /admin/")
