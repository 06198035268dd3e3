"""Builders of the needs-survey tests: respondents placed in a territory, answers with one
"le plus prioritaire" at most."""

from __future__ import annotations

from mutualis.accounts.models import MembershipRole
from mutualis.workshops import survey_services
from tests.factories import EstablishmentFactory, ManagingBodyFactory, MembershipFactory
from tests.workshops.conftest import SEED_LEVERS

# Département -> région of the tests' respondents.
REGION_OF = {"01": "84", "38": "84", "73": "84", "35": "53", "75": "11"}


def body_in(name: str, *departements: str, category: str = "500", account: bool = True, seat=None):
    """A managing body with one open ESSMS in each of ``departements``; its administrator
    (None without account)."""
    body = ManagingBodyFactory(
        name=name,
        establishment_count=len(departements),
        departement_id=seat or departements[0],
    )
    for departement in departements:
        EstablishmentFactory(
            managing_body=body,
            category_id=category,
            departement_id=departement,
            region_id=REGION_OF[departement],
            name=f"ESSMS {name} {departement}",
        )
    admin = (
        MembershipFactory(managing_body=body, role=MembershipRole.ADMIN).user if account else None
    )
    return body, admin


def ratings(**levels) -> dict[str, int]:
    """Every seed lever "pas prioritaire" unless given."""
    return dict.fromkeys(SEED_LEVERS, 0) | levels


def answer(survey, body, admin, needs=(), comment="", **levels):
    return survey_services.save_answer(admin, survey, body, ratings(**levels), list(needs), comment)


def small_cells_world(survey):
    """Twelve respondents of Auvergne-Rhône-Alpes: six EHPAD bodies of the Ain (D very
    priority, a DUI need), five IME bodies of the Isère (D top priority), and one lone CHRS
    body of the Savoie (D priority, A top priority, a comment): the lone one must never show."""
    for index in range(6):
        body, admin = body_in(f"EHPAD {index}", "01")
        answer(survey, body, admin, needs=["dui"], D=2)
    for index in range(5):
        body, admin = body_in(f"IME {index}", "38", category="183")
        answer(survey, body, admin, D=3)
    body, admin = body_in("CHRS seul", "73", category="214")
    answer(survey, body, admin, needs=["securite"], comment="Zèbre : notre CHRS seul", A=3, D=1)
    return survey
