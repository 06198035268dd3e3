from django.core.management.base import BaseCommand

from mutualis.specifications.demo import seed_demo_specifications


class Command(BaseCommand):
    help = "Démonstration : un cahier des charges commun noté, arbitré, décidé et publié."

    def handle(self, *args, **options):
        self.stdout.write(
            f"Cahiers des charges de démonstration créés : {seed_demo_specifications()}"
        )
