"""The ARS side of a grappe: the instruction page of the regional actors, their decisions,
the carrier's choice of the région of deposit, and the application pack (ZIP)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from mutualis.accounts.perms import is_national_admin, region_codes
from mutualis.core.pagination import paginate
from mutualis.grappes import application_pack, selectors, services
from mutualis.grappes import instruction as instructed
from mutualis.grappes.forms import DecisionForm, DepositRegionForm, InstructionFilterForm
from mutualis.grappes.perms import can_read_application_pack, decision_denial

REGIONAL_ONLY = (
    "Cette page est réservée aux acteurs régionaux (ARS, conseils départementaux) : elle liste "
    "les grappes de leurs régions à instruire."
)
PACK_READERS_ONLY = (
    "Le dossier de candidature est réservé aux membres actifs de la grappe et aux acteurs "
    "régionaux de sa région de dépôt."
)


@login_required
def instruction(request):
    """The grappes of the actor's régions by campaign and status, for their instruction."""
    if not (region_codes(request.user) or is_national_admin(request.user)):
        raise PermissionDenied(REGIONAL_ONLY)
    form = InstructionFilterForm(request.GET or None, campaigns=instructed.campaigns())
    filters = form.cleaned_data if form.is_valid() else {}
    grappes = instructed.instructed_grappes(
        request.user, filters.get("campagne"), filters.get("etat") or None
    )
    page = paginate(request, grappes)
    return render(
        request,
        "grappes/instruction.html",
        {
            "form": form,
            "page_obj": page,
            "rows": instructed.rows(request.user, list(page.object_list)),
        },
    )


@login_required
@require_POST
def decide(request, uid):
    grappe = selectors.viewable_grappe(request.user, uid)
    reason = decision_denial(request.user, grappe)
    if reason:
        raise PermissionDenied(reason)
    form = DecisionForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            messages.error(request, errors[0])
        return redirect("grappes:detail", uid=uid)
    try:
        grappe = services.decide(
            request.user, grappe, form.cleaned_data["decision"], form.cleaned_data["motif"]
        )
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(
            request,
            f"Décision enregistrée : « {grappe.get_status_display()} ». Le porteur est prévenu "
            "par courriel.",
        )
    return redirect("grappes:detail", uid=uid)


@login_required
@require_POST
def deposit_region(request, uid):
    grappe = selectors.viewable_grappe(request.user, uid)
    form = DepositRegionForm(request.POST, regions=selectors.deposit_region_choices(grappe))
    if not form.is_valid():
        messages.error(request, "Choisissez une région où la grappe a des ESSMS.")
        return redirect("grappes:detail", uid=uid)
    try:
        services.set_deposit_region(request.user, grappe, form.cleaned_data["region"] or None)
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(request, "Région de dépôt enregistrée.")
    return redirect("grappes:detail", uid=uid)


@login_required
def application_pack_zip(request, uid):
    """The "dossier de candidature" in one ZIP."""
    grappe = selectors.viewable_grappe(request.user, uid)
    if not can_read_application_pack(request.user, grappe):
        raise PermissionDenied(PACK_READERS_ONLY)
    response = HttpResponse(application_pack.build(grappe), content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="{application_pack.filename(grappe)}"'
    return response
