import io

import pytest
from django.core.management import call_command

from mutualis.sharing.models import Skill, Vehicle

pytestmark = pytest.mark.django_db


def test_shipped_vehicles_and_skills_are_loaded_with_their_legal_basis():
    assert set(Vehicle.objects.values_list("code", flat=True)) == {
        "pret-non-lucratif",
        "gcsms",
        "groupement-employeurs",
        "prestation",
    }
    lending = Vehicle.objects.get(code="pret-non-lucratif")
    assert "L.8241-1" in lending.legal_basis
    assert "L.312-7" in Vehicle.objects.get(code="gcsms").legal_basis
    assert Skill.objects.get(code="dpo").kind == Skill.Kind.ROLE
    assert Skill.objects.get(code="serveur").kind == Skill.Kind.EQUIPMENT
    assert Skill.objects.get(code="achats").kind == Skill.Kind.SERVICE


def test_loading_again_creates_nothing_and_keeps_admin_edits():
    Skill.objects.filter(code="dpo").update(label="DPO mutualisé")
    call_command("load_sharing_referentials", stdout=io.StringIO())
    assert Skill.objects.get(code="dpo").label == "DPO mutualisé"
    assert Skill.objects.count() == 12
