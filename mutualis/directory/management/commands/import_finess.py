from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from mutualis.directory.finess_import import run_import
from mutualis.finess.records import NotAFinessFile


class Command(BaseCommand):
    help = (
        "Importe un fichier FINESS (extraction etalab cs1100507/cs1100502/cs1100501 ou flux "
        "JSON FINESS+). Simulation par défaut : ajoutez --wet-run pour écrire. Au-delà d'un "
        "seuil de fermetures ou de déplacements, l'import est retenu : --allow-closures N, N "
        "étant le nombre annoncé, l'écrit quand même."
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
        parser.add_argument(
            "--complete",
            action="store_true",
            help="le fichier est la publication complète : les absents sont fermés partout "
            "(sans cette option, un flux JSON FINESS+ ne ferme que ce qu'il marque fermé)",
        )
        parser.add_argument(
            "--allow-closures",
            type=int,
            metavar="N",
            help="écrire un import retenu : N doit être le nombre de fermetures prévues (de "
            "déplacements si eux seuls dépassent le seuil)",
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
                complete=options["complete"],
                allowed_closures=options["allow_closures"],
                on_read=lambda n: reading.update(n - reading.n),
                on_write=writing.update,
            )
        except NotAFinessFile as error:
            raise CommandError(str(error)) from error
        finally:
            reading.close()
            writing.close()
        self._report(run, plan, show)
        if wet_run and run.dry_run:
            raise CommandError(run.hold["refused"])

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
        if plan.held and run.dry_run:
            self._report_hold(plan)
        if run.dry_run:
            out.write(self.style.WARNING("Simulation : rien n'a été écrit (ajoutez --wet-run)."))
        else:
            out.write(self.style.SUCCESS("Import écrit dans la base."))

    def _report_hold(self, plan) -> None:
        out = self.stdout
        out.write(self.style.ERROR(plan.held_reason))
        closures, moves = plan.closures_by_departement, plan.moves_by_departement
        out.write("Par département (fermetures, déplacements) :")
        for code in sorted(closures.keys() | moves.keys()):
            out.write(f"  {code} : {closures.get(code, 0)}, {moves.get(code, 0)}")
        out.write(
            f"Pour l'écrire : --wet-run --allow-closures {plan.hold.to_confirm} "
            f"({plan.hold.planned()})."
        )
