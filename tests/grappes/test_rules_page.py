"""National administrators edit programme rules; past simulations keep theirs (see
test_grappe_flow); everyone else is refused."""

import pytest
from django.urls import reverse

from mutualis.core.models import AuditLog
from mutualis.grappes.models import ProgrammeRule
from tests.factories import UserFactory, national_admin
from tests.pages import words

pytestmark = pytest.mark.django_db


def test_rules_are_listed_with_their_sources_and_edited(client):
    client.force_login(national_admin())
    page = words(client.get(reverse("grappes:rules")))
    assert (
        "Acquisition d'un DUI référencé Ségur (éditeur) fund.new_dui.editor.segur 2022 14500"
        in page
    )
    assert "S03 : CNSA — Obtenir une aide à l'investissement numérique" in page
    rule = ProgrammeRule.objects.get(programme="generalisation", key="grappe.min_essms")
    response = client.post(
        reverse("grappes:edit_rule", args=[rule.pk]),
        {"value": "12", "valid_to": "2025", "source": "S03", "reliability": "verified"},
        follow=True,
    )
    assert "Règle « Taille minimale d'une grappe » enregistrée." in words(response)
    assert ProgrammeRule.objects.get(pk=rule.pk).value == "12"
    assert AuditLog.objects.get(action="programme_rule.update").changes["value"] == ["15", "12"]


def test_only_national_administrators(client):
    client.force_login(UserFactory())
    assert client.get(reverse("grappes:rules")).status_code == 403
