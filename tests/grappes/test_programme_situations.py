"""The grappe pages say plainly which programmes are open for which campaign, from the rules
as data with their sources: the généralisation ended with 2025, SONS vague 2 texts are only
pre-published (not loaded), a cooperation needs no rule."""

import pytest
from django.urls import reverse

from mutualis.grappes.models import Grappe
from mutualis.grappes.reference import sources
from mutualis.grappes.rules import Programme
from mutualis.grappes.selectors import programme_situations
from tests.factories import national_admin
from tests.grappes.conftest import create
from tests.pages import words

pytestmark = pytest.mark.django_db


def test_each_programme_with_its_campaigns_and_sourced_status():
    situations = {s.programme: s for s in programme_situations()}
    assert list(situations) == [code for code, _ in Programme.CHOICES]
    generalisation = situations[Programme.GENERALISATION]
    assert generalisation.period == "2022 à 2025"
    [ended] = generalisation.notes
    assert "s'achève avec la campagne 2025" in ended.label
    assert "DNS/DGCS/CNSA/2025/40 du 16 avril 2025" in ended.label
    assert "DNS/DGCS/CNSA/2025/100 du 2 septembre 2025" in ended.label
    assert ended.source == "INSTR-2025-40, S90, S93" and ended.reliability_label == "vérifiée"
    sons_v2 = situations[Programme.SONS_V2]
    assert sons_v2.campaigns == [] and sons_v2.applicable
    [pre_published] = sons_v2.notes
    assert "prépubliés par l'ANS le 19 décembre 2025" in pre_published.label
    assert (pre_published.source, pre_published.reliability_label) == ("S94", "à confirmer")
    assert situations[Programme.SONS_V1].period == "2022"
    assert situations[Programme.AMORCAGE_T1].period == "2021"
    assert not situations[Programme.COOPERATION].applicable
    assert [s.programme for s in programme_situations(Programme.SONS_V1)] == ["sons_v1"]


def test_the_sources_are_listed_with_their_reliability():
    assert sources()["S94"][2] == "À confirmer"
    assert sources()["S90"][0].startswith("Instruction DNS/DGCS/CNSA/2025/100 du 2 septembre 2025")
    assert sources()["INSTR-2025-40"][0].startswith(
        "Instruction DNS/DGCS/CNSA/2025/40 du 16 avril 2025"
    )
    assert sources()["S03"][2] == "Vérifiée"


def test_the_grappe_list_says_which_programme_is_open_for_which_campaign(client, carrier):
    client.force_login(carrier[1])
    page = words(client.get(reverse("grappes:list")))
    assert "Programmes ouverts, par campagne" in page
    assert "ESMS numérique — généralisation (2022-2025) 2022 à 2025 La généralisation" in page
    assert (
        "SONS — vague 2 (Ségur médico-social, textes prépubliés) Aucune : règles non chargées"
        in page
    )
    assert "(source : S94 ; fiabilité : à confirmer)" in page
    assert (
        "Coopération sans programme (achat groupé, ressources partagées) Toute année : "
        "éligibilité et financement non applicables"
    ) in page


def test_the_grappe_page_states_its_programme_campaigns(client, carrier):
    grappe = create(client, carrier[1], campaign=2024)
    page = words(client.get(reverse("grappes:detail", args=[grappe.uid])))
    assert "Campagnes dont les règles sont chargées pour ce programme : 2022 à 2025." in page
    assert "s'achève avec la campagne 2025" in page
    grappe.programme, grappe.campaign = Programme.SONS_V2, 2026
    grappe.save()
    page = words(client.get(reverse("grappes:detail", args=[grappe.uid])))
    assert "Aucune campagne de ce programme n'a de règles chargées." in page
    assert "Règles de la campagne 2026 non chargées" in page
    assert Grappe.objects.get().status == Grappe.Status.DRAFT


def test_the_rules_page_says_what_the_rules_cover(client):
    client.force_login(national_admin())
    page = words(client.get(reverse("grappes:rules")))
    assert "Ce que couvrent les règles" in page
    assert "S94 : EHPADIA — Ségur du numérique en santé" in page
    assert "(fiabilité : à confirmer)" in page
    assert "(campagne non évaluable) programme.status 2026– prépublication S94 À confirmer" in page
