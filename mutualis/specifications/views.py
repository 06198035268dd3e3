"""Pages of the rating and arbitration stage: home, a grappe's specifications and start,
overview, member ratings and pre-fill, own requirements, convergence and arbitration.

Thin: access via ``access`` (404 for who may not see, 403 with the reason), reads via
``selectors``, writes via ``services`` / ``rating_services``."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from mutualis.core.pagination import paginate
from mutualis.core.text import count_label
from mutualis.directory.models import ManagingBody
from mutualis.grappes.models import Grappe
from mutualis.specifications import (
    access,
    convergence,
    navigation,
    perms,
    rating_services,
    selectors,
    services,
)
from mutualis.specifications.forms import (
    AddItemForm,
    ArbitrateForm,
    ConvergenceFilterForm,
    RatingForm,
    StartForm,
)
from mutualis.specifications.models import Item, Specification

PER_PAGE = 20
REMOVE_ONLY = (
    "Seuls les membres de l'organisme qui a proposé cette exigence, ou le porteur de la "
    "grappe, peuvent la retirer, et seulement si elle a été ajoutée par un membre."
)


def _page(request, template: str, specification: Specification, tab: str, **context):
    context.update(
        specification=specification,
        tabs=navigation.tabs(request.user, specification, tab),
        grappe_url=reverse("specifications:grappe", args=[specification.grappe.uid]),
    )
    return render(request, template, context)


def _grappe_or_404(request, uid) -> Grappe:
    grappe = Grappe.objects.select_related("carrier").filter(uid=uid).first()
    if grappe is None or not perms.can_view_grappe_specifications(request.user, grappe):
        raise Http404
    return grappe


def _rating_body(request, specification: Specification) -> tuple[ManagingBody, list]:
    """The organisation the user rates for (``organisme`` = its FINESS among the user's member
    organisations; default the session's current one), and all of them."""
    ids = perms.rating_body_ids(request.user, specification.grappe)
    bodies = list(ManagingBody.objects.filter(pk__in=ids).order_by("display_name", "finess"))
    if not bodies:
        raise PermissionDenied(access.MEMBERS_ONLY)
    wanted = request.POST.get("organisme") or request.GET.get("organisme")
    if wanted:
        for body in bodies:
            if body.finess == wanted:
                return body, bodies
        raise Http404
    current = getattr(request, "current_membership", None)
    for body in bodies:
        if current is not None and body.pk == current.managing_body_id:
            return body, bodies
    return bodies[0], bodies


def _rate_url(specification: Specification, body: ManagingBody, bodies: list) -> str:
    url = reverse("specifications:rate", args=[specification.uid])
    return f"{url}?organisme={body.finess}" if len(bodies) > 1 else url


@login_required
def home(request):
    page = paginate(request, selectors.visible_specifications(request.user), per_page=PER_PAGE)
    return render(request, "specifications/home.html", {"page_obj": page})


def _grappe_page(request, grappe: Grappe, form: StartForm | None = None, status: int = 200):
    can_start = perms.can_start(request.user, grappe)
    if can_start and form is None:
        form = StartForm()
    return render(
        request,
        "specifications/grappe.html",
        {
            "grappe": grappe,
            "specifications": selectors.grappe_specifications(grappe),
            "form": form if can_start else None,
        },
        status=status,
    )


@login_required
def grappe(request, uid):
    return _grappe_page(request, _grappe_or_404(request, uid))


@login_required
@require_POST
def start(request, uid):
    grappe = _grappe_or_404(request, uid)
    if not perms.can_start(request.user, grappe):
        raise PermissionDenied(access.LEADS_ONLY)
    form = StartForm(request.POST)
    if not form.is_valid():
        return _grappe_page(request, grappe, form)
    try:
        specification = services.start_specification(
            request.user, grappe, form.cleaned_data["title"], form.cleaned_data["purpose"]
        )
    except ValidationError as error:
        form.add_error(None, error)
        return _grappe_page(request, grappe, form)
    messages.success(
        request, "Le cahier des charges commun est lancé : chaque membre note les exigences."
    )
    return redirect("specifications:detail", specification.uid)


@login_required
def detail(request, uid):
    specification = access.viewable(request, uid)
    bodies = selectors.members(specification.grappe)
    mine = perms.rating_body_ids(request.user, specification.grappe)
    return _page(
        request,
        "specifications/detail.html",
        specification,
        "detail",
        progress=selectors.progress(specification, bodies),
        arbitrated=selectors.arbitrated_count(specification),
        total=specification.items.count(),
        can_rate=perms.can_rate(request.user, specification),
        can_lead=perms.can_lead(request.user, specification),
        my_body_ids=mine,
    )


@login_required
@require_http_methods(["GET", "POST"])
def rate(request, uid):
    specification = access.rateable(request, uid)
    body, bodies = _rating_body(request, specification)
    items = selectors.items(specification)
    ratings = selectors.ratings_of(specification, body.pk)
    form = RatingForm(request.POST or None, items=items, ratings=ratings)
    if request.method == "POST" and form.is_valid():
        try:
            saved = rating_services.save_ratings(request.user, specification, body, form.entries())
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                f"Notation de {body.display_name} enregistrée ("
                + count_label(saved, "notation modifiée", "notations modifiées")
                + ").",
            )
            return redirect(_rate_url(specification, body, bodies))
    rows = form.rows()
    rated = len(ratings)
    prefilled = sum(1 for rating in ratings.values() if rating.origin != rating.Origin.MEMBER)
    groups = selectors.by_domain(
        [_RateRow(item, field, comment, ratings.get(item.pk)) for item, field, comment in rows]
    )
    return _page(
        request,
        "specifications/rate.html",
        specification,
        "rate",
        form=form,
        groups=groups,
        body=body,
        bodies=bodies,
        rated=rated,
        prefilled=prefilled,
        total=len(items),
        prefill_url=_with_body(
            reverse("specifications:prefill", args=[specification.uid]), body, bodies
        ),
        add_url=_with_body(
            reverse("specifications:add_item", args=[specification.uid]), body, bodies
        ),
        my_body_ids=perms.rating_body_ids(request.user, specification.grappe),
        can_lead=perms.can_lead(request.user, specification),
    )


class _RateRow:
    def __init__(self, item, importance, comment, rating):
        self.item, self.importance, self.comment, self.rating = item, importance, comment, rating


def _with_body(url: str, body: ManagingBody, bodies: list) -> str:
    return f"{url}?organisme={body.finess}" if len(bodies) > 1 else url


@login_required
@require_http_methods(["GET", "POST"])
def prefill(request, uid):
    """GET: what pre-filling will do; POST: do it."""
    specification = access.rateable(request, uid)
    body, bodies = _rating_body(request, specification)
    if request.method == "POST":
        try:
            count = rating_services.prefill_ratings(request.user, specification, body)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request,
                count_label(count, "notation pré-remplie", "notations pré-remplies")
                + " : vérifiez-les puis enregistrez pour les confirmer.",
            )
        return redirect(_rate_url(specification, body, bodies))
    return _page(
        request,
        "specifications/prefill.html",
        specification,
        "rate",
        body=body,
        bodies=bodies,
        plan=selectors.prefill_plan(specification, body.pk),
        rate_url=_rate_url(specification, body, bodies),
    )


@login_required
@require_http_methods(["GET", "POST"])
def add_item(request, uid):
    specification = access.rateable(request, uid)
    body, bodies = _rating_body(request, specification)
    form = AddItemForm(request.POST or None, domains=selectors.domains(specification))
    if request.method == "POST" and form.is_valid():
        try:
            item = rating_services.add_item(
                request.user,
                specification,
                body,
                form.cleaned_data["domain"],
                form.cleaned_data["label"],
                form.cleaned_data["description"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, f"Exigence {item.code} ajoutée : notez-la avec les autres.")
            return redirect(_rate_url(specification, body, bodies))
    return _page(
        request,
        "specifications/add_item.html",
        specification,
        "rate",
        form=form,
        body=body,
        bodies=bodies,
        rate_url=_rate_url(specification, body, bodies),
    )


def _item_or_404(specification: Specification, code: str) -> Item:
    item = specification.items.select_related("proposed_by").filter(code=code).first()
    if item is None:
        raise Http404
    item.specification = specification
    return item


@login_required
@require_http_methods(["GET", "POST"])
def remove_item(request, uid, code):
    """GET: confirm; POST: remove (its proposer's members while they rate, or a lead)."""
    specification = access.viewable(request, uid)
    item = _item_or_404(specification, code)
    allowed = perms.can_lead(request.user, specification) or (
        perms.can_rate(request.user, specification)
        and item.proposed_by_id in perms.rating_body_ids(request.user, specification.grappe)
    )
    if item.requirement_id is not None or item.proposed_by_id is None or not allowed:
        raise PermissionDenied(REMOVE_ONLY)
    if request.method == "POST":
        try:
            rating_services.remove_item(request.user, item)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, f"Exigence {item.code} retirée.")
        return redirect("specifications:detail", specification.uid)
    return _page(
        request,
        "specifications/remove_item.html",
        specification,
        "rate",
        item=item,
        ratings_count=item.ratings.count(),
    )


@login_required
def convergence_page(request, uid):
    specification = access.viewable(request, uid)
    filter_form = ConvergenceFilterForm(request.GET or None, initial={"filtre": "toutes"})
    choice = filter_form.choice()
    bodies = selectors.members(specification.grappe)
    rows = selectors.convergence_rows(specification, bodies)
    if choice == "desaccords":
        rows = [row for row in rows if row.result.status == convergence.DISAGREEMENT]
    elif choice == "non_arbitrees":
        rows = [row for row in rows if not row.is_arbitrated]
    return _page(
        request,
        "specifications/convergence.html",
        specification,
        "convergence",
        filter_form=filter_form,
        choice=choice,
        bodies=bodies,
        groups=selectors.by_domain(rows),
        shown=len(rows),
        levels=convergence.SCALE,
        can_arbitrate=perms.can_lead(request.user, specification)
        and specification.status != Specification.Status.DECIDED,
        consensus_count=sum(
            1
            for row in rows
            if not row.is_arbitrated and row.result.status == convergence.CONSENSUS
        )
        if choice == "toutes"
        else None,
    )


@login_required
@require_http_methods(["GET", "POST"])
def arbitrate(request, uid, code):
    specification = access.led(request, uid)
    item = _item_or_404(specification, code)
    bodies = selectors.members(specification.grappe)
    row = selectors.convergence_rows(specification, bodies, [item])[0]
    consensus = row.result.suggested if row.result.status == convergence.CONSENSUS else None
    initial = {"importance": item.importance or row.result.suggested}
    form = ArbitrateForm(request.POST or None, initial=initial, consensus=consensus)
    if request.method == "POST" and form.is_valid():
        try:
            rating_services.arbitrate(
                request.user, item, form.cleaned_data["importance"], form.cleaned_data["reason"]
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, f"Arbitrage de {item.code} enregistré.")
            return redirect("specifications:convergence", specification.uid)
    return _page(
        request,
        "specifications/arbitrate.html",
        specification,
        "convergence",
        item=item,
        row=row,
        pairs=list(zip(bodies, row.ratings, strict=True)),
        consensus=consensus,
        form=form,
        history=selectors.arbitration_history(item),
    )


@login_required
@require_http_methods(["GET", "POST"])
def accept_consensus(request, uid):
    specification = access.led(request, uid)
    if request.method == "POST":
        try:
            count = rating_services.accept_consensus(request.user, specification)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request,
                count_label(count, "exigence arbitrée", "exigences arbitrées")
                + " selon le consensus des membres.",
            )
        return redirect("specifications:convergence", specification.uid)
    return _page(
        request,
        "specifications/accept_consensus.html",
        specification,
        "convergence",
        plan=rating_services.consensus_plan(specification),
    )
