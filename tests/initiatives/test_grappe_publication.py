"""Grappes of the grappe builder appear as initiatives once selected, and leave if moved back."""

import pytest

from mutualis.grappes.models import Grappe, GrappeMember
from mutualis.initiatives.models import Initiative

pytestmark = pytest.mark.django_db


def test_a_selected_grappe_is_published_with_its_members(bodies):
    grappe = Grappe.objects.create(name="Grappe de l'Ain", campaign=2024, carrier=bodies[0])
    GrappeMember.objects.create(grappe=grappe, managing_body=bodies[0], status="active")
    assert not Initiative.objects.exists()  # a draft is private
    grappe.status = Grappe.Status.SELECTED
    grappe.save()
    initiative = Initiative.objects.get(grappe_uid=grappe.uid)
    assert initiative.moderation == "published" and initiative.type.code == "grappe_esms_numerique"
    assert initiative.region_id == "84"
    GrappeMember.objects.create(grappe=grappe, managing_body=bodies[1], status="active")
    assert initiative.managing_bodies.count() == 2
    grappe.status = Grappe.Status.DRAFT
    grappe.save()
    assert not Initiative.objects.exists()
