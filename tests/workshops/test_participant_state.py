"""A participant's page follows the session's state without reload: htmx polls a small
fragment keyed on the state and round it shows; the badge and the ballot block change."""

import re

import pytest
from django.urls import reverse

from mutualis.workshops import services
from tests.pages import text
from tests.workshops.conftest import new_workshop, ranked

pytestmark = pytest.mark.django_db
HTMX = {"HTTP_HX_REQUEST": "true"}


def joined(client, workshop, name="Alice"):
    client.post(reverse("workshops:join_code", args=[workshop.code]), {"display_name": name})
    return text(client.get(reverse("workshops:participate", args=[workshop.code])))


def poll(page: str) -> str:
    return re.search(r'hx-get="([^"]+/etat/\?phase=[^"]+)"', page)[1]


def badge(page: str) -> str:
    return re.search(r'<span id="etat-badge"[^>]*>([^<]+)</span>', page)[1]


def test_the_badge_and_the_ballot_follow_the_opening_and_the_closing(client, facilitator):
    workshop = new_workshop(facilitator, opened=False)
    page = joined(client, workshop)
    assert badge(page) == "En préparation"
    assert "Le vote n'est pas encore ouvert" in page
    url = poll(page)
    assert client.get(url, **HTMX).status_code == 204  # nothing changed

    other = services.join(workshop)  # another participant: not the page's business
    assert client.get(url, **HTMX).status_code == 204

    services.open_vote(facilitator, workshop)
    fragment = text(client.get(url, **HTMX))
    assert badge(fragment) == "Vote ouvert"
    assert "Le plus prioritaire (3 gommettes)" in fragment  # the ballot form
    assert 'hx-swap-oob="innerHTML"' in fragment and "Le vote est ouvert" in fragment
    url = poll(fragment)
    services.vote(other, ranked("A", "B", "C"))  # a half-filled ballot is not re-rendered
    assert client.get(url, **HTMX).status_code == 204

    services.close_vote(facilitator, workshop)
    fragment = text(client.get(url, **HTMX))
    assert badge(fragment) == "Vote clos"
    assert "Résultats du vote, figés à la clôture" in fragment
    url = poll(fragment)
    services.start_round(facilitator, workshop)
    fragment = text(client.get(url, **HTMX))
    assert badge(fragment) == "Vote ouvert" and "tour 2" in fragment
    services.close_vote(facilitator, workshop)
    services.archive(facilitator, workshop)
    fragment = text(client.get(poll(fragment), **HTMX))
    assert badge(fragment) == "Archivée" and "hx-trigger" not in fragment


def test_the_state_fragment_is_for_participants_only(client, facilitator, workshop):
    url = reverse("workshops:state", args=[workshop.code])
    assert client.get(f"{url}?phase=x", **HTMX).status_code == 403
    joined(client, workshop)
    for phase in ("²", "٣", "open-1" * 200, ""):
        assert client.get(url, {"phase": phase}, **HTMX).status_code in (200, 204)
    assert client.post(url).status_code == 405
