"""Demonstration accounts and IT profiles, clearly marked as such (``make run`` only)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db import transaction

from mutualis.accounts.models import Membership, MembershipRole, ScopedRole, User
from mutualis.directory.models import (
    DuiStatus,
    Editor,
    HostingMode,
    ItProfile,
    ManagingBody,
    SegurStatus,
    Solution,
)

DEMO_PASSWORD = "demo-mutualis-2026"  # noqa: S105 - published demo password, demo data only
# Fictitious editors, so that no real editor is credited with made-up profiles; their Ségur
# status is as fictitious as they are (its source says so), one left "non vérifiée" to show
# how the platform reads it (non évaluable).
DEMO_EDITORS = [  # (editor, solution, Ségur status, weight)
    ("Éditeur de démonstration A", "Dossier usager A (démo)", SegurStatus.REFERENCED, 5),
    ("Éditeur de démonstration B", "Dossier usager B (démo)", SegurStatus.REFERENCED, 3),
    ("Éditeur de démonstration C", "Dossier usager C (démo)", SegurStatus.NOT_REFERENCED, 2),
    ("Éditeur de démonstration D", "Dossier usager D (démo)", SegurStatus.UNVERIFIED, 1),
]
DEMO_SEGUR_SOURCE = "Donnée fictive de démonstration (aucune vérification réelle)"
DEMO_SEGUR_CHECKED_ON = datetime.date(2026, 1, 1)


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


def demo_solutions() -> list[tuple[Solution, int]]:
    """The fictitious demonstration solutions (created if needed), with their weights."""
    result = []
    for editor_name, name, status, weight in DEMO_EDITORS:
        editor, _ = Editor.objects.get_or_create(name=editor_name)
        checked = status != SegurStatus.UNVERIFIED
        solution, _ = Solution.objects.update_or_create(
            editor=editor,
            name=name,
            defaults={
                "segur_status": status,
                "segur_couloir": "MS1" if status == SegurStatus.REFERENCED else "",
                "segur_version": "démonstration" if status == SegurStatus.REFERENCED else "",
                "segur_checked_on": DEMO_SEGUR_CHECKED_ON if checked else None,
                "segur_source": DEMO_SEGUR_SOURCE if checked else "",
            },
        )
        result.append((solution, weight))
    return result


def _demo_profiles(body: ManagingBody) -> None:
    solution = demo_solutions()[0][0]
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
