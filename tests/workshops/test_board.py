"""The live results board: large text, polled by htmx while the vote runs, 204 when nothing
changed, a stable live region for the summary, polling stopped once the results are frozen."""

import re

import pytest
from django.urls import reverse

from mutualis.workshops import services
from tests.pages import text, words
from tests.workshops.conftest import ranked

pytestmark = pytest.mark.django_db
HTMX = {"HTTP_HX_REQUEST": "true"}


def version(html: str) -> str:
    return re.search(r"version=([0-9a-f]+)", html)[1]


def test_the_board_updates_with_each_vote_and_ranks_ties(client, facilitator, workshop):
    client.force_login(facilitator)
    url = reverse("workshops:board", args=[workshop.uid])
    page = text(client.get(url))
    assert 'aria-live="polite"' in page and 'hx-trigger="every 2s"' in page
    assert workshop.code in page
    assert "0 bulletins, 0 participants." in " ".join(page.split())
    first = version(page)
    assert client.get(f"{url}?version={first}", **HTMX).status_code == 204

    services.vote(services.join(workshop), ranked("C", "E", "A"))
    services.vote(services.join(workshop), ranked("E", "C", "D"))
    fragment = client.get(f"{url}?version={first}", **HTMX)
    assert fragment.status_code == 200
    html = text(fragment)
    assert version(html) != first
    assert 'hx-swap-oob="innerHTML"' in html
    summary = words(fragment)
    assert "2 bulletins, 2 participants. En tête : C, E (5 gommettes), ex æquo." in summary
    assert "1 (ex æquo) C." in summary and "1 (ex æquo) E." in summary
    assert "3 (ex æquo) A." in summary


def test_the_board_keeps_following_a_closed_round_and_stops_once_archived(
    client, facilitator, workshop
):
    services.vote(services.join(workshop), ranked("D", "E", "C"))
    client.force_login(facilitator)
    url = reverse("workshops:board", args=[workshop.uid])
    before = version(text(client.get(url)))
    services.close_vote(facilitator, workshop)
    fragment = text(client.get(f"{url}?version={before}", **HTMX))
    assert "Vote clos : résultats figés." in fragment
    # A closed round may be followed by another one: the board keeps asking (204s).
    closed = version(fragment)
    assert closed != before
    assert client.get(f"{url}?version={closed}", **HTMX).status_code == 204
    page = text(client.get(url))
    assert "Rejoignez la session" not in page
    services.archive(facilitator, workshop)
    page = text(client.get(url))
    assert "hx-trigger" not in page and "Rejoignez la session" not in page


def test_the_projection_is_full_screen_with_the_code_and_the_live_board(
    client, facilitator, workshop
):
    client.force_login(facilitator)
    session = text(client.get(reverse("workshops:session", args=[workshop.uid])))
    url = reverse("workshops:projection", args=[workshop.uid])
    assert f'href="{url}"' in session
    page = text(client.get(url))
    assert "fr-header" not in page and "fr-footer" not in page  # no site header or footer
    assert "<h1>Atelier de l'Ain</h1>" in page
    assert "mutualis-projection__code" in page and workshop.code in page
    assert reverse("workshops:qr", args=[workshop.uid]) in page
    assert 'aria-live="polite"' in page and 'hx-trigger="every 2s"' in page
    first = version(page)
    services.vote(services.join(workshop), ranked("C", "E", "A"))
    fragment = client.get(f"{url}?version={first}", **HTMX)
    assert fragment.status_code == 200
    assert "1 bulletin, 1 participant." in words(fragment)
