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
from mutualis.core.models import ImportRun
from mutualis.core.pagination import paginate
from mutualis.directory import import_runs, tasks

MAX_UPLOAD_MB = 300
ACCEPTED_SUFFIXES = (".csv", ".csv.gz", ".json", ".json.gz", ".gz")
SHOWN_ISSUES = 200
SUMMARY_COUNTS = ("ajoutés", "modifiés", "déplacés", "fermés", "rejetés")


class FinessImportForm(DsfrBaseForm):
    file = forms.FileField(
        label="Fichier FINESS",
        help_text=(
            "Extraction etalab (cs1100507, cs1100502 ou cs1100501) ou flux JSON FINESS+, "
            "compressé ou non : .csv, .csv.gz, .json, .json.gz ou .gz. "
            f"Taille maximale : {MAX_UPLOAD_MB} Mo."
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
        if upload.size > MAX_UPLOAD_MB * 1024 * 1024:
            raise ValidationError(
                f"Le fichier pèse {upload.size / (1024 * 1024):.0f} Mo : la taille maximale "
                f"est de {MAX_UPLOAD_MB} Mo."
            )
        return upload


def national_admin_required(view):
    """Sign-in required, then 403 for anyone but a national administrator."""

    @login_required
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not is_national_admin(request.user):
            raise PermissionDenied
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


def _run_context(run: ImportRun) -> dict:
    counts = run.counts or {}
    return {
        "run": run,
        "state_key": _state_key(run),
        "rejects": run.rejects[:SHOWN_ISSUES],
        "rejects_total": counts.get("rejetés", len(run.rejects)),
        "warnings": run.warnings[:SHOWN_ISSUES],
        "warnings_total": counts.get("avertissements", len(run.warnings)),
        "can_apply": tasks.can_apply(run),
        "applied_run": tasks.applied_run(run) if run.dry_run else None,
        "can_relaunch": import_runs.can_relaunch(run),
        "can_abandon": import_runs.can_abandon(run),
        "retry": run.retries.order_by("started_at").first(),
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
@require_POST
def import_run_apply(request, uid):
    dry_run = get_object_or_404(ImportRun, uid=uid, dry_run=True)
    run = tasks.queue_application(dry_run, request.user)
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
