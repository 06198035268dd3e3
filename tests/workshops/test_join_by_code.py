"""Participants join on their phone with the short code or the QR code, without an account."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from mutualis.workshops import codes
from mutualis.workshops.models import Participant
from tests.pages import text
from tests.workshops.conftest import new_workshop

pytestmark = pytest.mark.django_db


def test_codes_are_six_unambiguous_characters():
    for _ in range(200):
        code = codes.new_code()
        assert codes.is_valid(code)
        assert not set(code) & set("0O1IL2Z5S8B6GQ")
    assert codes.normalize(" acd-345 ") == "ACD345"


def test_each_session_has_its_own_code(facilitator):
    found = {new_workshop(facilitator, opened=False).code for _ in range(20)}
    assert len(found) == 20


def test_join_with_the_code_typed_in_lower_case(client, workshop):
    response = client.post(reverse("workshops:join"), {"code": f" {workshop.code.lower()} "})
    assert response.url == reverse("workshops:join_code", args=[workshop.code])
    response = client.post(response.url, {"display_name": "Alice"})
    assert response.url == reverse("workshops:participate", args=[workshop.code])
    participant = Participant.objects.get()
    assert participant.display_name == "Alice"
    assert participant.ballots.get().workshop == workshop
    page = text(client.get(response.url))
    assert "vous participez en tant que Alice" in page
    # Joining again from the same phone keeps the same participant.
    client.post(reverse("workshops:join"), {"code": workshop.code}, follow=True)
    client.post(reverse("workshops:join_code", args=[workshop.code]), {"display_name": "Bis"})
    assert Participant.objects.count() == 1


def test_an_unknown_or_malformed_code_is_explained(client, workshop):
    wrong = "AAAAAA" if workshop.code != "AAAAAA" else "CCCCCC"
    page = text(client.post(reverse("workshops:join"), {"code": wrong}))
    assert "Aucune session ne porte ce code" in page
    page = text(client.post(reverse("workshops:join"), {"code": "12"}))
    assert "Ce code n'a pas le bon format" in page
    assert client.get(reverse("workshops:participate", args=[wrong])).status_code == 404


def test_the_qr_code_leads_to_the_join_page(client, facilitator, workshop):
    client.force_login(facilitator)
    response = client.get(reverse("workshops:qr", args=[workshop.uid]))
    assert response["Content-Type"] == "image/svg+xml"
    svg = response.content.decode()
    assert svg.startswith("<svg") and f"Rejoindre la session {workshop.code}" in svg
    session_page = text(client.get(reverse("workshops:session", args=[workshop.uid])))
    join_url = f"http://testserver/ateliers/rejoindre/{workshop.code}/"
    assert join_url in session_page
    anonymous = client.__class__()
    page = text(anonymous.get(join_url))
    assert f"Vous rejoignez la session <strong>{workshop.code}</strong>" in page
    assert re.search(r"Votre prénom ou un pseudonyme", page)


def test_without_joining_the_ballot_is_out_of_reach(client, workshop):
    participate = reverse("workshops:participate", args=[workshop.code])
    assert client.get(participate).url == reverse("workshops:join_code", args=[workshop.code])
    ballot = reverse("workshops:ballot", args=[workshop.code])
    assert client.post(ballot, {"rang-3": "A"}).status_code == 403
    assert client.post(reverse("workshops:post_card", args=[workshop.code])).status_code == 403


def test_guessing_codes_is_cut_off_after_the_allowed_wrong_attempts(client, workshop, settings):
    settings.MUTUALIS = {**settings.MUTUALIS, "WORKSHOP_CODE_ATTEMPTS": 3}
    wrong = "AAAAAA" if workshop.code != "AAAAAA" else "CCCCCC"
    client.post(reverse("workshops:join"), {"code": wrong})
    assert client.get(reverse("workshops:participate", args=[wrong])).status_code == 404
    assert client.get(reverse("workshops:join_code", args=[wrong])).status_code == 404
    blocked = client.post(reverse("workshops:join"), {"code": workshop.code})
    assert blocked.status_code == 429
    assert "Trop de codes de session erronés" in text(blocked)
    assert client.get(reverse("workshops:join_code", args=[workshop.code])).status_code == 429
    elsewhere = Client(REMOTE_ADDR="10.0.0.2")
    assert elsewhere.post(reverse("workshops:join"), {"code": workshop.code}).status_code == 302


def test_participants_already_in_a_session_keep_voting_from_a_blocked_address(
    client, workshop, settings
):
    settings.MUTUALIS = {**settings.MUTUALIS, "WORKSHOP_CODE_ATTEMPTS": 2}
    client.post(reverse("workshops:join_code", args=[workshop.code]), {"display_name": "Alex"})
    wrong = "AAAAAA" if workshop.code != "AAAAAA" else "CCCCCC"
    neighbour = Client()  # same venue, same address
    for _ in range(2):
        neighbour.post(reverse("workshops:join"), {"code": wrong})
    assert neighbour.get(reverse("workshops:join_code", args=[workshop.code])).status_code == 429
    assert client.get(reverse("workshops:participate", args=[workshop.code])).status_code == 200
