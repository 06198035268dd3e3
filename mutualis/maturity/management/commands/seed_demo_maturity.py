from django.core.management.base import BaseCommand

from mutualis.accounts.models import User
from mutualis.maturity.demo import seed_demo_body_assessments, seed_demo_maturity


class Command(BaseCommand):
    help = (
        "Génère les profils SI et autodiagnostics de démonstration sur l'annuaire national "
        "(déterministe, marqués « démonstration »)."
    )

    def handle(self, *args, **options):
        director = User.objects.filter(email="direction@demo.mutualis.fr").first()
        membership = director.memberships.first() if director else None
        body_id = membership.managing_body_id if membership else None
        for label, count in seed_demo_maturity(except_body_id=body_id).items():
            self.stdout.write(f"{label} de démonstration : {count}")
        if membership:
            seed_demo_body_assessments(membership.managing_body, director)
            self.stdout.write(f"Autodiagnostics de {membership.managing_body.display_name} : 2")
