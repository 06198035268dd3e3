from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from mutualis.maturity.referential import (
    ReferentialFileError,
    load_referential,
    load_shipped_referentials,
)


class Command(BaseCommand):
    help = (
        "Charge le référentiel de maturité livré avec Mutualis, ou une nouvelle version "
        "depuis un fichier CSV (format : mutualis/maturity/data/SOURCE.md)."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, nargs="?")
        parser.add_argument("--referential-version", dest="referential_version")
        parser.add_argument("--title", default="Référentiel de maturité numérique")
        parser.add_argument("--source", default="")
        parser.add_argument(
            "--not-current", action="store_true", help="ne pas en faire la version en vigueur"
        )

    def handle(self, *args, file, referential_version, title, source, not_current, **options):
        if file is None:
            loaded = load_shipped_referentials()
            self.stdout.write(
                f"Référentiels chargés : {', '.join(loaded) or 'aucun (déjà à jour)'}"
            )
            return
        if not referential_version:
            raise CommandError("Indiquez le numéro de version : --referential-version 2027.1")
        try:
            referential = load_referential(
                file.read_text(encoding="utf-8"),
                referential_version,
                title,
                source or f"Fichier {file.name}",
                make_current=not not_current,
            )
        except (OSError, UnicodeDecodeError) as error:
            raise CommandError(f"Lecture impossible de {file} : {error}") from error
        except ReferentialFileError as error:
            raise CommandError("\n".join(error.errors)) from error
        self.stdout.write(self.style.SUCCESS(f"Référentiel {referential} chargé."))
