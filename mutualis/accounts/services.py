"""Account actions: sign-up, invitations, join requests. Each one audited."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone
from rest_framework.authtoken.models import Token

from mutualis.accounts.actor import forget
from mutualis.accounts.models import Invitation, JoinRequest, Membership, MembershipRole, User
from mutualis.accounts.perms import is_managing_body_admin
from mutualis.core import audit


@transaction.atomic
def sign_up(email: str, password: str, first_name: str = "", last_name: str = "") -> User:
    user = User.objects.create_user(
        email=email, password=password, first_name=first_name, last_name=last_name
    )
    audit.record(user, "user.sign_up", user)
    return user


@transaction.atomic
def invite(actor: User, managing_body, email: str, role: str, accept_url: str) -> Invitation:
    """An administrator of the managing body invites someone by e-mail."""
    if not is_managing_body_admin(actor, managing_body.pk):
        raise PermissionDenied
    invitation = Invitation.objects.create(
        managing_body=managing_body, email=email.lower(), role=role, invited_by=actor
    )
    send_mail(
        f"Invitation à rejoindre {managing_body.display_name} sur Mutualis",
        f"{actor} vous invite à rejoindre {managing_body.display_name} sur Mutualis.\n\n"
        f"Pour accepter, connectez-vous ou créez un compte avec cette adresse puis ouvrez :\n"
        f"{accept_url.replace('TOKEN', invitation.token)}\n",
        None,
        [invitation.email],
    )
    audit.record(actor, "invitation.create", invitation, {"email": email, "role": role})
    return invitation


@transaction.atomic
def accept_invitation(user: User, token: str) -> Membership:
    invitation = (
        Invitation.objects.select_for_update()
        .select_related("managing_body")
        .filter(token=token, accepted_at=None)
        .first()
    )
    if invitation is None:
        raise ValidationError("Cette invitation n'existe pas ou a déjà été utilisée.")
    if invitation.is_expired:
        raise ValidationError(
            "Cette invitation a expiré : demandez à l'administrateur de l'organisme "
            "de vous inviter à nouveau."
        )
    if invitation.email != user.email.lower():
        raise ValidationError(
            f"Cette invitation est adressée à {invitation.email} : "
            "connectez-vous avec cette adresse."
        )
    membership, _ = Membership.objects.get_or_create(
        user=user, managing_body=invitation.managing_body, defaults={"role": invitation.role}
    )
    invitation.accepted_at = timezone.now()
    invitation.save(update_fields=["accepted_at"])
    audit.record(user, "invitation.accept", invitation)
    return membership


@transaction.atomic
def request_to_join(user: User, managing_body, message: str = "") -> JoinRequest:
    if Membership.objects.filter(user=user, managing_body=managing_body).exists():
        raise ValidationError("Vous êtes déjà membre de cet organisme.")
    if JoinRequest.objects.filter(
        user=user, managing_body=managing_body, status=JoinRequest.Status.PENDING
    ).exists():
        raise ValidationError("Votre demande est déjà en attente de validation.")
    join_request = JoinRequest.objects.create(
        user=user, managing_body=managing_body, message=message
    )
    audit.record(user, "join_request.create", join_request)
    return join_request


@transaction.atomic
def decide_join_request(actor: User, join_request: JoinRequest, accept: bool) -> JoinRequest:
    join_request = JoinRequest.objects.select_for_update().get(pk=join_request.pk)
    if not is_managing_body_admin(actor, join_request.managing_body_id):
        raise PermissionDenied
    if join_request.status != JoinRequest.Status.PENDING:
        raise ValidationError("Cette demande a déjà été traitée.")
    join_request.status = JoinRequest.Status.ACCEPTED if accept else JoinRequest.Status.REFUSED
    join_request.decided_at = timezone.now()
    join_request.decided_by = actor
    join_request.save()
    if accept:
        Membership.objects.get_or_create(
            user=join_request.user,
            managing_body_id=join_request.managing_body_id,
            defaults={"role": MembershipRole.MEMBER},
        )
    audit.record(actor, "join_request.decide", join_request, {"status": join_request.status})
    return join_request


@transaction.atomic
def change_member_role(actor: User, membership: Membership, role: str) -> Membership:
    """An administrator of the managing body makes a member administrator, or the reverse."""
    membership = Membership.objects.select_for_update().get(pk=membership.pk)
    if not is_managing_body_admin(actor, membership.managing_body_id):
        raise PermissionDenied
    if role not in MembershipRole.values:
        raise ValidationError("Rôle inconnu.")
    if role == membership.role:
        return membership
    if membership.role == MembershipRole.ADMIN:
        _keep_another_admin(membership)
    audit.record(actor, "membership.role", membership, {"role": [membership.role, role]})
    membership.role = role
    membership.save(update_fields=["role"])
    forget(actor)  # an administrator may have changed their own role
    return membership


@transaction.atomic
def remove_member(actor: User, membership: Membership) -> None:
    """An administrator removes a member; any member may leave."""
    membership = Membership.objects.select_for_update().get(pk=membership.pk)
    if actor != membership.user and not is_managing_body_admin(actor, membership.managing_body_id):
        raise PermissionDenied
    if membership.role == MembershipRole.ADMIN:
        _keep_another_admin(membership)
    audit.record(actor, "membership.remove", membership, {"user": membership.user.email})
    membership.delete()
    forget(actor)  # a member may have left


def _keep_another_admin(membership: Membership) -> None:
    others = Membership.objects.select_for_update().filter(
        managing_body_id=membership.managing_body_id, role=MembershipRole.ADMIN
    )
    if not others.exclude(pk=membership.pk).exists():
        raise ValidationError(
            "L'organisme doit garder au moins un administrateur : nommez-en un autre d'abord."
        )


@transaction.atomic
def regenerate_api_token(user: User) -> str:
    """Replace the user's API token; the key is shown once, then only its use is possible."""
    Token.objects.filter(user=user).delete()
    token = Token.objects.create(user=user)
    audit.record(user, "api_token.regenerate", user)
    return token.key
