"""FINESS imports from the browser (national administrators): upload a file, follow the
background run, apply a simulation."""

from __future__ import annotations

from functools import wraps

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from dsfr.forms import DsfrBaseForm

from mutualis.accounts.perms import is_national_admin
from mutualis.core import errors, tabular
from mutualis.core.models import ImportRun
from mutualis.core.pagination import paginate
from mutualis.directory import import_changes, import_runs, tasks
from mutualis.directory.finess_limits import max_upload_mb
from mutualis.directory.import_scope import Hold

ACCEPTED_SUFFIXES = (".csv", ".csv.gz", ".json", ".json.gz", ".gz")
SHOWN_ISSUES = 200
SHOWN_CHANGES = 200
SUMMARY_COUNTS = ("ajoutés", "modifiés", "déplacés", "fermés", "rejetés")


class FinessImportForm(DsfrBaseForm):
    file = forms.FileField(
        label="Fichier FINESS",
        help_text=(
            "Extraction etalab (cs1100507, cs1100502 ou cs1100501) ou flux JSON FINESS+, "
            "compressé ou non : .csv, .csv.gz, .json, .json.gz ou .gz."
        ),
    )
    wet_run = forms.BooleanField(
        label="Écrire dans l'annuaire",
        required=False,
        help_text="Décoché, l'import est une simulation : rien n'est écrit, et vous pourrez "
        "l'appliquer ensuite.",
    )
    all_domains = forms.BooleanField(
        label="Inclure les établissements sanitaires",
        required=False,
        help_text="Par défaut, seuls les établissements sociaux et médico-sociaux sont importés.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text += f" Taille maximale : {max_upload_mb()} Mo."
        widget = self.fields["file"].widget
        widget.attrs.update({"class": "fr-upload", "accept": ",".join(ACCEPTED_SUFFIXES)})
        widget.group_class = "fr-upload-group"

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith(ACCEPTED_SUFFIXES):
            raise ValidationError(
                "Format de fichier non accepté : déposez un fichier .csv, .csv.gz, .json, "
                ".json.gz ou .gz."
            )
        limit = max_upload_mb()
        if upload.size > limit * 1024 * 1024:
            raise ValidationError(
                f"Le fichier pèse {upload.size / (1024 * 1024):.0f} Mo : la taille maximale "
                f"est de {limit} Mo."
            )
        return upload


class ConfirmHeldImportForm(DsfrBaseForm):
    """Typing the number of planned closures (or moves) a held import would write."""

    def __init__(self, hold: Hold, *args, **kwargs):
        self.hold = hold
        self.base_fields = {
            "count": forms.IntegerField(
                min_value=0,
                label=f"Nombre de {hold.what} à confirmer",
                help_text=f"Saisissez en chiffres, sans espace, le nombre de {hold.what} "
                "annoncé ci-dessus, après avoir vérifié la liste.",
                widget=forms.NumberInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
            )
        }
        super().__init__(*args, **kwargs)

    def clean_count(self) -> int:
        count = self.cleaned_data["count"]
        if count != self.hold.to_confirm:
            raise ValidationError(
                f"Le nombre saisi ({count}) ne correspond pas aux {self.hold.planned()} : "
                "rien n'a été écrit."
            )
        return count


def national_admin_required(view):
    """Sign-in required, then 403 for anyone but a national administrator."""

    @login_required
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not is_national_admin(request.user):
            raise PermissionDenied(errors.NATIONAL_ADMIN_ONLY)
        return view(request, *args, **kwargs)

    return wrapper


@national_admin_required
@require_http_methods(["GET", "POST"])
def import_list(request):
    form = FinessImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        run = tasks.queue_import(
            form.cleaned_data["file"],
            wet_run=form.cleaned_data["wet_run"],
            all_domains=form.cleaned_data["all_domains"],
            user=request.user,
        )
        messages.success(request, f"Import de {run.file_name} lancé.")
        return redirect("directory:import_run", uid=run.uid)
    import_runs.mark_interrupted()
    page = paginate(request, ImportRun.objects.select_related("started_by"))
    for run in page:
        run.summary = [(name, run.counts[name]) for name in SUMMARY_COUNTS if name in run.counts]
    return render(request, "directory/imports/import_list.html", {"form": form, "page_obj": page})


def _run_context(run: ImportRun, confirm_form: ConfirmHeldImportForm | None = None) -> dict:
    counts = run.counts or {}
    can_apply = tasks.can_apply(run)
    hold = Hold.from_stored(run.hold) if run.hold else None
    if hold and can_apply and confirm_form is None:
        confirm_form = ConfirmHeldImportForm(hold)
    return {
        "run": run,
        "state_key": _state_key(run),
        "rejects": run.rejects[:SHOWN_ISSUES],
        "rejects_total": counts.get("rejetés", len(run.rejects)),
        "warnings": run.warnings[:SHOWN_ISSUES],
        "warnings_total": counts.get("avertissements", len(run.warnings)),
        "can_apply": can_apply,
        "applied_run": tasks.applied_run(run) if run.dry_run else None,
        "hold": hold,
        "confirm_form": confirm_form,
        "can_relaunch": import_runs.can_relaunch(run),
        "can_abandon": import_runs.can_abandon(run),
        "retry": run.retries.order_by("started_at").first(),
        **_changes_context(run),
    }


def _changes_context(run: ImportRun) -> dict:
    """The closures and moves of a finished run: per département, and the first ones."""
    if run.status != ImportRun.Status.DONE:
        return {}
    shown = import_changes.closures_and_moves(run)
    return {
        "changes_total": run.changes.count(),
        "by_departement": import_changes.counts_by_departement(run),
        "shown_changes": shown[:SHOWN_CHANGES],
        "shown_changes_total": shown.count(),
        "changes_purged": import_changes.is_purged(run),
        "kept_runs": import_changes.KEPT_RUNS,
    }


def _state_key(run: ImportRun) -> str:
    return f"{run.status}-{run.phase}-{run.processed}"


@national_admin_required
@require_GET
def import_run(request, uid):
    import_runs.mark_interrupted()
    run = get_object_or_404(ImportRun.objects.select_related("started_by"), uid=uid)
    return render(request, "directory/imports/import_run.html", _run_context(run))


@national_admin_required
@require_GET
def import_run_progress(request, uid):
    """The polled state of a run (htmx): nothing new → 204, htmx keeps polling; finished →
    the final state, which stops polling, and the results swapped out of band."""
    import_runs.mark_interrupted()
    run = get_object_or_404(ImportRun.objects.select_related("started_by"), uid=uid)
    if run.is_active and request.GET.get("vu") == _state_key(run):
        return HttpResponse(status=204)
    return render(request, "directory/imports/run_progress.html", _run_context(run))


@national_admin_required
@require_GET
def import_run_changes(request, uid):
    """The closures, moves and changes a run planned, as CSV."""
    run = get_object_or_404(ImportRun, uid=uid)
    name = f"changements-import-{run.started_at:%Y%m%d-%H%M}.csv"
    return tabular.csv_download(tabular.csv_lines(import_changes.csv_rows(run)), name)


@national_admin_required
@require_POST
def import_run_apply(request, uid):
    dry_run = get_object_or_404(ImportRun, uid=uid, dry_run=True)
    allowed = None
    if dry_run.hold and tasks.can_apply(dry_run):
        form = ConfirmHeldImportForm(Hold.from_stored(dry_run.hold), request.POST)
        if not form.is_valid():
            messages.error(
                request, "Import non appliqué : corrigez le nombre à confirmer. Rien n'a été écrit."
            )
            context = _run_context(dry_run, confirm_form=form)
            return render(request, "directory/imports/import_run.html", context)
        allowed = form.cleaned_data["count"]
    run = tasks.queue_application(dry_run, request.user, allowed_closures=allowed)
    if run is None:
        messages.error(
            request, "Cette simulation ne peut pas être appliquée (déjà appliquée ou inachevée)."
        )
        return redirect("directory:import_run", uid=dry_run.uid)
    messages.success(request, f"Écriture de {run.file_name} dans l'annuaire lancée.")
    return redirect("directory:import_run", uid=run.uid)


@national_admin_required
@require_POST
def import_run_relaunch(request, uid):
    interrupted = get_object_or_404(ImportRun, uid=uid)
    run = import_runs.relaunch(interrupted, request.user)
    if run is None:
        messages.error(
            request, "Cet import ne peut pas être relancé (déjà relancé, abandonné ou terminé)."
        )
        return redirect("directory:import_run", uid=interrupted.uid)
    messages.success(request, f"Import de {run.file_name} relancé.")
    return redirect("directory:import_run", uid=run.uid)


@national_admin_required
@require_POST
def import_run_abandon(request, uid):
    run = get_object_or_404(ImportRun, uid=uid)
    if import_runs.abandon(run, request.user):
        messages.success(request, f"Import de {run.file_name} abandonné.")
    else:
        messages.error(
            request, "Cet import ne peut pas être abandonné (déjà relancé, abandonné ou terminé)."
        )
    return redirect("directory:import_run", uid=run.uid)
