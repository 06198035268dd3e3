"""Initiative members given by name, commune or FINESS number, one per line; the edit form
shows each member as "number — name"."""

import pytest
from django.urls import reverse

from mutualis.initiatives.models import Initiative, InitiativeType
from tests.factories import UserFactory
from tests.pages import text

pytestmark = pytest.mark.django_db


def data(members: str) -> dict:
    return {
        "title": "Groupement d'achat de postes",
        "type": InitiativeType.objects.get(code="groupement_achat").pk,
        "summary": "Achat groupé de postes de travail.",
        "region": "84",
        "stage": "ongoing",
        "member_finess": members,
    }


def test_members_by_name_and_number_then_shown_with_their_names(client, bodies):
    author = UserFactory()
    client.force_login(author)
    client.post(reverse("initiatives:propose"), data("fondation beta\n010 000 024"))
    initiative = Initiative.objects.get()
    assert sorted(initiative.managing_bodies.values_list("finess", flat=True)) == [
        "010000024",
        "010000032",
    ]
    page = text(client.get(reverse("initiatives:edit", args=[initiative.uid])))
    assert "010000024 — Association Alpha\n010000032 — Fondation Beta" in page
    assert 'role="combobox"' in page and 'data-chooser-append-to="id_member_finess"' in page


def test_the_lines_shown_on_edit_are_accepted_back(client, bodies):
    client.force_login(UserFactory())
    members = "010000024 — Association Alpha\n010000032 — Fondation Beta"
    response = client.post(reverse("initiatives:propose"), data(members))
    assert response.status_code == 302
    assert Initiative.objects.get().managing_bodies.count() == 2
