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
    assert 'aria-live="polite"' in page and 'hx-trigger="every 3s"' in page
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


def test_the_board_stops_polling_once_the_vote_is_closed(client, facilitator, workshop):
    services.vote(services.join(workshop), ranked("D", "E", "C"))
    client.force_login(facilitator)
    url = reverse("workshops:board", args=[workshop.uid])
    before = version(text(client.get(url)))
    services.close_vote(facilitator, workshop)
    fragment = text(client.get(f"{url}?version={before}", **HTMX))
    assert "hx-trigger" not in fragment
    assert "Vote clos : résultats figés." in fragment
    page = text(client.get(url))
    assert "hx-trigger" not in page and "Rejoignez la session" not in page
