from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from mutualis.directory.finess_import import run_import
from mutualis.finess.records import NotAFinessFile


class Command(BaseCommand):
    help = (
        "Importe un fichier FINESS (extraction etalab cs1100507/cs1100502/cs1100501 ou flux "
        "JSON FINESS+). Simulation par défaut : ajoutez --wet-run pour écrire."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument("--wet-run", action="store_true", help="écrire dans la base")
        parser.add_argument(
            "--all-domains",
            action="store_true",
            help="importer aussi les établissements sanitaires et de formation",
        )
        parser.add_argument(
            "--show", type=int, default=20, help="nombre de lignes détaillées par rubrique"
        )

    def handle(self, *args, file: Path, wet_run: bool, all_domains: bool, show: int, **options):
        if not file.is_file():
            raise CommandError(f"Fichier introuvable : {file}")
        quiet = options["verbosity"] == 0
        reading = tqdm(desc="Lecture", unit=" lignes", disable=quiet, file=self.stderr)
        writing = tqdm(desc="Écriture", unit=" ESSMS", disable=quiet, file=self.stderr)
        try:
            run, plan = run_import(
                file,
                wet_run=wet_run,
                all_domains=all_domains,
                on_read=lambda n: reading.update(n - reading.n),
                on_write=writing.update,
            )
        except NotAFinessFile as error:
            raise CommandError(str(error)) from error
        finally:
            reading.close()
            writing.close()
        self._report(run, plan, show)

    def _report(self, run, plan, show: int) -> None:
        out = self.stdout
        date = run.file_date.strftime("%d/%m/%Y") if run.file_date else "inconnue"
        out.write(f"Fichier {run.file_name} — données du {date} — sha256 {run.sha256}")
        for label, items in (
            ("Ajoutés", plan.added),
            ("Modifiés", plan.changed),
            ("Déplacés", plan.moved),
            ("Fermés", plan.closed),
        ):
            out.write(f"{label} : {len(items)}")
            for finess in items[:show]:
                out.write(f"  {finess}")
        for label, issues in (("Rejetés", plan.rejects), ("Avertissements", plan.warnings)):
            out.write(f"{label} : {len(issues)}")
            for issue in issues[:show]:
                out.write(f"  ligne {issue.line} {issue.finess} : {issue.reason}")
        for label, value in run.counts.items():
            out.write(f"  {label} : {value}")
        if run.dry_run:
            out.write(self.style.WARNING("Simulation : rien n'a été écrit (ajoutez --wet-run)."))
        else:
            out.write(self.style.SUCCESS("Import écrit dans la base."))
