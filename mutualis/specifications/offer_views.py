"""Pages of the criteria, the offers, the analysis and the decision (thin: access, forms,
services, selectors)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from mutualis.core.pagination import paginate
from mutualis.core.pdf import pdf_response
from mutualis.core.tabular import xlsx_download, xlsx_sheets
from mutualis.core.text import count_label
from mutualis.specifications import (
    access,
    analysis_exports,
    navigation,
    offer_forms,
    offer_selectors,
    offer_services,
    perms,
)
from mutualis.specifications.models import Criterion, Specification


def _base(request, specification: Specification, current: str) -> dict:
    return {
        "specification": specification,
        "tabs": navigation.tabs(request.user, specification, current),
        "can_lead": perms.can_lead(request.user, specification),
        "decided": specification.status == Specification.Status.DECIDED,
    }


def _errors(error: ValidationError) -> list[str]:
    return list(error.messages)


# Criteria -------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def criteria(request, uid):
    specification = access.viewable(request, uid)
    if request.method == "POST":
        specification = access.led(request, uid)
    criterion_list = offer_selectors.criteria(specification)
    formset = offer_forms.criteria_formset(
        specification, criterion_list, request.POST if request.method == "POST" else None
    )
    errors: list[str] = []
    if request.method == "POST" and formset.is_valid():
        try:
            offer_services.update_criteria(request.user, specification, formset.rows())
        except ValidationError as error:
            errors = _errors(error)
        else:
            messages.success(request, "Critères et poids enregistrés.")
            return redirect("specifications:criteria", specification.uid)
    return render(
        request,
        "specifications/criteria.html",
        {
            **_base(request, specification, "criteria"),
            "criterion_rows": list(
                zip(criterion_list, analysis_exports.percentages(criterion_list), strict=True)
            ),
            "formset": formset,
            "errors": errors,
        },
    )


# Offers ---------------------------------------------------------------------------------


@login_required
def offers(request, uid):
    specification = access.viewable(request, uid)
    rows = offer_selectors.offer_rows(specification)
    return render(
        request,
        "specifications/offers.html",
        {
            **_base(request, specification, "offers"),
            "page": paginate(request, rows),
            "count": count_label(len(rows), "offre", "offres"),
        },
    )


def _offer_page(request, specification: Specification, offer=None):
    can_lead = perms.can_lead(request.user, specification)
    if request.method == "POST" and not can_lead:
        raise PermissionDenied(access.LEADS_ONLY)
    item_list = offer_selectors.items(specification)
    marks = [c for c in offer_selectors.criteria(specification) if c.kind == Criterion.Kind.MARK]
    data = request.POST if request.method == "POST" else None
    form = offer_forms.OfferForm(data, items=item_list, marks=marks, offer=offer)
    prices = offer_forms.price_formset(offer, data)
    errors: list[str] = []
    if data is not None and form.is_valid() and prices.is_valid():
        try:
            saved = offer_services.save_offer(
                request.user, specification, offer_forms.offer_data(form, prices), offer
            )
        except ValidationError as error:
            errors = _errors(error)
        else:
            messages.success(request, f"Offre « {saved} » enregistrée.")
            return redirect("specifications:offers", specification.uid)
    if not can_lead:
        for field in form.fields.values():
            field.disabled = True
    groups = [
        (domain, form.coverage_fields(group))
        for domain, group in offer_selectors.items_by_domain(item_list)
    ]
    return render(
        request,
        "specifications/offer_form.html",
        {
            **_base(request, specification, "offers"),
            "offer": offer,
            "form": form,
            "prices": prices,
            "groups": groups,
            "errors": errors,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def offer_add(request, uid):
    return _offer_page(request, access.led(request, uid))


def _offer_or_404(specification, offer_uid):
    offer = offer_selectors.offer_or_none(specification, offer_uid)
    if offer is None:
        raise Http404
    return offer


@login_required
@require_http_methods(["GET", "POST"])
def offer(request, uid, offer_uid):
    specification = access.viewable(request, uid)
    return _offer_page(request, specification, _offer_or_404(specification, offer_uid))


@login_required
@require_http_methods(["GET", "POST"])
def offer_delete(request, uid, offer_uid):
    specification = access.led(request, uid)
    offer = _offer_or_404(specification, offer_uid)
    errors: list[str] = []
    if request.method == "POST":
        try:
            offer_services.delete_offer(request.user, specification, offer)
        except ValidationError as error:
            errors = _errors(error)
        else:
            messages.success(request, f"Offre « {offer} » supprimée.")
            return redirect("specifications:offers", specification.uid)
    return render(
        request,
        "specifications/offer_delete.html",
        {
            **_base(request, specification, "offers"),
            "offer": offer,
            "coverage_count": offer.coverages.count(),
            "price_count": offer.price_lines.count(),
            "mark_count": offer.marks.count(),
            "errors": errors,
        },
    )


# Analysis and decision ------------------------------------------------------------------


def _chosen_key(specification) -> str | None:
    if specification.chosen_offer_id is None:
        return None
    return str(specification.chosen_offer.uid)


@login_required
def analysis(request, uid):
    specification = access.viewable(request, uid)
    data = offer_selectors.analysis(specification)
    return render(
        request,
        "specifications/analysis.html",
        {
            **_base(request, specification, "analysis"),
            **analysis_exports.context(data, _chosen_key(specification)),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def decide(request, uid):
    specification = access.led(request, uid)
    data = offer_selectors.analysis(specification)
    labels = {
        r.key: f"{r.label} — rang {r.rank}" if r.rank else f"{r.label} — non classée"
        for r in data.analysis.results
    }
    form = offer_forms.DecisionForm(
        request.POST if request.method == "POST" else None,
        specification=specification,
        labels=labels,
    )
    errors: list[str] = []
    decided = specification.status == Specification.Status.DECIDED
    if request.method == "POST" and decided:
        errors = ["La décision est déjà prise : annulez-la pour en prendre une autre."]
    elif request.method == "POST" and form.is_valid():
        try:
            offer_services.decide(
                request.user, specification, form.cleaned_data["offer"], form.cleaned_data["reason"]
            )
        except ValidationError as error:
            errors = _errors(error)
        else:
            messages.success(request, "Décision enregistrée.")
            return redirect("specifications:analysis", specification.uid)
    ranked = data.analysis.ranked
    first = ranked[0] if ranked else None
    leaders = [r.label for r in ranked if r.rank == 1]
    chosen = form.data.get("offer") if form.is_bound else None
    return render(
        request,
        "specifications/decide.html",
        {
            **_base(request, specification, "analysis"),
            "form": form,
            "errors": errors,
            "leaders": leaders,
            "not_evaluable": first is None,
            "ranking": analysis_exports.ranking(data, _chosen_key(specification)),
            "criteria": data.criteria,
            "chosen_not_first": bool(chosen)
            and first is not None
            and chosen not in {r.key for r in ranked if r.rank == 1},
        },
    )


@login_required
@require_POST
def reopen(request, uid):
    specification = access.led(request, uid)
    try:
        offer_services.reopen(request.user, specification)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, "Décision annulée : le cahier des charges revient à l'analyse.")
    return redirect("specifications:analysis", specification.uid)


# Exports --------------------------------------------------------------------------------


def _filename(specification, extension: str) -> str:
    return f"analyse-offres-{specification.uid}.{extension}"


@login_required
def analysis_xlsx(request, uid):
    specification = access.viewable(request, uid)
    content = xlsx_sheets(analysis_exports.sheets(offer_selectors.analysis(specification)))
    return xlsx_download(content, _filename(specification, "xlsx"))


@login_required
def analysis_pdf(request, uid):
    specification = access.viewable(request, uid)
    data = offer_selectors.analysis(specification)
    return pdf_response(
        request,
        "specifications/analysis_pdf.html",
        {
            "specification": specification,
            "today": timezone.localdate(),
            **analysis_exports.context(data, _chosen_key(specification)),
        },
        _filename(specification, "pdf"),
    )
