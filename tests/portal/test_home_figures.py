"""The home page's figures and the observatory's share one definition each."""

import pytest
from django.urls import reverse

from mutualis.observatory import selectors
from mutualis.portal.selectors import key_figures
from tests.factories import EstablishmentFactory
from tests.observatory import conftest as observatory
from tests.observatory.conftest import assess
from tests.pages import words

pytestmark = pytest.mark.django_db
auvergne = observatory.auvergne  # six assessed EHPADs of Ain, one ESSMS in Paris


def test_assessed_essms_are_counted_as_the_observatory_does(client, auvergne):
    places, paris = auvergne
    newcomer = EstablishmentFactory(managing_body=places[0].managing_body)  # its body's
    assess(body=newcomer.managing_body, score=3.0)
    assess(paris, score=2.0, campaign=2025)  # an older campaign: not counted
    EstablishmentFactory(managing_body=places[0].managing_body, is_closed=True)
    figures = key_figures()
    selectors.refresh()
    national = selectors.dashboard(selectors.Scope(), 2026).summary
    assert figures.campaign == 2026
    assert figures.assessments == national.assessed == 7
    assert figures.establishments == national.essms
    assert "7 ESSMS autodiagnostiqués (campagne 2026)" in words(client.get("/"))
    page = words(client.get(reverse("observatory:dashboard"), {"campagne": 2026}))
    assert "La page d'accueil affiche ce même chiffre" in page
