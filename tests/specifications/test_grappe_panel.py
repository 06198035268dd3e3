"""The grappe page links to its common specifications for who may see them."""

import pytest
from django.urls import reverse

from mutualis.grappes.panels import panels_for
from tests.factories import regional_actor
from tests.specifications.factories import body_with_admin, group, specification

TITLE = "Cahier des charges commun et achat groupé"


def _panel(user, grappe):
    return next((p for p in panels_for(user, grappe) if p.title == TITLE), None)


@pytest.mark.django_db
def test_the_panel_counts_the_specifications_and_invites_the_carrier():
    g = group()
    panel = _panel(g.carrier_admin, g.grappe)
    assert panel.url == reverse("specifications:grappe", args=[g.grappe.uid])
    assert "lancez" in panel.text
    assert _panel(g.admins[1], g.grappe).text == "Aucun pour l'instant."
    specification(g)
    assert _panel(g.admins[2], g.grappe).text == "1 cahier des charges commun"
    assert _panel(regional_actor("84"), g.grappe) is not None
    _, outsider = body_with_admin("Autre", region="11", departement="75")
    assert _panel(outsider, g.grappe) is None
