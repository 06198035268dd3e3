"""Suggested grappes people can trust: a safety margin above the minimum, never a grappe of
one organisation, a national organisation counted by its ESSMS of the région, and a result
stored with its date, recomputed on demand or when the data change."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from mutualis.grappes import candidates, suggestion_rules
from mutualis.grappes.models import ProgrammeRule, StoredSuggestions
from mutualis.grappes.rules import Programme
from mutualis.grappes.selectors import current_campaign
from tests.factories import EstablishmentFactory, regional_actor
from tests.grappes.conftest import body_with
from tests.grappes.test_matching import LYON, og
from tests.mail import after_commit
from tests.pages import words

URL = reverse("grappes:suggestions")
REFRESH = reverse("grappes:suggestions_refresh")


def near(id: int, essms: int):
    return og(id, essms=essms, at=(LYON[0] + 0.01 * id, LYON[1]))


def test_grappes_aim_at_the_target_above_the_minimum():
    partition = suggestion_rules.suggest(
        [near(1, 9), near(2, 5), near(3, 3), near(4, 2)], 15, 18, 50
    )
    [group] = partition.groups
    assert group.essms == 19 >= 18 and len(group.members) == 4
    assert suggestion_rules.margin_share(partition, 18) == 1
    # Only 16 ESSMS in all: still a grappe (the minimum is met), flagged under the margin.
    small = suggestion_rules.suggest([near(1, 9), near(2, 5), near(3, 2)], 15, 18, 50)
    assert [g.essms for g in small.groups] == [16]
    assert suggestion_rules.margin_share(small, 18) == 0
    assert suggestion_rules.margin_share(suggestion_rules.suggest([], 15, 18, 50), 18) is None


def test_never_a_grappe_of_one_organisation():
    big, eligible_alone, small = near(1, 25), near(2, 16), near(3, 1)
    partition = suggestion_rules.suggest([big, eligible_alone, small], 15, 18, 50)
    assert all(len(g.members) > 1 for g in partition.groups)
    # 16 + 1 reach the minimum together, not the target: a grappe of two under the margin.
    assert [[m.id for m in g.members] for g in partition.groups] == [[2, 3]]
    reasons = {c.id: reason for c, reason in partition.unassigned}
    assert "Réunit déjà 25 ESSMS dans la région" in reasons[1]
    alone = suggestion_rules.suggest([near(2, 16)], 15, 18, 50)
    assert alone.groups == ()
    assert "éligible seul au minimum (15) mais sans marge" in alone.unassigned[0][1]


@pytest.fixture
def region_84(db):
    """Four open bodies of the région 84 (19 ESSMS), and a national one with 2 ESSMS there
    and 30 in the région 11."""
    bodies = [body_with(n, f"Organisme {n}")[0] for n in (9, 5, 3, 2)]
    national = body_with(2, "Fédération Nationale")[0]
    EstablishmentFactory.create_batch(
        30, managing_body=national, region_id="11", departement_id="75", latitude=48.85
    )
    national.establishment_count = 32
    national.save()
    for body in [*bodies, national]:
        body.open_to_cooperation = True
        body.save()
    return bodies, national


@pytest.mark.usefixtures("current_rules", "region_84")
def test_a_national_organisation_counts_its_essms_of_the_region():
    pool = candidates.open_bodies().filter(establishments__region="84").distinct()
    found = {c.name: c for c in candidates.candidates(pool, 2026, "generalisation", region="84")}
    assert found["Fédération Nationale"].essms == 2
    assert all(lat < 48 for lat, _ in found["Fédération Nationale"].points)
    everywhere = candidates.candidates(pool, 2026, "generalisation")
    assert {c.name: c.essms for c in everywhere}["Fédération Nationale"] == 32


@pytest.mark.usefixtures("current_rules")
def test_stored_then_recomputed_on_demand_on_data_and_on_rules(client, region_84):
    bodies, _ = region_84
    client.force_login(regional_actor())
    page = words(client.get(URL, {"region": "84"}))
    # 21 ESSMS in the région: the national organisation is not "eligible alone" here.
    assert "Grappe 1 : 21 ESSMS, 5 organismes" in page
    row = StoredSuggestions.objects.get()
    assert row.status == StoredSuggestions.Status.DONE
    assert (row.region_id, row.campaign) == ("84", current_campaign())
    assert row.rules_version == "min=15;cible=18;national=50"
    first = row.computed_at

    client.get(URL, {"region": "84"})  # read, not recomputed
    assert StoredSuggestions.objects.get().computed_at == first

    response = client.post(REFRESH, {"region": "84"}, follow=True)
    assert "Nouveau calcul des grappes suggérées demandé." in words(response)
    assert StoredSuggestions.objects.get().computed_at > first

    # A body closes to cooperation: the stored suggestions of its région are recomputed.
    with after_commit():
        bodies[1].open_to_cooperation = False  # its 5 ESSMS
        bodies[1].save()
    row = StoredSuggestions.objects.get()
    assert [g["essms"] for g in row.result["groups"]] == [16]
    assert "Grappe 1 : 16 ESSMS, 4 organismes sous la taille visée" in words(
        client.get(URL, {"region": "84"})
    )

    # Other rules: the stored result is outdated and computed again at the next visit.
    ProgrammeRule.objects.filter(
        programme=Programme.GENERALISATION, key="grappe.min_essms", valid_to=None
    ).update(value="10")
    client.get(URL, {"region": "84"})
    assert StoredSuggestions.objects.get().rules_version == "min=10;cible=18;national=50"


@pytest.mark.usefixtures("current_rules")
def test_the_target_is_a_setting(client, region_84, settings):
    settings.MUTUALIS = {**settings.MUTUALIS, "SUGGESTION_TARGET_ESSMS": 25}
    client.force_login(regional_actor())
    page = words(client.get(URL, {"region": "84"}))
    assert "en visant 25" in page
    assert "0 % des grappes atteignent la taille visée de 25 ESSMS" in page


@pytest.mark.usefixtures("current_rules")
def test_only_the_region_s_actors_recompute(client, region_84):
    client.force_login(regional_actor("11"))
    assert client.post(REFRESH, {"region": "84"}).status_code == 403
    assert client.post(REFRESH, {"region": "pas une région"}).status_code == 403
    assert not StoredSuggestions.objects.exists()


@pytest.mark.usefixtures("current_rules", "region_84")
def test_a_running_computation_is_waited_for_and_a_lost_one_sent_again(client):
    client.force_login(regional_actor())
    client.get(URL, {"region": "84"})
    running = StoredSuggestions.Status.RUNNING
    StoredSuggestions.objects.update(status=running, requested_at=timezone.now())
    page = words(client.get(URL, {"region": "84"}))
    assert "Calcul des grappes suggérées en cours" in page
    assert "Les grappes ci-dessous sont celles du calcul précédent." in page
    assert "Grappe 1 : 21 ESSMS" in page  # the stored result, meanwhile
    assert StoredSuggestions.objects.get().status == running
    # An hour later the worker is deemed lost: the next visit asks again.
    StoredSuggestions.objects.update(requested_at=timezone.now() - dt.timedelta(hours=1))
    client.get(URL, {"region": "84"})
    assert StoredSuggestions.objects.get().status == StoredSuggestions.Status.DONE
