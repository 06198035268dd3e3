"""Demonstration data: cooperation rounds with progress and a signed agreement per grappe."""

import pytest
from django.urls import reverse

from mutualis.agreements import selectors
from mutualis.agreements.demo import seed_demo_agreements
from mutualis.grappes.models import Grappe
from tests.agreements.documents_read import pdf_text

pytestmark = pytest.mark.django_db


def test_selected_grappes_get_rounds_and_a_signed_agreement(grappe):
    assert seed_demo_agreements() == 1
    grappe.refresh_from_db()
    assert grappe.status == Grappe.Status.AGREEMENT_SIGNED
    assert grappe.agreement.status == "signed"
    assert grappe.agreement.versions.get().signatures.count() == 2
    latest = selectors.summary(selectors.current_round(grappe))
    assert latest.shown
    progress = next(axis for axis in latest.axes if axis.code == "capacites")
    assert progress.mean > progress.previous
    assert seed_demo_agreements() == 0
    version = grappe.agreement.versions.get()
    assert all(s.signed_on > version.created_at.date() for s in version.signatures.all())
    # A coherent signed text: no draft banner, parties represented by whoever signed.
    assert not version.draft and version.signed_at is not None
    signed = pdf_text(version.signed_pdf)
    assert "signée par tous les membres" in signed and "Projet — version" not in signed
    assert "représentant : Signataire de démonstration, Direction" in signed
    assert signed.count("Signataire de démonstration, Direction") == 4  # parties + signatures


def test_the_demo_agreement_page_shows(client, grappe, carrier):
    seed_demo_agreements()
    client.force_login(carrier[1])
    page = client.get(reverse("agreements:agreement", args=[grappe.uid]))
    assert "Version signée (démonstration)" in page.content.decode()
