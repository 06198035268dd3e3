"""Meetings are hosted in turn: the suggested host is a member who never hosted, else the one
who hosted least recently."""

import datetime

import pytest
from django.urls import reverse

from mutualis.grappes.models import GrappeMember
from mutualis.projects import selectors
from mutualis.projects.models import Meeting
from mutualis.projects.progress import next_host
from tests.pages import text, words
from tests.projects.factories import GrappeMemberFactory, MeetingFactory

D = datetime.date


def test_never_hosted_first_in_the_given_order():
    assert next_host(["a", "b", "c"], [("a", D(2026, 1, 1))]) == "b"


def test_then_the_least_recent_host():
    hostings = [
        ("a", D(2026, 3, 1)),
        ("b", D(2026, 1, 1)),
        ("c", D(2026, 2, 1)),
        ("b", D(2026, 4, 1)),
    ]
    assert next_host(["a", "b", "c"], hostings) == "c"


def test_no_member_no_suggestion_and_former_hosts_ignored():
    assert next_host([], []) is None
    assert next_host(["a"], [("gone", D(2026, 1, 1))]) == "a"


@pytest.mark.django_db
def test_the_meeting_form_suggests_the_next_host(client, setup):
    project = setup.open()
    assert selectors.suggested_host(project) == setup.carrier_member  # carrier first
    MeetingFactory(project=project, host=setup.carrier_member, date=D(2026, 2, 1))
    assert selectors.suggested_host(project) == setup.partner_member
    left = GrappeMemberFactory(grappe=setup.grappe, status=GrappeMember.Status.LEFT)
    assert selectors.suggested_host(project) != left

    client.force_login(setup.partner_user)
    page = client.get(reverse("projects:meetings", args=[project.uid]))
    assert "Accueil suggéré à tour de rôle : Fondation Partenaire" in words(page)
    assert page.context["form"]["host"].value() == setup.partner_member.pk


@pytest.mark.django_db
def test_a_member_records_a_meeting(client, setup):
    project = setup.open()
    client.force_login(setup.partner_user)
    response = client.post(
        reverse("projects:meetings", args=[project.uid]),
        {
            "nouvelle-date": "2026-03-10",
            "nouvelle-mode": "on_site",
            "nouvelle-host": setup.partner_member.pk,
            "nouvelle-agenda": "Suivi des documents du marché public",
            "nouvelle-minutes": "",
        },
        follow=True,
    )
    assert "Réunion enregistrée." in text(response)
    meeting = Meeting.objects.get()
    assert meeting.host == setup.partner_member and meeting.mode == "on_site"
    assert "Réunion du 10/03/2026 — sur place, accueillie par Fondation Partenaire" in words(
        response
    )
    assert "Aucune décision enregistrée pour cette réunion." in text(response)


@pytest.mark.django_db
def test_a_host_from_another_grappe_is_refused(client, setup):
    project = setup.open()
    stranger = GrappeMemberFactory()
    client.force_login(setup.partner_user)
    response = client.post(
        reverse("projects:meetings", args=[project.uid]),
        {"nouvelle-date": "2026-03-10", "nouvelle-mode": "remote", "nouvelle-host": stranger.pk},
    )
    assert response.status_code == 200 and not Meeting.objects.exists()
    assert response.context["form"].errors["host"]
