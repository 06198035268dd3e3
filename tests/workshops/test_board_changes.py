"""Board change detection: the session's version moves with every change the board shows, in
the transaction of that change, even when the multiset of totals stays the same."""

import re

import pytest
from django.urls import reverse

from mutualis.workshops import services
from mutualis.workshops.models import Card, Workshop
from tests.pages import words
from tests.workshops.conftest import ranked

pytestmark = pytest.mark.django_db
HTMX = {"HTTP_HX_REQUEST": "true"}


def version_of(workshop) -> int:
    return Workshop.objects.get(pk=workshop.pk).version


def test_a_sticker_moved_between_two_levers_moves_the_version_and_the_board(
    client, facilitator, workshop
):
    alice, bob = services.join(workshop), services.join(workshop)
    services.vote(alice, ranked("C", "E", "A"))
    services.vote(bob, ranked("E", "C", "D"))
    client.force_login(facilitator)
    url = reverse("workshops:board", args=[workshop.uid])
    shown = re.search(r"version=(\d+)", client.get(url).content.decode())[1]
    assert client.get(f"{url}?version={shown}", **HTMX).status_code == 204

    # Alice moves her priority sticker from A to B: the totals stay C 5, E 5, 1, 1, 0, 0, 0
    # in ranking order (the hash of the totals the board used to compare did not move).
    before = sorted(lv.points for lv in workshop.levers.all())
    services.vote(alice, ranked("C", "E", "B"))
    assert sorted(lv.points for lv in workshop.levers.all()) == before == [0, 0, 0, 1, 1, 5, 5]
    assert str(version_of(workshop)) != shown
    fragment = client.get(f"{url}?version={shown}", **HTMX)
    assert fragment.status_code == 200
    page = words(fragment)
    assert re.search(r"<th scope=\"row\">B\.", fragment.content.decode())
    rows = re.findall(r"(\d+)(?: \(ex æquo\))? ([A-G])\. .*? (\d+) (\d+) [\d,.]+ %", page)
    points = {code: int(total) for _, code, total, _ in rows}
    assert points["B"] == 1 and points["A"] == 0 and points["D"] == 1


def test_every_change_the_pages_show_moves_the_version(facilitator):
    from tests.workshops.conftest import new_workshop

    workshop = new_workshop(facilitator, opened=False)
    seen = [version_of(workshop)]

    def moved():
        seen.append(version_of(workshop))
        return seen[-1] > seen[-2]

    participant = services.join(workshop)
    assert moved()  # the participant count on the board
    services.open_vote(facilitator, workshop)
    assert moved()
    services.vote(participant, ranked("A", "B", "C"))
    assert moved()
    services.vote(participant, ranked("A", "B", "C"))  # the same ballot saved again
    assert moved()
    card = services.post_card(participant, Card.Question.WORKS, "Un DPO partagé")
    assert moved()
    services.group_card(facilitator, card, "Compétences")
    assert moved()
    services.close_vote(facilitator, workshop)
    assert moved()
    services.start_round(facilitator, workshop)
    assert moved()


def test_a_refused_vote_leaves_the_version(workshop):
    participant = services.join(workshop)
    before = version_of(workshop)
    with pytest.raises(Exception):  # noqa: B017 - any refusal
        services.vote(participant, ranked("A", "A", "B"))
    assert version_of(workshop) == before
