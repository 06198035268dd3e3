"""Answers stay private to the managing body unless shared with its region; peers need 5."""

import pytest
from django.urls import reverse

from mutualis.accounts.models import ScopedRole
from mutualis.maturity import services
from mutualis.maturity.models import Assessment, ReferentialVersion
from tests.factories import EstablishmentFactory, MembershipFactory, UserFactory
from tests.pages import text, words

pytestmark = pytest.mark.django_db


def submitted(level: int, **establishment) -> Assessment:
    place = EstablishmentFactory(**establishment)
    user = MembershipFactory(managing_body=place.managing_body).user
    assessment = services.start_assessment(user, place.managing_body, place)
    for code in ReferentialVersion.objects.get(is_current=True).dimensions.values_list(
        "themes__indicators__code", flat=True
    ):
        services.save_answer(user, assessment, code, level)
    return services.submit_assessment(user, assessment)


def regional_user(region="84"):
    user = UserFactory()
    ScopedRole.objects.create(user=user, role=ScopedRole.Role.REGIONAL).regions.set([region])
    return user


def test_answers_are_private_to_the_managing_body(client):
    assessment = submitted(2)
    result = reverse("maturity:result", args=[assessment.uid])
    assert client.get(result)["Location"].startswith(reverse("accounts:login"))
    for outsider in (UserFactory(), regional_user()):
        client.force_login(outsider)
        assert client.get(result).status_code == 403
        assert client.get(reverse("maturity:fill", args=[assessment.uid])).status_code == 403


def test_sharing_with_the_region_opens_the_result_to_its_regional_actors(client):
    assessment = submitted(2)
    member = assessment.managing_body.memberships.get().user
    client.force_login(member)
    response = client.post(
        reverse("maturity:share", args=[assessment.uid]), {"partage": "oui"}, follow=True
    )
    assert "Réponses partagées avec l'autorité régionale." in text(response)

    client.force_login(regional_user("84"))
    page = client.get(reverse("maturity:result", args=[assessment.uid]))
    assert page.status_code == 200
    assert "Rouvrir pour corriger" not in text(page)  # read only
    client.force_login(regional_user("11"))
    assert client.get(reverse("maturity:result", args=[assessment.uid])).status_code == 403


def test_peer_quartiles_appear_from_five_peers_of_the_same_campaign(client):
    for level in (0, 1, 2, 3):
        submitted(level)
    mine = submitted(4)
    client.force_login(mine.managing_body.memberships.get().user)
    page = text(client.get(reverse("maturity:result", args=[mine.uid])))
    assert "Pas assez de pairs (moins de 5)" in page  # four peers only

    submitted(2)
    page = words(client.get(reverse("maturity:result", args=[mine.uid])))
    assert "Même région (Auvergne-Rhône-Alpes) 5 1,0 2,0 2,0" in page
