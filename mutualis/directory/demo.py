"""Demonstration accounts and IT profiles, clearly marked as such (``make run`` only)."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction

from mutualis.accounts.models import Membership, MembershipRole, ScopedRole, User
from mutualis.directory.models import DuiStatus, HostingMode, ItProfile, ManagingBody, Solution

DEMO_PASSWORD = "demo-mutualis-2026"  # noqa: S105 - published demo password, demo data only


@dataclass(frozen=True)
class DemoAccount:
    email: str
    role: str


def _demo_managing_body() -> ManagingBody | None:
    """The largest managing body of Ain (01), a stable choice on the national demo file."""
    return (
        ManagingBody.objects.filter(departement_id="01", is_closed=False)
        .order_by("-establishment_count", "finess")
        .first()
    )


@transaction.atomic
def seed_demo() -> list[DemoAccount]:
    """Create (or reset) the demo accounts; return what to print."""
    accounts = []

    def account(email: str, role: str, **flags) -> User:
        user, _ = User.objects.get_or_create(email=email, defaults=flags)
        for name, value in flags.items():
            setattr(user, name, value)
        user.set_password(DEMO_PASSWORD)
        user.save()
        accounts.append(DemoAccount(email, role))
        return user

    admin = account(
        "admin@demo.mutualis.fr",
        "administration nationale (admin Django)",
        is_staff=True,
        is_superuser=True,
        first_name="Camille",
        last_name="Admin",
    )
    ScopedRole.objects.get_or_create(user=admin, role=ScopedRole.Role.NATIONAL_ADMIN)
    regional = account(
        "ars@demo.mutualis.fr",
        "acteur régional Auvergne-Rhône-Alpes",
        first_name="Dominique",
        last_name="Région",
    )
    scoped, _ = ScopedRole.objects.get_or_create(user=regional, role=ScopedRole.Role.REGIONAL)
    scoped.regions.set(["84"])
    body = _demo_managing_body()
    if body is not None:
        director = account(
            "direction@demo.mutualis.fr",
            f"administrateur de {body.display_name}",
            first_name="Alex",
            last_name="Direction",
        )
        Membership.objects.update_or_create(
            user=director, managing_body=body, defaults={"role": MembershipRole.ADMIN}
        )
        it_lead = account(
            "rsi@demo.mutualis.fr",
            f"membre de {body.display_name}",
            first_name="Sacha",
            last_name="Informatique",
        )
        Membership.objects.update_or_create(
            user=it_lead, managing_body=body, defaults={"role": MembershipRole.MEMBER}
        )
        _demo_profiles(body)
    account(
        "public@demo.mutualis.fr",
        "compte sans rattachement",
        first_name="Claude",
        last_name="Public",
    )
    return accounts


def _demo_profiles(body: ManagingBody) -> None:
    solution = Solution.objects.order_by("name").first()
    for index, establishment in enumerate(body.establishments.filter(is_closed=False)[:3]):
        ItProfile.objects.update_or_create(
            establishment=establishment,
            defaults={
                "dui_status": DuiStatus.DEPLOYED if index else DuiStatus.PARTIAL,
                "solution": solution,
                "hosting_mode": HostingMode.SAAS,
                "workstation_count": 8 + 4 * index,
                "is_demo": True,
            },
        )
