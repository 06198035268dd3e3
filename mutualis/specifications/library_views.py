"""The requirements library's versions: read by everyone; national administrators load a new
version after a preview of what the file holds."""

from __future__ import annotations

import csv
import io
from collections import Counter

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from mutualis.specifications import perms, publication
from mutualis.specifications.library_forms import (
    VERSION,
    LibraryConfirmForm,
    LibraryUploadForm,
)
from mutualis.specifications.models import RequirementLibrary
from mutualis.specifications.requirements import COLUMNS, LibraryFileError, read_library

NATIONAL_ADMINS_ONLY = (
    "Seuls les administrateurs nationaux chargent une nouvelle version de la bibliothèque "
    "d'exigences."
)


def _preview(rows: list[dict]) -> list[tuple[str, int]]:
    """Number of requirements by domain, in the file's order."""
    return list(Counter(row["domain_label"] for row in rows).items())


def _versions():
    return RequirementLibrary.objects.annotate(size=Count("requirements")).order_by(
        "-is_current", "-loaded_at"
    )


@require_http_methods(["GET", "POST"])
def library(request):
    can_manage = perms.can_manage_library(request.user)
    if request.method == "POST" and not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if request.method == "POST" and not can_manage:
        raise PermissionDenied(NATIONAL_ADMINS_ONLY)
    form = LibraryUploadForm() if can_manage else None
    confirm_form = None
    preview: list[tuple[str, int]] = []
    problems: list[str] = []
    status = 200
    if request.method == "POST" and "content" in request.POST:
        confirm_form = LibraryConfirmForm(request.POST)
        if confirm_form.is_valid():
            data = confirm_form.cleaned_data
            try:
                loaded = publication.load_library_version(
                    request.user,
                    data["content"],
                    data["version"],
                    data["title"],
                    data["source"],
                    data["make_current"],
                )
            except LibraryFileError as error:
                problems = error.errors
                status = 400
            else:
                messages.success(request, f"Bibliothèque {loaded} chargée.")
                return redirect("specifications:library")
        else:
            status = 400
        confirm_form = None  # start again from the upload
    elif request.method == "POST":
        form = LibraryUploadForm(request.POST, request.FILES)
        status = 400
        if form.is_valid():
            data = form.cleaned_data
            try:
                rows = read_library(data["file"])
            except LibraryFileError as error:
                problems = error.errors
            else:
                if RequirementLibrary.objects.filter(version=data["version"]).exists():
                    problems = [
                        f"La version {data['version']} existe déjà : choisissez un autre numéro."
                    ]
                else:
                    status = 200
                    preview = _preview(rows)
                    confirm_form = LibraryConfirmForm(
                        initial={
                            "version": data["version"],
                            "title": data["title"],
                            "source": data["source"],
                            "make_current": data["make_current"],
                            "content": data["file"],
                        }
                    )
    return render(
        request,
        "specifications/library.html",
        {
            "versions": _versions(),
            "can_manage": can_manage,
            "form": form,
            "confirm_form": confirm_form,
            "preview": preview,
            "preview_total": sum(n for _, n in preview),
            "errors": problems,
            "columns": COLUMNS,
        },
        status=status,
    )


def _library_or_404(version: str) -> RequirementLibrary:
    if not VERSION.fullmatch(version):  # never sent to the database (NUL, huge text)
        raise Http404
    library = RequirementLibrary.objects.filter(version=version).first()
    if library is None:
        raise Http404
    return library


@require_GET
def library_version(request, version: str):
    library = _library_or_404(version)
    domains: dict[str, list] = {}
    for requirement in library.requirements.all():
        domains.setdefault(requirement.domain_label, []).append(requirement)
    return render(
        request,
        "specifications/library_version.html",
        {"library": library, "domains": list(domains.items())},
    )


@require_GET
def library_csv(request, version: str):
    """The version's file, as loaded (same columns as data/SOURCE.md): the base of the next."""
    library = _library_or_404(version)
    output = io.StringIO()
    writer = csv.writer(output, lineterminator="\n")
    writer.writerow(COLUMNS)
    for requirement in library.requirements.all():
        writer.writerow([getattr(requirement, column) for column in COLUMNS])
    response = HttpResponse(output.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="exigences-{library.version}.csv"'
    return response
