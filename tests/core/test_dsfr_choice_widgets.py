"""Radio buttons and checkboxes render as DSFR groups (Django's own option templates would
otherwise win over django-dsfr's)."""

import pytest
from django.urls import reverse

from mutualis.core.forms import ModerationForm
from mutualis.library.demo import seed_demo_library
from tests.factories import UserFactory


@pytest.mark.django_db
def test_the_initiative_domains_are_dsfr_checkboxes(client):
    client.force_login(UserFactory())
    page = client.get(reverse("initiatives:propose")).content.decode()
    assert page.count('<div class="fr-checkbox-group">') >= 5  # one per SI domain


@pytest.mark.django_db
def test_the_library_facets_are_small_dsfr_checkboxes(client):
    seed_demo_library()
    page = client.get(reverse("library:home")).content.decode()
    assert 'class="fr-checkbox-group fr-checkbox-group--sm"' in page


def test_the_moderation_decision_is_a_dsfr_radio_group():
    assert str(ModerationForm()["decision"]).count('<div class="fr-radio-group">') == 2


@pytest.mark.parametrize(
    ("data", "valid"),
    [
        ({"decision": "publish"}, True),
        ({"decision": "reject", "note": "Précisez le périmètre."}, True),
        ({"decision": "reject", "note": "  "}, False),
        ({}, False),
    ],
)
def test_a_refusal_needs_a_reason(data, valid):
    assert ModerationForm(data).is_valid() is valid
