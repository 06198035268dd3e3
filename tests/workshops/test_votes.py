"""A vote is one service call: it checks the rule, replaces the ballot, recounts the totals."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from mutualis.core.models import AuditLog
from mutualis.workshops import selectors, services
from mutualis.workshops.models import BallotMark, Workshop
from tests.pages import text
from tests.workshops.conftest import new_workshop, ranked

pytestmark = pytest.mark.django_db


def totals(workshop) -> dict[str, int]:
    return {lever.code: lever.points for lever in workshop.levers.all() if lever.points}


def test_votes_are_recounted_and_a_ballot_can_be_changed(workshop):
    alice, bob = services.join(workshop, "Alice"), services.join(workshop)
    services.vote(alice, ranked("C", "E", "A"))
    services.vote(bob, ranked("E", "C", "D"))
    assert totals(workshop) == {"C": 5, "E": 5, "A": 1, "D": 1}
    services.vote(alice, ranked("D", "C", "B"))  # Alice changes her mind
    assert totals(workshop) == {"C": 4, "E": 3, "D": 4, "B": 1}
    workshop.refresh_from_db()
    assert workshop.ballot_count == 2
    assert BallotMark.objects.filter(ballot__participant=alice).count() == 3
    assert selectors.ballot_of(alice) == {"D": 3, "C": 2, "B": 1}
    assert AuditLog.objects.filter(action="workshop.vote").count() == 3


def test_an_invalid_ballot_changes_nothing(workshop):
    alice = services.join(workshop)
    services.vote(alice, ranked("C", "E", "A"))
    with pytest.raises(ValidationError) as caught:
        services.vote(alice, ranked("C", "C", "A"))
    assert caught.value.messages == ["Choisissez trois leviers différents."]
    assert selectors.ballot_of(alice) == {"C": 3, "E": 2, "A": 1}
    assert totals(workshop) == {"C": 3, "E": 2, "A": 1}


def test_no_vote_before_the_vote_opens(facilitator):
    workshop = new_workshop(facilitator, opened=False)
    alice = services.join(workshop)
    with pytest.raises(ValidationError, match="pas encore ouvert"):
        services.vote(alice, ranked("C", "E", "A"))


def test_stackable_dots_and_approval_sessions(facilitator):
    dots = new_workshop(facilitator, rule=Workshop.Rule.DOTS, dots=4)
    services.vote(services.join(dots), [("A", 4)])
    services.vote(services.join(dots), [("A", 1), ("B", 3)])
    assert totals(dots) == {"A": 5, "B": 3}
    approval = new_workshop(facilitator, rule=Workshop.Rule.APPROVAL)
    services.vote(services.join(approval), [("A", 1), ("G", 1)])
    services.vote(services.join(approval), [("G", 1)])
    assert totals(approval) == {"A": 1, "G": 2}


def test_a_participant_votes_and_changes_the_ballot_from_the_phone(client, workshop):
    client.post(reverse("workshops:join_code", args=[workshop.code]), {"display_name": "Alice"})
    url = reverse("workshops:ballot", args=[workshop.code])
    response = client.post(
        url, {"rang-3": "C", "rang-2": "E", "rang-1": "A"}, HTTP_HX_REQUEST="true"
    )
    assert "Votre vote est enregistré" in text(response)
    assert "C (3 gommettes), E (2 gommettes), A (1 gommette)" in " ".join(text(response).split())
    response = client.post(
        url, {"rang-3": "C", "rang-2": "C", "rang-1": "A"}, HTTP_HX_REQUEST="true"
    )
    assert "Choisissez trois leviers différents." in text(response)
    response = client.post(url, {"rang-3": "D", "rang-2": "C", "rang-1": "A"})
    assert response.status_code == 302
    assert totals(workshop) == {"D": 3, "C": 2, "A": 1}
    page = client.get(reverse("workshops:participate", args=[workshop.code]))
    assert "Votre vote est enregistré" in text(page)
    assert 'value="D" selected' in text(page)


def test_the_ballot_block_waits_for_the_vote_to_open(client, facilitator):
    workshop = new_workshop(facilitator, opened=False)
    client.post(reverse("workshops:join_code", args=[workshop.code]), {})
    url = reverse("workshops:ballot", args=[workshop.code])
    waiting = text(client.get(url, HTTP_HX_REQUEST="true"))
    assert "pas encore ouvert" in waiting
    # The block around it polls the session's state (test_participant_state.py).
    page = text(client.get(reverse("workshops:participate", args=[workshop.code])))
    assert f"/a/{workshop.code}/etat/?phase=preparation-1" in page
    services.open_vote(facilitator, workshop)
    opened = text(client.get(url, HTTP_HX_REQUEST="true"))
    assert "hx-trigger" not in opened.split("<form")[0]
    assert "Le plus prioritaire (3 gommettes)" in opened


def test_stackable_dots_form(client, facilitator):
    workshop = new_workshop(facilitator, rule=Workshop.Rule.DOTS, dots=3)
    client.post(reverse("workshops:join_code", args=[workshop.code]), {})
    url = reverse("workshops:ballot", args=[workshop.code])
    data = {f"gommettes-{code}": 0 for code in "ABCDEFG"} | {"gommettes-B": 3}
    assert "Votre vote est enregistré" in text(client.post(url, data, HTTP_HX_REQUEST="true"))
    data["gommettes-C"] = 1
    assert "vous n'en disposez que de 3" in text(client.post(url, data, HTTP_HX_REQUEST="true"))
    assert totals(workshop) == {"B": 3}
