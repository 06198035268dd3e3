"""Regional actors see suggested grappes for their région and propose one to its members."""

import pytest
from django.urls import reverse
from django.utils import timezone

from mutualis.accounts.models import ScopedRole
from mutualis.grappes.models import Grappe, GrappeMember
from tests.factories import UserFactory, regional_actor
from tests.grappes.conftest import body_with
from tests.pages import text, words

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("current_rules")]
URL = reverse("grappes:suggestions")


@pytest.fixture
def open_bodies(db):
    bodies = [body_with(n, f"Organisme {n}")[0] for n in (9, 5, 3, 2)]
    for body in bodies:
        body.open_to_cooperation = True
        body.save()
    return bodies


def test_suggested_grappes_of_the_region(client, open_bodies):
    client.force_login(regional_actor())
    page = words(client.get(URL, {"region": "84"}))  # computed by the (immediate) task
    assert "au moins 15 ESSMS" in page  # the size rule of the campaign, as loaded
    assert "en visant 18" in page  # and the margin above it
    assert "Grappe 1 : 19 ESSMS, 4 organismes marge de sécurité" in page
    assert "Grappes calculées le" in page and "pour 4 organismes ouverts" in page
    assert "100 % des grappes atteignent la taille visée de 18 ESSMS" in page
    fragment = client.get(URL, {"region": "84"}, headers={"HX-Request": "true"})
    assert "Grappe 1 : 19 ESSMS" in words(fragment) and "<h1>" not in text(fragment)


def test_proposing_creates_a_draft_with_every_member_invited(client, open_bodies):
    user = regional_actor()
    client.force_login(user)
    response = client.post(
        reverse("grappes:propose"), {"organismes": [b.pk for b in open_bodies]}, follow=True
    )
    grappe = Grappe.objects.get()
    assert grappe.carrier.name == "Organisme 9" and grappe.status == Grappe.Status.DRAFT
    assert set(grappe.members.values_list("status", flat=True)) == {GrappeMember.Status.INVITED}
    assert "Grappe proposée" in words(response)  # and the regional actor sees it


def test_reserved_to_the_region_s_actors(client, open_bodies):
    client.force_login(regional_actor("11"))
    assert client.get(URL, {"region": "84"}).status_code == 403
    response = client.post(reverse("grappes:propose"), {"organismes": [open_bodies[0].pk]})
    assert response.status_code == 403
    client.force_login(UserFactory())
    assert client.get(URL).status_code == 403


@pytest.mark.usefixtures("size_rules_missing")
def test_missing_rules_are_said_instead_of_guessed(client, open_bodies):
    client.force_login(regional_actor())
    expected = (
        "Les règles du programme « ESMS numérique — généralisation (2022-2025) » ne sont pas "
        f"chargées pour la campagne {timezone.localdate().year} (taille minimale d'une grappe, "
        "seuil de l'appel national). Les grappes suggérées ne peuvent pas être calculées."
    )
    for query, headers in (({"region": "84"}, {}), ({"region": "84"}, {"HX-Request": "true"})):
        page = words(client.get(URL, query, headers=headers))
        assert expected in page
        assert "Grappe 1" not in page and "Calcul des grappes suggérées en cours" not in page
        assert "Recalculer" not in page
    assert "Un administrateur national peut les prolonger" in page


@pytest.mark.usefixtures("size_rules_missing")
def test_national_administrators_are_sent_to_the_rules(client, open_bodies):
    admin = UserFactory()
    ScopedRole.objects.create(user=admin, role=ScopedRole.Role.NATIONAL_ADMIN)
    client.force_login(admin)
    page = text(client.get(URL, {"region": "84", "calcul": "1"}))
    assert f'href="{reverse("grappes:rules")}"' in page
