from collections import OrderedDict

from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.utils import timezone

from mutualis.accounts.perms import is_national_admin, region_codes
from mutualis.core import tabular
from mutualis.directory.finess_import import latest_file_date
from mutualis.observatory import opendata, pagecache, pages, selectors, tasks
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


RENDERED: OrderedDict[tuple, tuple[str, str]] = OrderedDict()  # per process, bounded
RENDERED_SIZE = 128


def stored_dashboard(scope: selectors.Scope, campaign: int) -> selectors.Dashboard | None:
    """The stored figures of the view; when none were ever computed for it, a refresh is
    queued (its result serves the next visitors) and None is returned."""
    board = selectors.dashboard(scope, campaign)
    if board is None:
        tasks.request_refresh()
        board = selectors.dashboard(scope, campaign)  # an immediate backend computed it
    return board


def dashboard(request):
    # An anonymous visitor reads the page kept for this address since the last refresh:
    # no form, no query beyond the refresh date.
    kept = None
    if pagecache.servable(request):
        kept = (selectors.generation(), request.get_full_path())
        page = pagecache.get(kept) if kept[0] else None
        if page is not None:
            return pagecache.response(request, page)
    form, scope, campaign, metric = dashboard_request(request)
    computed_at = selectors.computed_at(scope, campaign)
    can_follow_up = request.user.is_authenticated and (
        is_national_admin(request.user) or bool(region_codes(request.user))
    )
    memo = (
        selectors.key(scope, campaign),
        computed_at,
        metric,
        request.GET.urlencode(),
        can_follow_up,
    )
    found = RENDERED.get(memo) if computed_at else None
    if found is None:
        board = stored_dashboard(scope, campaign)
        if board is None:
            return render(
                request,
                "observatory/computing.html",
                {"scope": scope, "campaign": campaign, "last": selectors.last_computed()},
            )
        found = (board.scope.label, _body(request, form, board, campaign, metric, can_follow_up))
        RENDERED[memo] = found
        while len(RENDERED) > RENDERED_SIZE:
            RENDERED.popitem(last=False)
    else:
        RENDERED.move_to_end(memo)
    title, body = found
    response = render(request, "observatory/dashboard.html", {"title": title, "body": body})
    if kept and kept[0] and computed_at:
        pagecache.put(kept, request, response)
    return response


def _body(request, form, board, campaign: int, metric: str, can_follow_up: bool) -> str:
    """The page's content, the same for every visitor of this view until the next refresh:
    rendered once per process."""
    scope = board.scope
    if scope.map_level == "regions":
        codes = list(Region.objects.values_list("code", flat=True))
    else:
        region = scope.region or scope.departement.region
        codes = list(Departement.objects.filter(region=region).values_list("code", flat=True))
    map_context = pages.map_context(board, metric, codes, request.GET.dict())
    return render_to_string(
        "observatory/includes/dashboard_body.html",
        {
            "form": form,
            "board": board,
            "campaign": campaign,
            "current_campaign": timezone.localdate().year,
            "metric": metric,
            "metric_label": selectors.METRICS[metric][0],
            "map": map_context,
            "areas": pages.areas(board, map_context["shapes"]),
            "breakdowns": pages.breakdowns(board, metric),
            "dimensions": pages.dimension_charts(board),
            "services_chart": pages.services_chart(board),
            "editors_chart": pages.editors_chart(board),
            "evolution_chart": pages.evolution_chart(board),
            "finess_date": latest_file_date(),
            "query": request.GET.urlencode(),
            "can_follow_up": can_follow_up,
            "minimum": selectors.minimum(),
        },
    )


def open_data(request):
    """The catalogue of downloadable tables, their schema and the current filters."""
    form, scope, campaign, _ = dashboard_request(request)
    board = stored_dashboard(scope, campaign)
    if board is None:
        return render(
            request,
            "observatory/computing.html",
            {"scope": scope, "campaign": campaign, "last": selectors.last_computed()},
        )
    return render(
        request,
        "observatory/open_data.html",
        {
            "form": form,
            "board": board,
            "campaign": campaign,
            "datasets": opendata.DATASETS,
            "withheld_note": opendata.WITHHELD_NOTE,
            "method_note": opendata.METHOD_NOTE,
            "scope_label": opendata.describe_scope(scope),
            "query": request.GET.urlencode(),
        },
    )


def export(request, name: str, extension: str):
    dataset = opendata.DATASETS.get(name)
    if dataset is None or extension not in ("csv", "xlsx", "json"):
        raise Http404
    _, scope, campaign, _ = dashboard_request(request)
    board = stored_dashboard(scope, campaign)
    if board is None:
        return render(
            request,
            "observatory/computing.html",
            {"scope": scope, "campaign": campaign, "last": selectors.last_computed()},
            status=503,
        )
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
                "methode": opendata.METHOD_NOTE,
                "lignes": [dict(zip(header, row, strict=True)) for row in rows],
            },
            json_dumps_params={"ensure_ascii": False, "indent": 1},
        )
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response
    if extension == "csv":
        return tabular.csv_download(tabular.csv_lines([header, *rows]), filename)
    return tabular.xlsx_download(tabular.xlsx_bytes(name, [header, *rows]), filename)
