"""People of a managing body: join requests, invitations, members and their roles."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from mutualis.accounts import selectors as account_selectors
from mutualis.accounts import services as account_services
from mutualis.accounts.forms import InvitationForm, JoinRequestForm
from mutualis.accounts.models import Membership, MembershipRole
from mutualis.core import errors
from mutualis.directory import selectors
from mutualis.directory.models import ManagingBody
from mutualis.directory.perms import can_edit_managing_body


@login_required
@require_http_methods(["GET", "POST"])
def managing_body_join(request, finess: str):
    body = get_object_or_404(ManagingBody, finess=finess.upper())
    form = JoinRequestForm(request.POST or None, initial=_join_message(request.user, body))
    if request.method == "POST" and form.is_valid():
        try:
            account_services.request_to_join(request.user, body, form.cleaned_data["message"])
        except ValidationError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, "Votre demande a été transmise à l'administrateur.")
        return redirect("directory:managing_body", finess=body.finess)
    return render(request, "directory/managing_body_join.html", {"body": body, "form": form})


def _join_message(user, body: ManagingBody) -> dict:
    """A join request's message pre-filled when the user's identity provider gave a SIRET of
    this managing body's SIREN."""
    siret = account_selectors.provider_siret(user)
    if siret and selectors.bodies_of_siret(siret).filter(pk=body.pk).exists():
        return {"message": f"Mon fournisseur d'identité indique le SIRET {siret} (cet organisme)."}
    return {}


@login_required
def organisations_by_siret(request):
    """After a first sign-in through ProConnect: the managing bodies of the SIRET the provider
    gave, to ask to join one."""
    siret = account_selectors.provider_siret(request.user)
    bodies = selectors.bodies_of_siret(siret)
    return render(
        request,
        "directory/organisations_by_siret.html",
        {"siret": siret, "bodies": bodies[:50], "memberships": request.user.memberships.count()},
    )


@login_required
@require_http_methods(["GET", "POST"])
def managing_body_invite(request, finess: str):
    body = _administered_body(request, finess)
    form = InvitationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        accept_url = request.build_absolute_uri(
            reverse("accounts:accept_invitation", args=["TOKEN"])
        )
        account_services.invite(
            request.user, body, form.cleaned_data["email"], form.cleaned_data["role"], accept_url
        )
        messages.success(request, f"Invitation envoyée à {form.cleaned_data['email']}.")
        return redirect("directory:managing_body_members", finess=body.finess)
    return render(request, "directory/managing_body_invite.html", {"body": body, "form": form})


@login_required
def managing_body_members(request, finess: str):
    body = _administered_body(request, finess)
    return render(
        request,
        "directory/managing_body_members.html",
        {
            "body": body,
            "members": account_selectors.members_of(body),
            "invitations": account_selectors.open_invitations_of(body),
            "roles": MembershipRole.choices,
        },
    )


@login_required
@require_POST
def change_membership(request, finess: str, membership_id: int):
    """Change a member's role, or remove the member (an administrator), or leave (oneself)."""
    membership = get_object_or_404(
        Membership.objects.select_related("user", "managing_body"),
        pk=membership_id,
        managing_body__finess=finess.upper(),
    )
    leaving = request.POST.get("action") == "remove" and membership.user == request.user
    try:
        if request.POST.get("action") == "remove":
            account_services.remove_member(request.user, membership)
            messages.success(request, f"{membership.user} ne fait plus partie de l'organisme.")
        else:
            account_services.change_member_role(
                request.user, membership, request.POST.get("role", "")
            )
            messages.success(request, f"Le rôle de {membership.user} a été mis à jour.")
    except ValidationError as error:
        messages.error(request, error.message)
        leaving = False
    if leaving:
        return redirect("accounts:dashboard")
    return redirect("directory:managing_body_members", finess=membership.managing_body.finess)


def _administered_body(request, finess: str) -> ManagingBody:
    body = get_object_or_404(ManagingBody, finess=finess.upper())
    if not can_edit_managing_body(request.user, body):
        raise PermissionDenied(errors.MANAGING_BODY_ADMINS_ONLY)
    return body
