import pytest
from django.db.models import Max
from django.urls import reverse

from mutualis.accounts.models import MembershipRole
from mutualis.directory.models import Establishment, ManagingBody, Solution
from mutualis.directory.search_names import establishment_search_name
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


def large_body(n: int, name: str) -> tuple[ManagingBody, object]:
    """A managing body with ``n`` open ESSMS written in one query, every third one in the
    Rhône (Lyon), the others in the Ain; odd ones are EHPADs (500), even ones SESSADs (182)."""
    body = ManagingBodyFactory(name=name, establishment_count=n)
    rows = []
    for i in range(n):
        lyon = i % 3 == 0
        city = "LYON" if lyon else "BOURG EN BRESSE"
        label = "EHPAD" if i % 2 else "SESSAD"
        rows.append(
            Establishment(
                finess=f"01{8_000_000 + i:07d}",
                managing_body=body,
                name=f"{label} {name} {i:03d}",
                search_name=establishment_search_name(f"{label} {name} {i:03d}", "", city),
                category_id="500" if i % 2 else "182",
                departement_id="69" if lyon else "01",
                region_id="84",
                commune_id="69123" if lyon else "01053",
                postal_code="69003" if lyon else "01000",
                city=city,
            )
        )
    Establishment.objects.bulk_create(rows, batch_size=1000)
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
