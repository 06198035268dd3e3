"""Members answer the cooperation self-evaluation separately; the grappe sees the synthesis."""

import re

import pytest
from django.urls import reverse

from mutualis.agreements import referential
from mutualis.agreements.models import CooperationAnswer, CooperationRound
from mutualis.core.models import AuditLog
from tests.factories import UserFactory
from tests.pages import text, words

pytestmark = pytest.mark.django_db


def checked(page: str, input_id: str) -> bool:
    tag = re.search(rf'<input[^>]*id="{input_id}"[^>]*>', page).group(0)
    return "checked" in tag


def post_answers(client, user, grappe, value, **overrides):
    client.force_login(user)
    data = {f"q-{q.code}": str(value) for q in referential.questions()}
    data |= {f"q-{code}": str(v) for code, v in overrides.items()}
    return client.post(reverse("agreements:evaluation", args=[grappe.uid]), data, follow=True)


def test_a_member_answers_and_finds_its_answers_again(client, grappe, carrier):
    response = post_answers(client, carrier[1], grappe, 3, FIN1="")
    assert "Vos réponses sont enregistrées." in text(response)
    assert CooperationAnswer.objects.count() == len(referential.questions()) - 1
    assert checked(text(response), "q-FIN2-3") and checked(text(response), "q-FIN1-vide")
    page = text(client.get(reverse("agreements:evaluation", args=[grappe.uid])))
    assert "La synthèse apparaîtra quand au moins 2 membres auront répondu" in page
    assert AuditLog.objects.filter(action="cooperation.answer").count() == 1


def test_answers_stay_with_their_managing_body(client, grappe, carrier, partner):
    post_answers(client, carrier[1], grappe, 1)
    client.force_login(partner[1])
    page = text(client.get(reverse("agreements:evaluation", args=[grappe.uid])))
    assert not checked(page, "q-FIN1-1") and checked(page, "q-FIN1-vide")
    assert "Les réponses de Fondation du Puy" in page


def test_the_synthesis_shows_from_two_members(client, grappe, carrier, partner):
    post_answers(client, carrier[1], grappe, 4, EQU2=1)
    response = post_answers(client, partner[1], grappe, 2, EQU2=2)
    page = words(response)
    assert "Moyenne par axe (1 à 4) et écart entre membres" in page
    assert "1. Finalité commune 3 2 – 4 2. Mêmes droits pour tous 2,5 2" in page
    assert "{#" not in page and "{%" not in page  # no template syntax left in the page
    assert "Où les membres ne sont pas d'accord" in page
    assert "crainte d'être absorbé" in page
    assert "Montrez l'autonomie de chaque membre" in page


def test_the_carrier_opens_a_new_round_to_measure_progress(client, grappe, carrier, partner):
    post_answers(client, carrier[1], grappe, 2)
    post_answers(client, partner[1], grappe, 2)
    client.force_login(carrier[1])
    client.post(reverse("agreements:new_round", args=[grappe.uid]))
    assert CooperationRound.objects.get(number=1).closed_at is not None
    post_answers(client, carrier[1], grappe, 4)
    page = words(post_answers(client, partner[1], grappe, 4))
    assert "Tour 2" in page and "Tour précédent" in page and "Moyenne générale par tour" in page


def test_only_the_carrier_opens_rounds_and_only_members_answer(client, grappe, partner):
    client.force_login(partner[1])
    assert client.post(reverse("agreements:new_round", args=[grappe.uid])).status_code == 403
    outsider = UserFactory()
    client.force_login(outsider)
    assert client.get(reverse("agreements:evaluation", args=[grappe.uid])).status_code == 403


def test_a_tampered_answer_is_refused_in_french(client, grappe, carrier):
    response = post_answers(client, carrier[1], grappe, 3, FIN1="9")
    assert "Réponse non valable à la question FIN1." in text(response)
    assert not CooperationAnswer.objects.exists()
