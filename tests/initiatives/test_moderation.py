"""Any signed-in user proposes an initiative; a regional actor of its région (or a national
administrator) publishes it, or refuses it with a reason the author sees and corrects."""

import pytest
from django.urls import reverse

from mutualis.core.models import AuditLog
from mutualis.initiatives.models import Initiative, InitiativeType
from tests.factories import UserFactory, national_admin, regional_actor
from tests.pages import text, words

pytestmark = pytest.mark.django_db


def form_data(**overrides) -> dict:
    return {
        "title": "Groupement d'achat de postes",
        "type": InitiativeType.objects.get(code="groupement_achat").pk,
        "summary": "Achat groupé de postes de travail pour trois associations.",
        "region": "84",
        "stage": "ongoing",
        "member_finess": "010000024\n010000032",
        **overrides,
    }


def test_a_proposal_waits_for_its_region(client, bodies):
    author = UserFactory()
    client.force_login(author)
    response = client.post(reverse("initiatives:propose"), form_data(), follow=True)
    assert "elle sera publiée après relecture" in text(response)
    initiative = Initiative.objects.get()
    assert initiative.moderation == "proposed" and initiative.managing_bodies.count() == 2
    client.logout()
    url = reverse("initiatives:detail", args=[initiative.uid])
    assert client.get(url).status_code == 403
    assert initiative.title not in text(client.get(reverse("initiatives:list")))

    client.force_login(regional_actor("11"))  # another région
    response = client.post(
        reverse("initiatives:moderate", args=[initiative.uid]), {"decision": "publish"}
    )
    assert response.status_code == 403
    initiative.refresh_from_db()
    assert initiative.moderation == "proposed"

    moderator = regional_actor("84")
    client.force_login(moderator)
    assert "À modérer (1)" in text(client.get(reverse("initiatives:list")))
    client.post(reverse("initiatives:moderate", args=[initiative.uid]), {"decision": "publish"})
    initiative.refresh_from_db()
    assert initiative.moderation == "published" and initiative.moderated_by == moderator
    client.logout()
    assert "Groupement d'achat de postes" in words(client.get(reverse("initiatives:list")))
    assert AuditLog.objects.filter(action="initiative.moderate").count() == 1


def test_a_refusal_needs_a_reason_and_goes_back_to_moderation_once_corrected(client, bodies):
    author = UserFactory()
    client.force_login(author)
    client.post(reverse("initiatives:propose"), form_data())
    initiative = Initiative.objects.get()
    client.force_login(national_admin())
    no_reason = client.post(
        reverse("initiatives:moderate", args=[initiative.uid]), {"decision": "reject"}, follow=True
    )
    assert "Indiquez le motif du refus" in text(no_reason)
    client.post(
        reverse("initiatives:moderate", args=[initiative.uid]),
        {"decision": "reject", "note": "Précisez les établissements concernés."},
    )
    client.force_login(author)
    page = text(client.get(reverse("initiatives:detail", args=[initiative.uid])))
    assert "Précisez les établissements concernés." in page
    client.post(reverse("initiatives:edit", args=[initiative.uid]), form_data(title="Achat v2"))
    initiative.refresh_from_db()
    assert initiative.moderation == "proposed" and initiative.title == "Achat v2"


def test_published_initiatives_are_no_longer_edited_by_their_author(client, bodies):
    author = UserFactory()
    client.force_login(author)
    client.post(reverse("initiatives:propose"), form_data())
    initiative = Initiative.objects.get()
    initiative.moderation = "published"
    initiative.save()
    assert client.get(reverse("initiatives:edit", args=[initiative.uid])).status_code == 403


def test_members_are_checked_line_by_line(client, bodies):
    client.force_login(UserFactory())
    response = client.post(
        reverse("initiatives:propose"),
        form_data(
            member_finess="010000024\nABC\n999999999",
            ended_on="2020-01-01",
            started_on="2021-01-01",
        ),
    )
    page = text(response)
    assert "Ligne 2 : Aucun organisme gestionnaire ne correspond à « ABC »" in page
    assert "Ligne 3 : Aucun organisme gestionnaire avec le n° FINESS juridique 999999999." in page
    assert "La fin ne peut pas précéder le début." in page
    assert not Initiative.objects.exists()


def test_anonymous_users_are_asked_to_sign_in_to_propose(client):
    response = client.get(reverse("initiatives:propose"))
    assert response.status_code == 302 and "connexion" in response["Location"]
