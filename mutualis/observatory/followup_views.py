"""The regional follow-up (regional actors and national administrators): establishments and
the state of their assessment, the assessments shared with the région, submission rates by
département, exports for targeting."""

from functools import partial
from itertools import chain

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import urlencode

from mutualis.accounts.perms import is_national_admin, region_codes
from mutualis.core import tabular
from mutualis.core.pagination import paginate
from mutualis.maturity.perms import can_view_assessment
from mutualis.observatory import followup, maps, selectors
from mutualis.observatory.forms import FollowUpFilterForm
from mutualis.observatory.templatetags.observatory_tags import figure
from mutualis.territories.models import Region

REGIONAL_ONLY = (
    "Le suivi régional est réservé aux acteurs régionaux (ARS, conseils départementaux) et à "
    "l'administration nationale : demandez un rôle régional à l'administration de Mutualis."
)
SHARED_PREVIEW = 10
EXPORT_HEADER = [
    "finess",
    "nom",
    "categorie",
    "secteur",
    "departement",
    "nom_departement",
    "organisme_finess",
    "organisme",
    "etat_autodiagnostic",
]


def _request_filters(request) -> tuple[FollowUpFilterForm, followup.Filters]:
    """The actor's régions (all of them for national administrators) and the valid filters;
    403 for anyone else."""
    regions = frozenset(
        Region.objects.values_list("code", flat=True)
        if is_national_admin(request.user)
        else region_codes(request.user)
    )
    if not regions:
        raise PermissionDenied(REGIONAL_ONLY)
    form = FollowUpFilterForm(request.GET or None, regions=regions, campaigns=selectors.campaigns())
    data = form.cleaned_data if form.is_valid() else {}
    return form, followup.Filters(
        regions=regions,
        campaign=data.get("campagne") or selectors.default_campaign(),
        departement=data.get("departement"),
        sector=data.get("secteur"),
        state=data.get("etat", ""),
    )


def _shared_rows(request, assessments) -> list[dict]:
    """Shared assessments with their palier and whether the user may open the result (the
    régions' own actors; no query per row)."""
    return [
        {
            "assessment": assessment,
            "level": followup.level(assessment.global_score),
            "can_open": can_view_assessment(request.user, assessment),
        }
        for assessment in assessments
    ]


@login_required
def follow_up(request):
    """For regional actors: their establishments and the state of their assessment."""
    form, filters = _request_filters(request)
    fmt = request.GET.get("format")
    if fmt in ("csv", "xlsx"):
        return _export(filters, fmt)
    shared = followup.shared_assessments(filters)
    rates = followup.rates_by_departement(filters)
    return render(
        request,
        "observatory/follow_up.html",
        {
            "form": form,
            "filters": filters,
            "campaign": filters.campaign,
            "page_obj": paginate(request, followup.establishments(filters), per_page=50),
            "states": followup.STATES,
            "counts": followup.state_counts(filters),
            "shared_count": shared.count(),
            "shared_rows": _shared_rows(request, shared[:SHARED_PREVIEW]),
            "rates": rates,
            "map": _rate_map(request, rates),
            "metric_label": "Part des établissements ayant soumis un autodiagnostic",
            "query": _query(request),
            "without_query": _query(request, etat="aucun"),
        },
    )


@login_required
def shared(request):
    """Every assessment shared with the actor's régions, paginated, with its result."""
    form, filters = _request_filters(request)
    page = paginate(request, followup.shared_assessments(filters), per_page=50)
    return render(
        request,
        "observatory/follow_up_shared.html",
        {
            "form": form,
            "campaign": filters.campaign,
            "page_obj": page,
            "rows": _shared_rows(request, page.object_list),
        },
    )


def _query(request, **replaced: str) -> str:
    """The request's filters (page and format aside), some replaced, as a query string."""
    params = {k: v for k, v in request.GET.items() if k not in ("page", "format")}
    return urlencode(params | replaced)


def _rate_map(request, rates: list[followup.DepartementRate]) -> dict:
    """The départements of the régions coloured by submission rate (classes from the
    quantiles of the rates shown, as on the public maps), each linking to the follow-up
    filtered on it."""
    params = {k: v for k, v in request.GET.items() if k not in ("page", "format", "departement")}
    by_code = {rate.code: rate for rate in rates}
    items = maps.shapes("departements", list(by_code))
    bounds = maps.class_bounds([rate.rate for rate in rates if rate.rate is not None])
    shapes = []
    for item in items:
        value = by_code[item["code"]].rate
        shapes.append(
            maps.Shape(
                code=item["code"],
                name=item["name"],
                d=item["d"],
                value=value,
                css_class=maps.css_class(value, bounds),
                url=f"{reverse('observatory:follow_up')}?"
                f"{urlencode({**params, 'departement': item['code']})}",
                highlighted=bool(
                    request.GET.get("departement") and request.GET["departement"] == item["code"]
                ),
            )
        )
    return {
        "shapes": shapes,
        "view_box": maps.view_box(items),
        "insets": [],
        "legend": maps.legend(bounds, partial(figure, unit=" %")),
        "unit": " %",
        "level_label": "département",
    }


def _export(filters: followup.Filters, extension: str):
    """The filtered list (e.g. "ESSMS sans autodiagnostic" of a département and a sector),
    streamed in CSV, as a workbook in XLSX."""
    queryset = followup.establishments(filters).select_related("category__sector")
    rows = (
        [
            e.finess,
            e.name,
            e.category.label,
            e.category.sector.label if e.category.sector_id else "",
            e.departement_id,
            e.departement.name,
            e.managing_body.finess,
            e.managing_body.display_name,
            followup.STATES[e.state],
        ]
        for e in queryset.iterator(chunk_size=2000)
    )
    name = "sans-autodiagnostic" if filters.state == "aucun" else "suivi-autodiagnostics"
    filename = f"mutualis-{name}-{filters.campaign}.{extension}"
    if extension == "csv":
        return tabular.csv_download(tabular.csv_lines(chain([EXPORT_HEADER], rows)), filename)
    return tabular.xlsx_download(
        tabular.xlsx_bytes("ESSMS", chain([EXPORT_HEADER], rows)), filename
    )
