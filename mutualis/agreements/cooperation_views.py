"""The cooperation self-evaluation page of a grappe."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from mutualis.agreements import cooperation, referential, selectors, services
from mutualis.agreements.forms import cooperation_values
from mutualis.agreements.models import CooperationResponse
from mutualis.agreements.perms import can_manage_agreement
from mutualis.grappes import selectors as grappe_selectors


@login_required
@require_http_methods(["GET", "POST"])
def evaluation(request, uid):
    grappe = grappe_selectors.grappe_documents(request.user, uid)
    mine = selectors.members_of_user(request.user, grappe)
    member = mine[0] if mine else None
    current = selectors.current_round(grappe)
    version = current.referential if current else referential.QUESTIONNAIRE_VERSION
    questions = referential.questions(version)
    if request.method == "POST":
        if member is None:
            raise PermissionDenied(
                "Seuls les membres de la grappe répondent à l'auto-évaluation de la coopération."
            )
        try:
            services.save_cooperation_answers(
                request.user, member, cooperation_values(request.POST, questions)
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, "Vos réponses sont enregistrées.")
            return redirect("agreements:evaluation", uid=grappe.uid)
    response = (
        CooperationResponse.objects.filter(round=current, member=member).first()
        if current and member
        else None
    )
    summary = selectors.summary(current) if current else None
    answers = selectors.answers(response)
    return render(
        request,
        "agreements/evaluation.html",
        {
            "grappe": grappe,
            "member": member,
            "round": current,
            "response": response,
            "by_axis": [
                (label, [(q, answers.get(q.code)) for q in questions if q.axis == code])
                for code, label in referential.axes(version)
            ],
            "scale": referential.SCALE,
            "summary": summary,
            "radar": cooperation.radar(summary) if summary and summary.shown else None,
            "history": selectors.history(grappe) if current and current.number > 1 else [],
            "minimum": cooperation.MINIMUM_RESPONSES,
            "is_carrier": can_manage_agreement(request.user, grappe),
        },
    )


@login_required
@require_POST
def new_round(request, uid):
    grappe = grappe_selectors.grappe_documents(request.user, uid)
    round_ = services.open_round(request.user, grappe)
    messages.success(
        request,
        f"Tour {round_.number} ouvert : chaque membre peut répondre à nouveau pour mesurer "
        "les progrès.",
    )
    return redirect("agreements:evaluation", uid=grappe.uid)
