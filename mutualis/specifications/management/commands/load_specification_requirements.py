from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from mutualis.specifications.requirements import (
    LibraryFileError,
    load_library,
    load_shipped_libraries,
)


class Command(BaseCommand):
    help = (
        "Charge la bibliothèque d'exigences livrée avec Mutualis, ou une nouvelle version depuis "
        "un fichier CSV (format : mutualis/specifications/data/SOURCE.md)."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, nargs="?")
        parser.add_argument("--library-version", dest="library_version")
        parser.add_argument("--title", default="Exigences pour un dossier usager informatisé")
        parser.add_argument("--source", default="")
        parser.add_argument(
            "--not-current", action="store_true", help="ne pas en faire la version proposée"
        )

    def handle(self, *args, file, library_version, title, source, not_current, **options):
        if file is None:
            loaded = load_shipped_libraries()
            done = ", ".join(loaded) or "aucune (déjà à jour)"
            self.stdout.write(f"Bibliothèques d'exigences chargées : {done}")
            return
        if not library_version:
            raise CommandError("Indiquez le numéro de version : --library-version 2027.1")
        try:
            library = load_library(
                file.read_text(encoding="utf-8"),
                library_version,
                title,
                source or f"Fichier {file.name}",
                make_current=not not_current,
            )
        except (OSError, UnicodeDecodeError) as error:
            raise CommandError(f"Lecture impossible de {file} : {error}") from error
        except LibraryFileError as error:
            raise CommandError("\n".join(error.errors)) from error
        self.stdout.write(self.style.SUCCESS(f"Bibliothèque {library} chargée."))
