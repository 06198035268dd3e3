from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from mutualis.accounts.perms import is_member
from mutualis.core import errors, tabular
from mutualis.core.pagination import paginate
from mutualis.directory import exports, selectors, services
from mutualis.directory.choosers import QUERY_MAX_LENGTH as CHOOSER_QUERY_MAX_LENGTH
from mutualis.directory.filters import EstablishmentFilter, ManagingBodyFilter
from mutualis.directory.finess_import import latest_file_date
from mutualis.directory.forms import ItProfileForm, ManagingBodyForm, MapViewForm
from mutualis.directory.models import ItProfile, ManagingBody
from mutualis.directory.perms import can_edit_it_profile, can_edit_managing_body


def establishment_list(request):
    search = EstablishmentFilter(request.GET, queryset=selectors.establishments())
    view = "carte" if request.GET.get("vue") == "carte" else "liste"
    page = paginate(request, search.qs) if view == "liste" else None
    query = request.GET.copy()
    query.pop("page", None)
    query.pop("vue", None)
    result_count = page.paginator.count if page else search.qs.count()
    suggestion = selectors.spelling_suggestion(search.name_search, result_count)
    suggested_query = query.copy()
    suggested_query["q"] = suggestion or ""
    return render(
        request,
        "directory/establishment_list.html",
        {
            "search": search,
            "name_search": search.name_search,
            "page_obj": page,
            "view": view,
            "query": query.urlencode(),
            "result_count": result_count,
            "suggestion": suggestion,
            "suggested_query": suggested_query.urlencode(),
            "finess_date": latest_file_date(),
        },
    )


def establishment_points(request):
    """Map data of a search: clusters or points in the requested view (``zoom``, ``bbox``)."""
    view = MapViewForm(request.GET)
    if not view.is_valid():
        messages = [error for field in view.errors.values() for error in field]
        return JsonResponse({"error": " ".join(messages)}, status=400)
    search = EstablishmentFilter(request.GET, queryset=selectors.establishments())
    data = selectors.map_clusters(search.qs, view.view())
    data["detail_url"] = reverse("directory:establishment", args=["FINESS"])
    return JsonResponse(data)


def _export_name(extension: str) -> str:
    return f"etablissements-{timezone.localdate():%Y%m%d}.{extension}"


def establishment_export(request, extension: str):
    search = EstablishmentFilter(request.GET, queryset=selectors.establishments())
    if extension == "csv":
        return tabular.csv_download(exports.csv_lines(search.qs), _export_name(extension))
    return tabular.xlsx_download(exports.xlsx_bytes(search.qs), _export_name(extension))


def establishment_detail(request, finess: str):
    establishment = get_object_or_404(selectors.establishments(), finess=finess.upper())
    profile = (
        ItProfile.objects.select_related("solution__editor")
        .filter(establishment=establishment)
        .first()
    )
    return render(
        request,
        "directory/establishment_detail.html",
        {
            "establishment": establishment,
            "profile": profile,
            "can_edit": can_edit_it_profile(request.user, establishment),
            "finess_date": latest_file_date(),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def it_profile_edit(request, finess: str):
    establishment = get_object_or_404(selectors.establishments(), finess=finess.upper())
    if not can_edit_it_profile(request.user, establishment):
        raise PermissionDenied(
            "Seuls les membres de l'organisme gestionnaire peuvent modifier ce profil."
        )
    profile = ItProfile.objects.filter(establishment=establishment).first()
    form = ItProfileForm(request.POST or None, instance=profile)
    if request.method == "POST" and form.is_valid():
        services.update_it_profile(request.user, establishment, form.cleaned_data)
        messages.success(request, "Le profil SI a été enregistré.")
        return redirect("directory:establishment", finess=establishment.finess)
    return render(
        request, "directory/it_profile_form.html", {"establishment": establishment, "form": form}
    )


def managing_body_list(request):
    search = ManagingBodyFilter(request.GET, queryset=selectors.managing_bodies())
    return render(
        request,
        "directory/managing_body_list.html",
        {"search": search, "page_obj": paginate(request, search.qs)},
    )


@require_http_methods(["GET"])
def managing_body_choices(request):
    """Suggestions of the managing-body chooser (an HTML fragment of listbox options)."""
    query = request.GET.get("q", "")[:CHOOSER_QUERY_MAX_LENGTH]
    bodies = selectors.search_managing_bodies(query) if len(query.strip()) >= 2 else []
    return render(request, "directory/widgets/managing_body_options.html", {"bodies": bodies})


def managing_body_detail(request, finess: str):
    body = get_object_or_404(
        ManagingBody.objects.select_related("legal_status"), finess=finess.upper()
    )
    establishments = selectors.establishments().filter(managing_body=body, is_closed=False)
    return render(
        request,
        "directory/managing_body_detail.html",
        {
            "body": body,
            "page_obj": paginate(request, establishments, per_page=50),
            "by_category": selectors.counts_by_category(body),
            "by_sector": selectors.counts_by_sector(body),
            "groupings": selectors.groupings_of(body),
            "can_edit": can_edit_managing_body(request.user, body),
            "is_member": is_member(request.user, body.pk),
            "finess_date": latest_file_date(),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def managing_body_edit(request, finess: str):
    body = get_object_or_404(ManagingBody, finess=finess.upper())
    if not can_edit_managing_body(request.user, body):
        raise PermissionDenied(errors.MANAGING_BODY_ADMINS_ONLY)
    form = ManagingBodyForm(request.POST or None, body=body)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_managing_body(request.user, body, form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "Les informations de l'organisme ont été enregistrées.")
            return redirect("directory:managing_body", finess=body.finess)
    return render(request, "directory/managing_body_form.html", {"body": body, "form": form})
