"""Closing the vote freezes the results; an archived session keeps them."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from mutualis.workshops import selectors, services
from mutualis.workshops.models import BallotMark, Workshop
from tests.pages import text, words
from tests.workshops.conftest import ranked

pytestmark = pytest.mark.django_db


def test_closing_freezes_the_ranking(facilitator, workshop):
    alice, bob = services.join(workshop), services.join(workshop)
    services.vote(alice, ranked("C", "E", "A"))
    services.vote(bob, ranked("E", "C", "D"))
    services.close_vote(facilitator, workshop)
    workshop.refresh_from_db()
    assert workshop.status == Workshop.Status.CLOSED and workshop.closed_at
    frozen = workshop.results
    assert frozen["ballots"] == 2
    assert [(row["rank"], row["code"], row["points"]) for row in frozen["rows"][:3]] == [
        (1, "C", 5),
        (1, "E", 5),
        (3, "A", 1),
    ]
    with pytest.raises(ValidationError, match="Le vote est clos"):
        services.vote(alice, ranked("D", "C", "B"))
    with pytest.raises(ValidationError, match="n'accueille plus"):
        services.join(workshop)
    # Even a ballot altered behind the service's back leaves the published results as frozen.
    BallotMark.objects.filter(ballot__participant=alice).delete()
    assert selectors.tally_of(workshop).as_dict()["rows"] == frozen["rows"]


def test_the_session_moves_forward_only(facilitator, workshop):
    with pytest.raises(ValidationError, match="déjà ouvert"):
        services.open_vote(facilitator, workshop)
    with pytest.raises(ValidationError, match="Closez le vote"):
        services.archive(facilitator, workshop)
    services.close_vote(facilitator, workshop)
    services.archive(facilitator, workshop)
    workshop.refresh_from_db()
    assert workshop.status == Workshop.Status.ARCHIVED
    with pytest.raises(ValidationError, match="plus une fois le vote ouvert"):
        services.set_levers(facilitator, workshop, [("A", "Un"), ("B", "Deux"), ("C", "Trois")])


def test_facilitator_closes_and_archives_from_the_session_page(client, facilitator, workshop):
    services.vote(services.join(workshop), ranked("D", "E", "C"))
    client.force_login(facilitator)
    url = reverse("workshops:status", args=[workshop.uid])
    page = text(client.post(url, {"action": "clore"}, follow=True))
    assert "Vote clos : les résultats sont figés." in page
    assert "Exporter les résultats (PDF)" in page
    page = text(client.post(url, {"action": "archiver"}, follow=True))
    assert "Session archivée avec ses résultats." in page
    listing = words(client.get(reverse("workshops:sessions")))
    assert "Sessions archivées, avec leurs résultats" in listing
    assert "Atelier de l'Ain" in listing


def test_participants_read_the_frozen_results_with_the_code(client, facilitator, workshop):
    services.vote(services.join(workshop), ranked("D", "E", "C"))
    services.close_vote(facilitator, workshop)
    page = words(client.get(reverse("workshops:join_code", args=[workshop.code]), follow=True))
    assert "Résultats du vote, figés à la clôture — 1 bulletin" in page
    assert "1 D." in page
