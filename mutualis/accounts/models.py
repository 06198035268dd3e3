"""Users, memberships of managing bodies, invitations, join requests and scoped roles.

Managing bodies are referenced lazily ("directory.ManagingBody"): accounts sits above
directory in the import order, so that directory's permission predicates can use it.
"""

import datetime as dt
import secrets
import uuid

from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models
from django.utils import timezone


class EmailUserManager(UserManager):
    def _create_user(self, username, email, password, **extra_fields):
        email = self.normalize_email(email or username)
        return super()._create_user(email, email, password, **extra_fields)

    def create_user(self, email=None, password=None, **extra_fields):
        extra_fields.pop("username", None)
        return super().create_user(email, email, password, **extra_fields)

    def create_superuser(self, email=None, password=None, **extra_fields):
        extra_fields.pop("username", None)
        return super().create_superuser(email, email, password, **extra_fields)

    def get_by_natural_key(self, username):
        # Addresses are compared without case: sign-up stores them in lower case.
        return self.get(email__iexact=username)


class User(AbstractUser):
    """A person; signs in with an e-mail address."""

    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    email = models.EmailField("adresse e-mail", unique=True)
    username = models.CharField("identifiant", max_length=254, unique=True)

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []
    objects = EmailUserManager()

    class Meta:
        verbose_name = "utilisateur"

    def save(self, *args, **kwargs):
        self.username = self.email
        super().save(*args, **kwargs)

    def __str__(self) -> str:
        return self.get_full_name() or self.email


class MembershipRole(models.TextChoices):
    ADMIN = "admin", "Administrateur"
    MEMBER = "member", "Membre"


class Membership(models.Model):
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="memberships")
    managing_body = models.ForeignKey(
        "directory.ManagingBody",
        verbose_name="organisme gestionnaire",
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    role = models.CharField(
        "rôle", max_length=10, choices=MembershipRole, default=MembershipRole.MEMBER
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "adhésion"
        constraints = [
            models.UniqueConstraint(fields=["user", "managing_body"], name="unique_membership")
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.managing_body} ({self.get_role_display()})"


def _token() -> str:
    return secrets.token_urlsafe(32)


class Invitation(models.Model):
    VALIDITY = dt.timedelta(days=14)

    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    managing_body = models.ForeignKey(
        "directory.ManagingBody", on_delete=models.CASCADE, related_name="invitations"
    )
    email = models.EmailField("adresse e-mail invitée")
    role = models.CharField(
        "rôle", max_length=10, choices=MembershipRole, default=MembershipRole.MEMBER
    )
    token = models.CharField(max_length=64, unique=True, default=_token, editable=False)
    invited_by = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    accepted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "invitation"

    def __str__(self) -> str:
        return f"Invitation de {self.email} dans {self.managing_body}"

    @property
    def expires_at(self) -> dt.datetime:
        return self.created_at + self.VALIDITY

    @property
    def is_expired(self) -> bool:
        return timezone.now() > self.expires_at


class JoinRequest(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", "En attente"
        ACCEPTED = "accepted", "Acceptée"
        REFUSED = "refused", "Refusée"

    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="join_requests")
    managing_body = models.ForeignKey(
        "directory.ManagingBody", on_delete=models.CASCADE, related_name="join_requests"
    )
    message = models.TextField("message", blank=True, max_length=1000)
    status = models.CharField("état", max_length=10, choices=Status, default=Status.PENDING)
    created_at = models.DateTimeField(auto_now_add=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = "demande de rattachement"
        verbose_name_plural = "demandes de rattachement"
        constraints = [
            models.UniqueConstraint(
                fields=["user", "managing_body"],
                condition=models.Q(status="pending"),
                name="one_pending_join_request",
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} → {self.managing_body} ({self.get_status_display()})"


class ScopedRole(models.Model):
    """A national or regional role (ARS, GRADeS, collectif SI) over a set of régions."""

    class Role(models.TextChoices):
        NATIONAL_ADMIN = "national_admin", "Administration nationale"
        REGIONAL = "regional", "Acteur régional (ARS, GRADeS, collectif SI)"

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="scoped_roles")
    role = models.CharField("rôle", max_length=20, choices=Role)
    regions = models.ManyToManyField("territories.Region", verbose_name="régions", blank=True)

    class Meta:
        verbose_name = "rôle territorial"
        verbose_name_plural = "rôles territoriaux"

    def __str__(self) -> str:
        return f"{self.user} — {self.get_role_display()}"


class ProviderIdentity(models.Model):
    """A user's identity at an OpenID Connect provider (ProConnect, Pro Santé Connect): the
    provider's subject, kept so that a later sign-in finds the same account even if the
    address changed, and the SIRET the provider gave last (to propose the organisation)."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="provider_identities")
    provider = models.CharField("fournisseur d'identité", max_length=40)
    subject = models.CharField("identifiant chez le fournisseur", max_length=255)
    siret = models.CharField("SIRET transmis", max_length=14, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    last_login_at = models.DateTimeField("dernière connexion", null=True, blank=True)

    class Meta:
        verbose_name = "identité fédérée"
        verbose_name_plural = "identités fédérées"
        constraints = [
            models.UniqueConstraint(fields=["provider", "subject"], name="unique_provider_subject")
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.provider}"
