"""Account actions: sign-up, invitations, join requests. Each one audited."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.hashers import make_password
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.utils import timezone
from rest_framework.authtoken.models import Token

from mutualis.accounts.actor import forget
from mutualis.accounts.models import (
    Invitation,
    JoinRequest,
    Membership,
    MembershipRole,
    ProviderIdentity,
    User,
)
from mutualis.accounts.perms import is_managing_body_admin
from mutualis.core import audit
from mutualis.core.mail import send_templated_mail

SIGN_UP_SALT = "mutualis.accounts.sign_up"
SIGN_UP_MAX_AGE = dt.timedelta(days=2)


def request_sign_up(
    email: str,
    password: str,
    first_name: str = "",
    last_name: str = "",
    *,
    confirm_url: str,
    sign_in_url: str,
    reset_url: str,
) -> None:
    """Someone asks for an account: the same answer whether the address has one or not. A new
    address gets a link (``confirm_url`` with TOKEN replaced) that creates the account; the
    owner of an existing account is told someone tried, and nothing else happens. Nothing is
    written before the link is opened (the token carries the hashed password, signed)."""
    email = email.lower()
    # Hashed whatever the answer: the time taken says nothing either.
    token = signing.dumps(
        {
            "email": email,
            "password": make_password(password),
            "first_name": first_name,
            "last_name": last_name,
        },
        salt=SIGN_UP_SALT,
        compress=True,
    )
    if User.objects.filter(email__iexact=email).exists():
        send_templated_mail(
            "accounts/emails/sign_up_existing",
            {"sign_in_url": sign_in_url, "reset_url": reset_url},
            [email],
        )
        return
    send_templated_mail(
        "accounts/emails/sign_up_confirm", {"url": confirm_url.replace("TOKEN", token)}, [email]
    )


@transaction.atomic
def confirm_sign_up(token: str) -> User:
    """Create the account a sign-up link stands for (once: a second use is refused)."""
    try:
        data = signing.loads(token, salt=SIGN_UP_SALT, max_age=SIGN_UP_MAX_AGE.total_seconds())
    except signing.SignatureExpired:
        raise ValidationError("Ce lien a expiré : inscrivez-vous à nouveau.") from None
    except signing.BadSignature:
        raise ValidationError("Ce lien n'est pas valide : inscrivez-vous à nouveau.") from None
    try:
        with transaction.atomic():  # the link opened twice at once: one account
            user = User.objects.create_user(
                email=data["email"], first_name=data["first_name"], last_name=data["last_name"]
            )
    except IntegrityError:
        raise ValidationError("Ce compte existe déjà : connectez-vous.") from None
    user.password = data["password"]
    user.save(update_fields=["password"])
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
    send_templated_mail(
        "accounts/emails/invitation",
        {
            "actor": actor,
            "managing_body": managing_body,
            "accept_url": accept_url.replace("TOKEN", invitation.token),
        },
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


def _claim(claims: dict, name: str, length: int) -> str:
    value = claims.get(name)
    return value.strip()[:length] if isinstance(value, str) else ""


def _siret(value: object) -> str:
    text = value if isinstance(value, str) else ""
    return text if len(text) == 14 and text.isascii() and text.isdigit() else ""


def _verified_email(provider, claims: dict) -> str:
    email = claims.get("email")
    try:
        if not isinstance(email, str) or len(email) > 254:
            raise ValidationError("")
        validate_email(email)
    except ValidationError:
        raise ValidationError(
            f"{provider.label} n'a pas transmis d'adresse e-mail valide : connectez-vous avec "
            "votre adresse e-mail et votre mot de passe."
        ) from None
    if not (provider.trust_email or claims.get("email_verified") is True):
        raise ValidationError(
            f"{provider.label} n'a pas confirmé votre adresse e-mail : connectez-vous avec votre "
            "adresse e-mail et votre mot de passe."
        )
    return email.lower()


@transaction.atomic
def sign_in_with_provider(provider, claims: dict) -> User:
    """The account of someone the provider (``accounts.providers.Provider``) authenticated:
    the one already linked to their identity there, else the account of their verified e-mail
    address (linked now), else a new account without password. The SIRET the provider gives is
    kept to propose the organisation. Refused (``ValidationError``, in French) without a
    verified address, for a deactivated account, or to link a staff account."""
    subject = _claim(claims, "sub", 255)
    if not subject:
        raise ValidationError(f"{provider.label} n'a pas transmis votre identifiant.")
    identity = (
        ProviderIdentity.objects.select_related("user")
        .filter(provider=provider.key, subject=subject)
        .first()
    )
    if identity is None:
        email = _verified_email(provider, claims)
        user = User.objects.filter(email__iexact=email).first()
        if user is None:
            user = User.objects.create_user(
                email=email,
                password=None,
                first_name=_claim(claims, "given_name", 150),
                last_name=_claim(claims, "usual_name", 150) or _claim(claims, "family_name", 150),
            )
            audit.record(user, "user.create_from_provider", user, {"provider": [provider.key]})
        elif user.is_staff:
            raise ValidationError(
                "Un compte d'administration du site ne peut pas être relié à un fournisseur "
                "d'identité : connectez-vous avec votre mot de passe."
            )
        identity = ProviderIdentity(user=user, provider=provider.key, subject=subject)
        audit.record(user, "provider_identity.link", user, {"provider": [provider.key]})
    if not identity.user.is_active:
        raise ValidationError("Ce compte est désactivé.")
    identity.siret = _siret(claims.get("siret")) or identity.siret
    identity.last_login_at = timezone.now()
    identity.save()
    return identity.user
