import pytest
from django.db.models import Max
from django.urls import reverse

from mutualis.accounts.models import MembershipRole
from mutualis.directory.models import ManagingBody, Solution
from mutualis.grappes.models import Grappe, ProgrammeRule
from mutualis.grappes.rules import Programme
from mutualis.maturity import services as maturity
from mutualis.maturity.models import Assessment, Indicator, ReferentialVersion
from tests.factories import (
    EstablishmentFactory,
    ManagingBodyFactory,
    MembershipFactory,
    checked_segur,
)


def body_with(n: int, name: str, **fields) -> tuple[ManagingBody, object]:
    """A managing body with ``n`` open EHPADs, and its administrator."""
    body = ManagingBodyFactory(name=name, establishment_count=n, **fields)
    EstablishmentFactory.create_batch(n, managing_body=body)
    admin = MembershipFactory(managing_body=body, role=MembershipRole.ADMIN).user
    return body, admin


def submitted(user, body) -> Assessment:
    """A submitted assessment of ``body``, every indicator answered at level 2."""
    assessment = maturity.start_assessment(user, body)
    referential = ReferentialVersion.objects.get(is_current=True)
    for code in Indicator.objects.filter(theme__dimension__referential=referential).values_list(
        "code", flat=True
    ):
        maturity.save_answer(user, assessment, code, 2)
    return maturity.submit_assessment(user, assessment)


def create(client, admin, campaign=2024) -> Grappe:
    client.force_login(admin)
    client.post(
        reverse("grappes:list"),
        {"name": "Grappe de l'Ain", "programme": "generalisation", "campaign": campaign},
    )
    return Grappe.objects.get()


def choose_all(client, grappe, body, solution, situation="no_dui", htmx=False):
    """Include every open ESSMS of ``body`` with one bulk change, as its member does on
    the ESSMS page (a preview only with ``htmx``)."""
    member = grappe.members.get(managing_body=body)
    data = {
        "portee": "filtres",
        "action": "inclure",
        "situation": situation,
        "solution": solution.pk,
        "hebergement": "saas",
    }
    url = reverse("grappes:entries", args=[grappe.uid, member.pk])
    headers = {"HX-Request": "true"} if htmx else {}
    return client.post(url, data, headers=headers, follow=not htmx)


@pytest.fixture
def carrier(db):
    return body_with(10, "Association Porteuse")


@pytest.fixture
def partner(db):
    return body_with(6, "Fondation Partenaire")


@pytest.fixture
def segur_solution(db):
    return checked_segur(Solution.objects.order_by("pk").first())


def extend_rules_to_this_year() -> None:
    """The généralisation rules of the last shipped campaign made open-ended: the shipped
    ones end in 2025, and the partner and suggestion pages read this year's campaign."""
    rules = ProgrammeRule.objects.filter(programme=Programme.GENERALISATION)
    last = rules.aggregate(last=Max("valid_to"))["last"]
    rules.filter(valid_to=last).update(valid_to=None)


@pytest.fixture
def current_rules(db):
    extend_rules_to_this_year()


@pytest.fixture
def size_rules_missing(db):
    """No grappe size rule for the généralisation, whatever the year."""
    ProgrammeRule.objects.filter(
        programme=Programme.GENERALISATION,
        key__in=["grappe.min_essms", "call.national_threshold"],
    ).delete()
