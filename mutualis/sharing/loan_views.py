"""Pages of the convention de mise à disposition: prepare it from an accepted request, read
it, edit it, sign it, record the days used and download its documents and history."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils.text import slugify
from django.views.decorators.http import require_http_methods, require_POST

from mutualis.accounts.actor import actor_of
from mutualis.core import tabular
from mutualis.core.pagination import paginate
from mutualis.sharing import loan_perms, loan_selectors, loan_services
from mutualis.sharing.loan_forms import DaysUsedForm, LoanForm, LoanSignatureForm
from mutualis.sharing.loan_models import Loan
from mutualis.sharing.models import SharingRequest

CONTENT_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
}


def _apply(form, call) -> bool:
    """Run the service; its French errors land on the form's fields."""
    try:
        call()
    except ValidationError as error:
        form.add_error(None, error)
        return False
    return True


@login_required
def loan_list(request):
    page = paginate(request, loan_selectors.loans_for(request.user))
    return render(request, "sharing/loan_list.html", {"page": page})


def _initial(sharing_request: SharingRequest) -> dict:
    listing = sharing_request.listing
    start, end = listing.starts_on, listing.ends_on
    if sharing_request.requester_listing is not None:
        start = max(start, sharing_request.requester_listing.starts_on)
        end = min(end, sharing_request.requester_listing.ends_on)
    return {
        "resource": (f"{listing.title}. {listing.description}".strip()[:1000]),
        "days_per_month": listing.days_per_month,
        "starts_on": start,
        "ends_on": end,
        "vehicle": listing.vehicle_id,
        "notice_days": 30,
        "cost_method": "at_cost",
    }


@login_required
@require_http_methods(["GET", "POST"])
def loan_prepare(request, uid):
    sharing_request = loan_selectors.request_for_loan(uid)
    if not loan_perms.can_prepare_loan(request.user, sharing_request):
        actor = actor_of(request.user)
        if any(actor.is_member(b) for b in loan_perms.request_bodies(sharing_request)):
            raise PermissionDenied(
                "Seul un administrateur de l'un des deux organismes prépare la convention, "
                "une fois la demande acceptée."
            )
        raise Http404
    existing = Loan.objects.filter(request=sharing_request).first()
    if existing is not None:
        return redirect("sharing:loan", existing.uid)
    form = LoanForm(request.POST or None, initial=_initial(sharing_request))
    if request.method == "POST" and form.is_valid():
        found = {}

        def prepare():
            found["loan"] = loan_services.prepare_loan(request.user, sharing_request, form.terms())

        if _apply(form, prepare):
            messages.success(request, "Convention préparée : relisez-la puis signez-la.")
            return redirect("sharing:loan", found["loan"].uid)
    provider, beneficiary = loan_services.sides(sharing_request)
    return render(
        request,
        "sharing/loan_form.html",
        {
            "form": form,
            "sharing_request": sharing_request,
            "provider": provider,
            "beneficiary": beneficiary,
            "skill": sharing_request.listing.skill,
        },
    )


def _detail(request, loan: Loan, *, sign_form=None, days_form=None, status=200):
    signatures = loan_selectors.current_signatures(loan)
    bodies = [
        body
        for body in (loan.provider, loan.beneficiary)
        if body.pk not in signatures and loan_perms.can_sign_loan(request.user, loan, body.pk)
    ]
    if bodies and sign_form is None:
        sign_form = LoanSignatureForm(bodies=bodies)
    can_record = loan_perms.can_record_days(request.user, loan)
    if can_record and days_form is None:
        days_form = DaysUsedForm()
    rows = loan_selectors.days_used(loan)
    context = {
        "loan": loan,
        "signed_any": bool(signatures),
        "parties": [
            (body, role, signatures.get(body.pk))
            for body, role in (
                (loan.provider, "Organisme prêteur"),
                (loan.beneficiary, "Organisme bénéficiaire"),
            )
        ],
        "sign_form": sign_form if bodies else None,
        "days_form": days_form if can_record else None,
        "can_edit": loan_perms.can_edit_loan(request.user, loan),
        "documents": loan_selectors.documents(loan),
        "days_rows": rows,
        "totals": loan_selectors.totals(loan, rows),
    }
    return render(request, "sharing/loan.html", context, status=status)


@login_required
def loan_detail(request, uid):
    return _detail(request, loan_selectors.loan_for(request.user, uid))


@login_required
@require_http_methods(["GET", "POST"])
def loan_edit(request, uid):
    loan = loan_selectors.loan_for(request.user, uid)
    if not loan_perms.can_edit_loan(request.user, loan):
        raise PermissionDenied(
            "Seuls les administrateurs des deux organismes modifient la convention."
        )
    initial = {name: getattr(loan, name) for name in LoanForm.base_fields if name != "vehicle"} | {
        "vehicle": loan.vehicle_id
    }
    form = LoanForm(request.POST or None, initial=initial)
    if (
        request.method == "POST"
        and form.is_valid()
        and _apply(form, lambda: loan_services.edit_loan(request.user, loan, form.terms()))
    ):
        messages.success(request, "Convention modifiée : une nouvelle version est à signer.")
        return redirect("sharing:loan", loan.uid)
    signed = len(loan_selectors.current_signatures(loan))
    return render(
        request,
        "sharing/loan_form.html",
        {
            "form": form,
            "loan": loan,
            "provider": loan.provider,
            "beneficiary": loan.beneficiary,
            "skill": loan.skill,
            "signed_count": signed,
        },
    )


@login_required
@require_POST
def loan_sign(request, uid):
    loan = loan_selectors.loan_for(request.user, uid)
    bodies = [
        b
        for b in (loan.provider, loan.beneficiary)
        if loan_perms.can_sign_loan(request.user, loan, b.pk)
    ]
    if not bodies:
        raise PermissionDenied("Seul un administrateur de chaque organisme signe pour lui.")
    form = LoanSignatureForm(request.POST, bodies=bodies)
    if form.is_valid():
        data = form.cleaned_data

        def sign():
            loan_services.sign_loan(
                request.user,
                loan,
                data["organisation"],
                signer_name=data["signer_name"],
                capacity=data["capacity"],
            )

        if _apply(form, sign):
            messages.success(request, "Signature enregistrée.")
            return redirect("sharing:loan", loan.uid)
    return _detail(request, loan, sign_form=form, status=400)


@login_required
@require_POST
def loan_days(request, uid):
    loan = loan_selectors.loan_for(request.user, uid)
    if not loan_perms.can_record_days(request.user, loan):
        raise PermissionDenied(
            "Les jours réalisés sont saisis par les administrateurs des deux organismes, une "
            "fois la convention signée."
        )
    form = DaysUsedForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data

        def record():
            loan_services.record_days(
                request.user, loan, month=data["month"], days=data["days"], note=data["note"]
            )

        if _apply(form, record):
            messages.success(request, f"Jours de {data['month']:%m/%Y} enregistrés.")
            return redirect("sharing:loan", loan.uid)
    return _detail(request, loan, days_form=form, status=400)


@login_required
def loan_days_csv(request, uid):
    loan = loan_selectors.loan_for(request.user, uid)
    rows = [["Mois", "Jours réalisés", "Coût (€)", "Note", "Saisi par", "Saisi le"]]
    rows += [
        [
            f"{r.month:%m/%Y}",
            r.days,
            tabular.Money(r.days * loan.daily_cost),
            r.note,
            r.recorded_by.get_full_name() if r.recorded_by else "",
            r.recorded_at,
        ]
        for r in loan_selectors.days_used(loan)
    ]
    filename = f"jours-mise-a-disposition-{slugify(loan.skill.code)}-{loan.uid.hex[:8]}.csv"
    return tabular.csv_download(tabular.csv_lines(rows), filename)


@login_required
def loan_document(request, uid, version: int, kind: str):
    loan = loan_selectors.loan_for(request.user, uid)
    if kind not in CONTENT_TYPES:
        raise Http404
    signed = request.GET.get("edition") == "signee"
    document = loan_selectors.document(loan, version, kind, signed)
    return FileResponse(
        document.file.open("rb"),
        as_attachment=True,
        filename=document.file.name.rsplit("/", 1)[-1],
        content_type=CONTENT_TYPES[kind],
    )
