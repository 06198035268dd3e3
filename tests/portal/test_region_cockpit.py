"""A regional actor's space is the cockpit of its région: assessments, grappes by status,
late projects, running surveys and workshops, moderation waiting; each linked, named, never
coded, and closed to the actors of another région."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from mutualis.grappes.models import Grappe
from mutualis.initiatives.models import Initiative
from mutualis.library import services as library_services
from mutualis.maturity import services as maturity
from mutualis.portal.cockpit import cockpit
from mutualis.projects import services as projects
from tests.agreements.conftest import build_grappe
from tests.factories import EstablishmentFactory, UserFactory, national_admin, regional_actor
from tests.grappes.conftest import body_with, submitted
from tests.initiatives.conftest import initiative
from tests.library.conftest import write_report
from tests.pages import text, words
from tests.workshops.conftest import new_workshop, open_survey

pytestmark = pytest.mark.django_db
URL = reverse("accounts:dashboard")
TODAY = datetime.date.today()


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def late_project(bodies, name: str):
    grappe = build_grappe(bodies)
    grappe.name = name
    grappe.save()
    project = projects.open_project(bodies[0][1], grappe)
    project.milestones.update(planned_date=TODAY - datetime.timedelta(days=3))
    return project


@pytest.fixture
def region(db):
    """In Auvergne-Rhône-Alpes: two submitted assessments (one shared), a selected grappe with
    a late project, a regional survey, a proposed initiative and report. In Île-de-France: a
    survey, an initiative. A national survey."""
    alpha, beta = body_with(3, "Association Alpha"), body_with(2, "Fondation Beta")
    shared = submitted(alpha[1], alpha[0])
    maturity.share_with_region(alpha[1], shared, True)
    submitted(beta[1], beta[0])
    late_project([alpha, beta], "Grappe des Volcans")
    open_survey(title="Recensement de la région")
    open_survey(region="11", title="Recensement francilien")
    open_survey(scope="national", title="Recensement national")
    initiative(moderation=Initiative.Moderation.PROPOSED)
    initiative(moderation=Initiative.Moderation.PROPOSED, region_id="11", title="Francilienne")
    library_services.propose_report(alpha[1], write_report(alpha[1]))
    return alpha, beta


def test_the_regional_actor_finds_its_region_in_its_space(client, region):
    actor = regional_actor("84")
    new_workshop(actor)
    client.force_login(actor)
    response = client.get(URL)
    page = words(response)
    assert "Tableau de bord : Auvergne-Rhône-Alpes" in page
    assert "Acteur régional : Auvergne-Rhône-Alpes" in page
    assert " 84" not in page.replace("2084", "")  # named, never coded
    campaign = TODAY.year
    assert f"Autodiagnostics de la campagne {campaign}" in page
    assert "Autodiagnostics partagés avec la région : 1" in page
    assert "Autodiagnostics soumis : 2" in page
    assert "ESSMS sans autodiagnostic : 0" in page
    assert "Grappes par état (1) Retenue : 1" in page
    project = Grappe.objects.get(name="Grappe des Volcans").project
    late = project.milestones.count()  # all moved 3 days back
    assert f"Projets en retard (1) Grappe des Volcans : {late} jalons en retard" in page
    assert "Recensements des besoins ouverts : 2" in page  # the région's and the national one
    assert "Ateliers au vote ouvert que vous animez : 1" in page
    assert "Initiatives proposées à relire : 1" in page
    assert "Retours d'expérience proposés à relire : 1" in page
    html = text(response)
    for link in (
        f"{reverse('observatory:follow_up_shared')}?campagne={campaign}",
        f"{reverse('grappes:instruction')}?etat=selected",
        reverse("initiatives:moderation"),
        reverse("library:moderation"),
        reverse("workshops:surveys"),
        reverse("workshops:sessions"),
    ):
        assert f'href="{link}"' in html, link
    assert f'href="{reverse("projects:milestones", args=[project.uid])}"' in html
    assert (
        client.get(f"{reverse('observatory:follow_up_shared')}?campagne={campaign}").status_code
        == 200
    )


def test_the_actor_of_another_region_sees_nothing_of_this_one(client, region):
    client.force_login(regional_actor("11"))
    page = words(client.get(URL))
    assert "Tableau de bord : Île-de-France" in page
    assert "Autodiagnostics partagés avec la région : 0" in page
    assert "Autodiagnostics soumis : 0" in page
    assert "Grappes par état (0) Aucune grappe" in page
    assert "Grappe des Volcans" not in page
    assert "Recensements des besoins ouverts : 2" in page  # its own and the national one
    assert "Initiatives proposées à relire : 1" in page
    assert "Retours d'expérience proposés à relire : 0" in page


def test_a_national_administrator_sees_the_nation_or_picks_a_region(client, region):
    client.force_login(national_admin())
    page = words(client.get(URL))
    assert "Tableau de bord : France entière" in page
    assert "Recensements des besoins ouverts : 3" in page
    assert "Initiatives proposées à relire : 2" in page
    assert "Grappes par état (1)" in page
    picked = words(client.get(URL, {"region": "11"}))
    assert "Tableau de bord : Île-de-France" in picked
    assert "Initiatives proposées à relire : 1" in picked and "Grappe des Volcans" not in picked
    wrong = words(client.get(URL, {"region": "<script>"}))
    assert "Choisissez une région de la liste." in wrong and "France entière" in wrong


def test_no_cockpit_without_a_regional_role(client, region):
    alpha, _ = region
    client.force_login(alpha[1])
    assert "Tableau de bord" not in words(client.get(URL))
    client.force_login(UserFactory())
    assert "Tableau de bord" not in words(client.get(URL))


def test_the_cockpit_costs_the_same_queries_for_one_or_many_items(region):
    actor = regional_actor("84")

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            cockpit(actor, frozenset({"84"}), False, TODAY)
        return len(captured)

    queries()  # the actor's roles, read once per request
    before = queries()
    for index in range(6):
        bodies = [body_with(2, f"Association {index}-{n}") for n in range(2)]
        late_project(bodies, f"Grappe {index}")
        EstablishmentFactory()
        new_workshop(actor)
    assert queries() == before <= 15
