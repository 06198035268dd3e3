from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from mutualis.accounts.perms import is_national_admin, region_codes
from mutualis.core import tabular
from mutualis.core.forms import chosen_or_404
from mutualis.grappes import exports, panels, selectors, services, simulations
from mutualis.grappes.forms import DecisionForm, DepositRegionForm, GrappeForm, InviteForm
from mutualis.grappes.models import (
    FundingSimulation,
    GrappeMember,
    SharedAssessment,
)
from mutualis.grappes.perms import (
    can_answer,
    can_choose_deposit_region,
    can_decide,
    can_edit_member,
    can_read_application_pack,
    can_simulate,
    can_steer,
    can_view_grappe_documents,
    can_view_shared_assessment,
)
from mutualis.grappes.rules import Programme, sizes
from mutualis.maturity import results
from mutualis.maturity.models import Assessment
from mutualis.maturity.perms import can_edit_assessment


@login_required
@require_http_methods(["GET", "POST"])
def grappe_list(request):
    membership = request.current_membership
    body = membership.managing_body if membership else None
    campaign = selectors.current_campaign()
    form = GrappeForm(
        request.POST or None,
        initial={"campaign": campaign},
        campaigns=selectors.campaigns_with_rules(),
        year=timezone.localdate().year,
    )
    if request.method == "POST" and body and form.is_valid():
        grappe = services.create_grappe(request.user, body, **form.cleaned_data)
        messages.success(request, f"Grappe « {grappe.name} » créée : invitez ses membres.")
        return redirect("grappes:detail", uid=grappe.uid)
    return render(
        request,
        "grappes/grappe_list.html",
        {
            "body": body,
            "grappes": selectors.grappes_of(body) if body else [],
            "form": form,
            "is_national_admin": is_national_admin(request.user),
            "is_instructor": bool(region_codes(request.user)) or is_national_admin(request.user),
            "campaign": campaign,
            "sizes": sizes(selectors.rules_for(Programme.GENERALISATION, campaign)),
            "situations": selectors.programme_situations(),
        },
    )


@login_required
def detail(request, uid):
    grappe = selectors.viewable_grappe(request.user, uid)
    members = list(
        grappe.members.select_related("managing_body").order_by("managing_body__display_name")
    )
    entries = selectors.entries(grappe)
    rules, situation = selectors.grappe_rules(grappe)
    documents = can_view_grappe_documents(request.user, grappe)
    regions = selectors.deposit_region_choices(grappe, list(entries))  # most first: the default
    shares = grappe.shared_assessments.select_related(
        "grappe", "assessment__managing_body", "assessment__establishment"
    ).order_by("assessment__managing_body__display_name")
    return render(
        request,
        "grappes/grappe_detail.html",
        {
            "grappe": grappe,
            "members": [
                (
                    member,
                    sum(1 for e in entries if e.member_id == member.pk),
                    can_edit_member(request.user, member),
                    can_answer(request.user, member),
                )
                for member in members
            ],
            "entries": entries,
            "result": selectors.eligibility(grappe, rules=rules),
            "situation": situation,
            "is_carrier": can_steer(request.user, grappe),
            "invite_form": InviteForm(),
            "carrier_steps": services.carrier_steps(grappe),
            "regions": regions,
            "deposit_region_form": (
                DepositRegionForm(initial={"region": grappe.deposit_region_id}, regions=regions)
                if len(regions) > 1 and can_choose_deposit_region(request.user, grappe)
                else None
            ),
            "decision_form": DecisionForm() if can_decide(request.user, grappe) else None,
            "panels": panels.panels_for(request.user, grappe),
            "can_read_pack": can_read_application_pack(
                request.user,
                grappe,
                [m.managing_body_id for m in members if m.status == GrappeMember.Status.ACTIVE],
            ),
            "can_view_documents": documents,
            "can_simulate": can_simulate(request.user, grappe),
            "simulations": grappe.simulations.all()[:10] if documents else [],
            "shares": [
                (share_, can_edit_assessment(request.user, share_.assessment))
                for share_ in shares
                if can_view_shared_assessment(request.user, share_)
            ],
            "shareable": selectors.shareable_assessments(request.user, grappe),
        },
    )


@login_required
@require_POST
def invite(request, uid):
    grappe = selectors.viewable_grappe(request.user, uid)
    form = InviteForm(request.POST)
    if form.is_valid():
        try:
            services.invite_member(request.user, grappe, form.cleaned_data["finess"])
        except ValidationError as error:
            messages.error(request, error.messages[0])
        else:
            messages.success(request, f"{form.cleaned_data['finess'].display_name} est invité.")
    else:
        messages.error(request, form.errors["finess"][0])
    return redirect("grappes:detail", uid=uid)


@login_required
@require_POST
def answer(request, uid, member_id: int):
    member = get_object_or_404(GrappeMember, pk=member_id, grappe__uid=uid)
    accept = request.POST.get("reponse") == "accepter"
    try:
        services.answer_invitation(request.user, member, accept)
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(request, "Invitation acceptée." if accept else "Invitation déclinée.")
    return redirect("grappes:detail", uid=uid)


@login_required
@require_POST
def change_status(request, uid):
    grappe = selectors.viewable_grappe(request.user, uid)
    try:
        services.change_status(request.user, grappe, request.POST.get("etat", ""))
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(request, f"Grappe : {grappe.get_status_display()}.")
    return redirect("grappes:detail", uid=uid)


@login_required
@require_POST
def simulate(request, uid):
    try:
        simulation = services.simulate_funding(
            request.user, selectors.viewable_grappe(request.user, uid)
        )
    except ValidationError as error:
        messages.error(request, error.messages[0])
        return redirect("grappes:detail", uid=uid)
    return redirect("grappes:simulation", uid=uid, simulation_uid=simulation.uid)


@login_required
def simulation(request, uid, simulation_uid, extension: str = ""):
    grappe = selectors.grappe_documents(request.user, uid)
    frozen = get_object_or_404(FundingSimulation, uid=simulation_uid, grappe=grappe)
    scenarios = simulations.scenarios(frozen)
    if extension == "xlsx":
        when = timezone.localtime(frozen.created_at)
        name = exports.file_name(
            grappe, "simulation", "xlsx", f"{grappe.campaign}-{when:%Y%m%d-%H%M}"
        )
        return tabular.xlsx_download(exports.simulation_xlsx(frozen, scenarios), name)
    return render(
        request,
        "grappes/simulation.html",
        {
            "grappe": grappe,
            "simulation": frozen,
            "scenarios": scenarios,
            "comparison": simulations.comparison(scenarios),
        },
    )


@login_required
@require_POST
def share(request, uid):
    grappe = selectors.viewable_grappe(request.user, uid)
    assessment = chosen_or_404(Assessment.objects.all(), request.POST.get("autodiagnostic"), "uid")
    try:
        services.share_assessment(request.user, grappe, assessment)
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(request, f"{assessment} partagé avec la grappe.")
    return redirect("grappes:detail", uid=uid)


@login_required
@require_POST
def unshare(request, uid, share_id: int):
    share_ = get_object_or_404(SharedAssessment, pk=share_id, grappe__uid=uid)
    services.unshare_assessment(request.user, share_)
    messages.success(request, "L'autodiagnostic n'est plus partagé avec la grappe.")
    return redirect("grappes:detail", uid=uid)


@login_required
def shared_assessment(request, uid, share_id: int):
    """A member's assessment as the grappe sees it: read only."""
    grappe = selectors.viewable_grappe(request.user, uid)
    share_ = get_object_or_404(
        SharedAssessment.objects.select_related("assessment__referential"),
        pk=share_id,
        grappe=grappe,
    )
    if not can_view_shared_assessment(request.user, share_):
        raise PermissionDenied
    report = results.build_report(share_.assessment)
    return render(
        request,
        "grappes/shared_assessment.html",
        {
            "grappe": grappe,
            "assessment": share_.assessment,
            "report": report,
            "radar": results.radar(report),
        },
    )
