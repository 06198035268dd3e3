"""Who may run workshops and surveys, answer them and read their results."""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone

from mutualis.accounts.models import MembershipRole
from mutualis.territories.models import Region
from mutualis.workshops import perms, services, survey_services
from tests.factories import MembershipFactory, UserFactory, national_admin, regional_actor
from tests.workshops.conftest import body_with, new_workshop, open_survey

pytestmark = pytest.mark.django_db


def region(code: str) -> Region:
    return Region.objects.get(code=code)


def test_facilitators_are_regional_national_or_managing_body_admins():
    admin_of_body = MembershipFactory(role=MembershipRole.ADMIN).user
    plain_member = MembershipFactory(role=MembershipRole.MEMBER).user
    assert perms.can_facilitate(regional_actor())
    assert perms.can_facilitate(national_admin())
    assert perms.can_facilitate(admin_of_body)
    assert not perms.can_facilitate(plain_member)
    with pytest.raises(PermissionDenied):
        new_workshop(plain_member)


def test_a_session_is_run_by_its_facilitator_and_national_admins(client, facilitator, workshop):
    urls = [
        reverse(name, args=[workshop.uid])
        for name in ("workshops:session", "workshops:board", "workshops:cards", "workshops:qr")
    ] + [reverse("workshops:results_csv", args=[workshop.uid])]
    client.force_login(regional_actor("84"))  # another facilitator of the same région
    assert {client.get(url).status_code for url in urls} == {403}
    with pytest.raises(PermissionDenied):
        services.close_vote(regional_actor(), workshop)
    client.force_login(national_admin())
    assert {client.get(url).status_code for url in urls} == {200}
    client.logout()
    assert client.get(urls[0]).status_code == 302  # to the sign-in page
    client.force_login(MembershipFactory().user)
    assert client.get(reverse("workshops:sessions")).status_code == 403


def test_surveys_are_created_by_regional_actors_for_their_regions():
    actor = regional_actor("84")
    today = timezone.localdate()
    created = survey_services.create_survey(
        actor, "Recensement AURA", "regional", today, today, region("84")
    )
    assert perms.can_manage_survey(actor, created)
    with pytest.raises(PermissionDenied):
        survey_services.create_survey(actor, "National", "national", today, today)
    with pytest.raises(PermissionDenied):
        survey_services.create_survey(actor, "Bretagne", "regional", today, today, region("53"))
    with pytest.raises(PermissionDenied):
        survey_services.create_survey(MembershipFactory().user, "Non", "national", today, today)
    assert survey_services.create_survey(national_admin(), "National", "national", today, today)


def test_results_are_read_by_managers_and_regional_actors_of_national_surveys():
    regional, national = open_survey("regional", "84"), open_survey("national")
    aura, bretagne, admin = regional_actor("84"), regional_actor("53"), national_admin()
    member = MembershipFactory().user
    assert perms.can_view_survey_results(aura, regional)
    assert not perms.can_view_survey_results(bretagne, regional)
    assert perms.can_view_survey_results(bretagne, national)
    assert not perms.can_manage_survey(bretagne, national)
    assert perms.can_view_survey_results(admin, regional)
    assert not perms.can_view_survey_results(member, national)


def test_members_answer_within_the_scope_of_the_survey(client):
    body, _ = body_with(3, "Association de l'Ain")
    member = MembershipFactory(managing_body=body).user
    regional, elsewhere = open_survey("regional", "84"), open_survey("regional", "53")
    assert perms.can_answer_survey(member, regional, body)
    establishment = body.establishments.first()
    assert perms.can_answer_survey(member, regional, body, establishment)
    assert not perms.can_answer_survey(member, elsewhere, body)
    assert not perms.can_answer_survey(UserFactory(), regional, body)
    regional.closed_at = timezone.now()
    regional.save()
    assert not perms.can_answer_survey(member, regional, body)
    client.force_login(member)
    assert client.get(reverse("workshops:survey_answer", args=[regional.uid])).status_code == 403
    other, _ = body_with(1, "Autre organisme")
    url = reverse("workshops:survey_answer", args=[elsewhere.uid])
    assert client.get(url + f"?pour={other.establishments.get().finess}").status_code == 404
    assert client.get(reverse("workshops:survey_results", args=[elsewhere.uid])).status_code == 403
    assert client.get(reverse("workshops:surveys")).status_code == 403
