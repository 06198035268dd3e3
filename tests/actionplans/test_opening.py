"""Opening a plan: from a closed workshop (its frozen ranking) or a finished survey (lever
shares), by their facilitator or staff; the workshop and survey pages offer it through the
follow-up registry; hostile query strings answer 404, never 500."""

import pytest
from django.urls import reverse

from mutualis.actionplans import services
from mutualis.actionplans.models import ActionPlan
from mutualis.territories.models import Region
from mutualis.workshops import survey_services
from mutualis.workshops.followups import links, registered
from tests.actionplans.factories import closed_workshop
from tests.actionplans.test_permissions import client_for
from tests.factories import national_admin, regional_actor
from tests.workshops.conftest import SEED_LEVERS, body_with, new_workshop, open_survey

pytestmark = pytest.mark.django_db


def test_a_plan_keeps_the_workshops_frozen_ranking():
    facilitator = regional_actor("84")
    workshop = closed_workshop(facilitator)
    plan = services.open_plan(facilitator, Region.objects.get(code="84"), workshop=workshop)
    first, second, third = plan.levers[:3]
    assert (first["code"], first["rank"], first["score"]) == ("D", 1, "6 gommettes (50,0 %)")
    assert {second["code"], third["code"]} == {"E", "C"}
    assert second["rank"] == third["rank"] == 2  # 3 stickers each: a tie
    assert plan.levers[-1]["score"] == "0 gommette (0,0 %)"
    assert (plan.horizon_on - plan.opened_on).days in range(181, 185)
    assert plan.source_label == f"Atelier « {workshop.title} »"


def test_a_plan_from_a_finished_survey_ranks_levers_by_share():
    survey = open_survey("regional", "84")
    ratings = dict.fromkeys(SEED_LEVERS, 0)
    # Ten respondents: the survey shows no group of fewer than five.
    for index in range(10):
        body, admin = body_with(1, f"EHPAD {index}")
        survey_services.save_answer(admin, survey, body, ratings | {"B": 2, "G": index % 2})
    actor = regional_actor("84")
    survey_services.close_survey(actor, survey)
    survey.refresh_from_db()
    client = client_for(actor)
    page = client.get(reverse("workshops:survey_results", args=[survey.uid])).content.decode()
    assert "Ouvrir un plan d&#x27;action à 6 mois" in page
    url = f"{reverse('actionplans:new')}?recensement={survey.uid}"
    answer = client.post(url, {"region": "84", "title": ""})
    plan = ActionPlan.objects.get()
    assert answer.url == reverse("actionplans:plan", args=[plan.uid])
    assert plan.levers[0] == {
        "code": "B",
        "label": plan.levers[0]["label"],
        "rank": 1,
        "score": "100,0 % prioritaire",
    }
    assert plan.levers[1]["code"] == "G" and plan.levers[1]["score"] == "50,0 % prioritaire"
    assert plan.survey == survey and plan.region_id == "84"
    # the survey page now links to the plan
    page = client.get(reverse("workshops:survey_results", args=[survey.uid])).content.decode()
    assert reverse("actionplans:plan", args=[plan.uid]) in page
    # a regional survey fixes the région: another one is refused
    answer = client.post(url, {"region": "11"})
    assert answer.status_code == 200 and ActionPlan.objects.count() == 1


def test_the_facilitator_opens_a_plan_from_the_workshop_page():
    facilitator = regional_actor("84")
    assert "actionplans" in registered()
    running = new_workshop(facilitator)
    assert links(running, facilitator) == []  # not closed: nothing to follow up yet
    workshop = closed_workshop(facilitator)
    client = client_for(facilitator)
    page = client.get(reverse("workshops:session", args=[workshop.uid])).content.decode()
    new_url = f"{reverse('actionplans:new')}?atelier={workshop.uid}"
    assert new_url in page
    assert f"?atelier={workshop.uid}" in client.get(reverse("actionplans:new")).content.decode()
    answer = client.post(new_url, {"region": "84", "title": "Plan de l'Ain"})
    plan = ActionPlan.objects.get()
    assert plan.title == "Plan de l'Ain" and plan.facilitator == facilitator
    assert answer.url == reverse("actionplans:plan", args=[plan.uid])
    assert links(workshop, regional_actor("84")) == []  # another regional actor
    assert links(workshop, None) == []


def test_hostile_sources_answer_404():
    facilitator = regional_actor("84")
    workshop = closed_workshop(facilitator)
    other = client_for(regional_actor("84"))
    mine = client_for(facilitator)
    base = reverse("actionplans:new")
    assert other.get(f"{base}?atelier={workshop.uid}").status_code == 404
    for value in ("²", "not-a-uuid", "9" * 40, ""):
        assert mine.get(f"{base}?atelier={value}").status_code == 404
        assert mine.get(f"{base}?recensement={value}").status_code == 404
    assert mine.post(base, {"region": "84"}).status_code == 404
    answer = mine.post(f"{base}?atelier={workshop.uid}", {"region": "٣"})
    assert answer.status_code == 200 and "Choisissez une région" in answer.content.decode()
    assert not ActionPlan.objects.exists()


def test_national_admins_choose_any_region():
    admin = national_admin()
    workshop = closed_workshop(admin)
    answer = client_for(admin).post(
        f"{reverse('actionplans:new')}?atelier={workshop.uid}", {"region": "11"}
    )
    assert answer.status_code == 302
    assert ActionPlan.objects.get().region_id == "11"
