"""The board of cards: participants post free-text cards on the seed's questions, the
facilitator groups them under labels (htmx swaps the whole board)."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from mutualis.core.models import AuditLog
from mutualis.workshops import selectors, services
from mutualis.workshops.models import Card
from tests.pages import text, words

pytestmark = pytest.mark.django_db
HTMX = {"HTTP_HX_REQUEST": "true"}


def test_participants_post_cards_from_their_phone(client, workshop):
    client.post(reverse("workshops:join_code", args=[workshop.code]), {})
    url = reverse("workshops:post_card", args=[workshop.code])
    data = {"question": "fails", "text": "La crainte d'être absorbé par le plus gros."}
    fragment = text(client.post(url, data, **HTMX))
    assert "Carte ajoutée." in fragment
    assert "La crainte d'être absorbé" in fragment
    empty = text(client.post(url, {"question": "works"}, **HTMX))
    assert "Carte ajoutée." not in empty and "Ce champ est obligatoire" in empty
    card = Card.objects.get()
    assert card.question == "fails" and card.participant.workshop == workshop


def test_the_facilitator_groups_cards(client, facilitator, workshop):
    alice = services.join(workshop)
    first = services.post_card(alice, "fails", "Crainte d'être absorbé")
    second = services.post_card(alice, "fails", "Individualisation persistante")
    services.post_card(alice, "works", "Mutualisation adaptative")
    client.force_login(facilitator)
    url = reverse("workshops:group_card", args=[workshop.uid, first.uid])
    fragment = client.post(url, {"group": "  Confiance  "}, **HTMX)
    assert 'id="tableau-cartes"' in text(fragment)
    assert '<option value="Confiance"></option>' in text(fragment)
    client.post(
        reverse("workshops:group_card", args=[workshop.uid, second.uid]), {"group": "Confiance"}
    )
    board = selectors.card_board(workshop)
    fails = next(column for column in board if column.question == "fails")
    assert [(group.label, len(group.cards)) for group in fails.groups] == [("Confiance", 2)]
    works = next(column for column in board if column.question == "works")
    assert [(group.label, len(group.cards)) for group in works.groups] == [("", 1)]
    page = words(client.get(reverse("workshops:cards", args=[workshop.uid])))
    assert "Qu'est-ce qui ne fonctionne pas ? (2) Confiance" in page
    assert "Cartes non regroupées" in page
    assert AuditLog.objects.filter(action="workshop.card_group").count() == 2


def test_no_new_cards_once_closed_and_no_grouping_once_archived(facilitator, workshop):
    alice = services.join(workshop)
    card = services.post_card(alice, "levers", "Identifier un porteur formé au leadership")
    services.close_vote(facilitator, workshop)
    with pytest.raises(ValidationError, match="on ne peut plus ajouter"):
        services.post_card(alice, "levers", "Trop tard")
    services.group_card(facilitator, card, "Gouvernance")  # the synthesis goes on
    services.archive(facilitator, workshop)
    with pytest.raises(ValidationError, match="archivée"):
        services.group_card(facilitator, card, "Autre")
