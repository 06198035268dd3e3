from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.http import urlencode

from mutualis.accounts.perms import is_national_admin, region_codes
from mutualis.core import tabular
from mutualis.directory.finess_import import latest_file_date
from mutualis.observatory import maps, opendata, selectors
from mutualis.observatory.forms import DashboardFilterForm
from mutualis.territories.models import Departement, Region


def dashboard_request(request) -> tuple[DashboardFilterForm, selectors.Scope, int, str]:
    """The filters of a dashboard or export request, with safe defaults."""
    form = DashboardFilterForm(request.GET or None, campaigns=selectors.campaigns())
    data = form.cleaned_data if form.is_valid() else {}
    departement = (
        get_object_or_404(Departement.objects.select_related("region"), code=data["departement"])
        if data.get("departement")
        else None
    )
    region = (
        get_object_or_404(Region, code=data["region"])
        if data.get("region") and not departement
        else None
    )
    scope = selectors.Scope(region=region, departement=departement, sector=data.get("secteur"))
    campaign = data.get("campagne") or selectors.default_campaign()
    return form, scope, campaign, data.get("indicateur") or "maturity"


def dashboard(request):
    form, scope, campaign, metric = dashboard_request(request)
    board = selectors.dashboard(scope, campaign)
    map_context = _map_context(request, board, metric)
    return render(
        request,
        "observatory/dashboard.html",
        {
            "form": form,
            "board": board,
            "campaign": campaign,
            "metric": metric,
            "metric_label": selectors.METRICS[metric][0],
            "map": map_context,
            "areas": [
                (shape.name, board.by_area.get(shape.code, selectors.EMPTY))
                for shape in map_context["shapes"]
            ],
            "finess_date": latest_file_date(),
            "query": request.GET.urlencode(),
            "can_follow_up": is_national_admin(request.user) or bool(region_codes(request.user)),
        },
    )


def _map_context(request, board: selectors.Dashboard, metric: str) -> dict:
    maximum = selectors.METRICS[metric][1]
    scope = board.scope
    level = scope.map_level
    if level == "regions":
        codes = list(Region.objects.values_list("code", flat=True))
    else:
        region = scope.region or scope.departement.region
        codes = list(Departement.objects.filter(region=region).values_list("code", flat=True))
    shapes = []
    for item in maps.shapes(level, codes):
        figures = board.by_area.get(item["code"])
        value = figures.metric(metric) if figures else None
        params = {k: v for k, v in request.GET.items() if k not in ("region", "departement")}
        params["region" if level == "regions" else "departement"] = item["code"]
        shapes.append(
            maps.Shape(
                code=item["code"],
                name=item["name"],
                d=item["d"],
                value=value,
                css_class=maps.css_class(value, maximum),
                url=f"{reverse('observatory:dashboard')}?{urlencode(params)}",
                highlighted=bool(scope.departement and scope.departement.code == item["code"]),
            )
        )
    items = maps.shapes(level, codes)
    return {
        "shapes": shapes,
        "view_box": maps.view_box(items),
        "insets": maps.insets() if level == "regions" else [],
        "legend": maps.legend(maximum, "" if maximum == 4 else " %"),
        "unit": "" if maximum == 4 else " %",
        "level_label": "région" if level == "regions" else "département",
    }


def open_data(request):
    """The catalogue of downloadable tables, their schema and the current filters."""
    form, scope, campaign, _ = dashboard_request(request)
    board = selectors.dashboard(scope, campaign)
    return render(
        request,
        "observatory/open_data.html",
        {
            "form": form,
            "board": board,
            "campaign": campaign,
            "datasets": opendata.DATASETS,
            "withheld_note": opendata.WITHHELD_NOTE,
            "scope_label": opendata.describe_scope(scope),
            "query": request.GET.urlencode(),
        },
    )


def export(request, name: str, extension: str):
    dataset = opendata.DATASETS.get(name)
    if dataset is None or extension not in ("csv", "xlsx", "json"):
        raise Http404
    _, scope, campaign, _ = dashboard_request(request)
    board = selectors.dashboard(scope, campaign)
    header = [column for column, _, _ in dataset.columns]
    rows = dataset.rows(board)
    filename = f"mutualis-observatoire-{name}-{campaign}.{extension}"
    if extension == "json":
        response = JsonResponse(
            {
                "jeu": name,
                "titre": dataset.title,
                "campagne": campaign,
                "perimetre": opendata.describe_scope(scope),
                "donnees_au": board.computed_at.isoformat(timespec="seconds"),
                "schema": [
                    {"nom": column, "type": kind, "description": text}
                    for column, kind, text in dataset.columns
                ],
                "note": opendata.WITHHELD_NOTE,
                "lignes": [dict(zip(header, row, strict=True)) for row in rows],
            },
            json_dumps_params={"ensure_ascii": False, "indent": 1},
        )
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response
    if extension == "csv":
        return tabular.csv_download(tabular.csv_lines([header, *rows]), filename)
    return tabular.xlsx_download(tabular.xlsx_bytes(name, [header, *rows]), filename)
