"""Several rounds per session: after closing one, the facilitator starts another on all the
levers or on the top of the ranking; each round keeps its ballots and its frozen results,
``Workshop.results`` holds the last closed round's (the action plan reads it)."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from mutualis.workshops import selectors, services
from mutualis.workshops.models import Ballot, BallotMark, Workshop, WorkshopRound
from mutualis.workshops.tally import Tally
from tests.pages import text, words
from tests.workshops.conftest import ranked

pytestmark = pytest.mark.django_db


@pytest.fixture
def first_round(facilitator, workshop):
    alice, bob, carla = (services.join(workshop, name) for name in ("Alice", "Bob", "Carla"))
    services.vote(alice, ranked("C", "E", "A"))
    services.vote(bob, ranked("E", "C", "D"))
    services.vote(carla, ranked("D", "F", "G"))
    services.close_vote(facilitator, workshop)
    workshop.refresh_from_db()
    return workshop, (alice, bob, carla)


def test_a_second_round_on_the_top_levers_keeps_the_first(facilitator, first_round):
    workshop, (alice, bob, _) = first_round
    first = dict(workshop.results)
    assert first["round"] == 1 and first["ballots"] == 3
    # C 5, E 5, D 4, then F 2: the top 3 are C, E, D.
    services.start_round(facilitator, workshop, top=3)
    workshop.refresh_from_db()
    assert (workshop.round, workshop.status, workshop.ballot_count) == (2, "open", 0)
    assert sorted(workshop.levers.filter(in_round=True).values_list("code", flat=True)) == [
        "C",
        "D",
        "E",
    ]
    assert workshop.results == first  # still the last closed round's
    assert [row.code for row in selectors.live_tally(workshop).rows] == ["C", "D", "E"]
    with pytest.raises(ValidationError, match="Levier inconnu : A"):
        services.vote(alice, ranked("A", "C", "D"))
    services.vote(alice, ranked("D", "C", "E"))
    services.vote(bob, ranked("D", "E", "C"))
    services.close_vote(facilitator, workshop)
    workshop.refresh_from_db()

    second = Tally.from_dict(workshop.results)
    assert workshop.results["round"] == 2 and second.ballots == 2
    assert [(row.code, row.points) for row in second.rows] == [("D", 6), ("C", 3), ("E", 3)]
    assert WorkshopRound.objects.get(workshop=workshop, number=1).results == first
    assert WorkshopRound.objects.get(workshop=workshop, number=2).levers == ["C", "D", "E"]
    # Each round keeps its ballots.
    assert Ballot.objects.filter(workshop=workshop, round=1, updated_at__isnull=False).count() == 3
    assert BallotMark.objects.filter(ballot__round=1, ballot__participant=alice).count() == 3
    assert selectors.ballot_of(alice, 1) == {"C": 3, "E": 2, "A": 1}
    assert selectors.ballot_of(alice, 2) == {"D": 3, "C": 2, "E": 1}
    number, tally = selectors.round_tally(workshop, 1)
    assert number == 1 and tally.ballots == 3


def test_a_new_round_needs_a_closed_one_and_enough_levers(facilitator, workshop, first_round):
    workshop, _ = first_round
    with pytest.raises(ValidationError, match="au moins trois leviers"):
        services.start_round(facilitator, workshop, top=2)
    services.start_round(facilitator, workshop)
    with pytest.raises(ValidationError, match="Closez le vote"):
        services.start_round(facilitator, workshop)
    workshop.refresh_from_db()
    assert workshop.levers.filter(in_round=True).count() == 7


def test_ties_at_the_cut_are_kept(facilitator, first_round):
    workshop, _ = first_round
    # C 5, E 5, D 4, F 2, then A 1 and G 1 tied fifth: the top 5 keeps six levers.
    services.start_round(facilitator, workshop, top=5)
    in_round = workshop.levers.filter(in_round=True).values_list("code", flat=True)
    assert sorted(in_round) == ["A", "C", "D", "E", "F", "G"]


def test_someone_joining_during_round_two_votes_in_it(facilitator, first_round):
    workshop, _ = first_round
    services.start_round(facilitator, workshop)
    dan = services.join(workshop, "Dan")
    assert dan.ballots.get().round == 2
    services.vote(dan, ranked("G", "F", "A"))
    assert Workshop.objects.get(pk=workshop.pk).ballot_count == 1


def test_the_facilitator_starts_a_round_and_reads_each_one(client, facilitator, first_round):
    workshop, _ = first_round
    client.force_login(facilitator)
    session = reverse("workshops:session", args=[workshop.uid])
    page = text(client.get(session))
    assert "Lancer le tour 2" in page
    url = reverse("workshops:new_round", args=[workshop.uid])
    for hostile in ({"scope": "premiers", "top": "²"}, {"scope": "x"}, {"scope": "premiers"}):
        assert client.post(url, hostile).status_code == 302
    assert Workshop.objects.get(pk=workshop.pk).round == 1
    response = client.post(url, {"scope": "premiers", "top": "3"}, follow=True)
    assert "Tour 2 ouvert : les participants peuvent voter." in text(response)
    assert "Hors du tour 2" in text(response)

    board = reverse("workshops:board", args=[workshop.uid])
    page = words(client.get(board))
    assert "Tour 1 (clos)" in page and "Tour 2 (en cours)" in page
    assert "0 bulletins" in page
    page = client.get(board, {"tour": "1"})
    assert "hx-trigger" not in text(page)  # a past round is not polled
    assert "3 bulletins" in words(page) and "Vote clos : résultats figés." in words(page)
    for hostile in ("²", "٣", "0", "99999999999999999999", "-1"):
        assert client.get(board, {"tour": hostile}).status_code == 200

    csv = client.get(reverse("workshops:results_csv", args=[workshop.uid]), {"tour": "1"})
    assert csv["Content-Disposition"].endswith(f'-{workshop.code.lower()}-tour-1.csv"')
    lines = b"".join(csv.streaming_content).decode("utf-8-sig").splitlines()
    assert lines[-1] == "Bulletins;3"
