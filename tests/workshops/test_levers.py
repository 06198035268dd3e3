"""Levers A–G of the workshop of 14 October 2022, shipped as data; a session starts from
them and the facilitator edits its own copy before the vote."""

import pytest
from django.core.management import call_command
from django.urls import reverse

from mutualis.workshops.forms import parse_levers
from mutualis.workshops.models import Lever, Workshop
from mutualis.workshops.reference import load_levers
from tests.pages import text

pytestmark = pytest.mark.django_db


def test_levers_a_to_g_are_loaded_once_and_edits_are_kept(capsys):
    assert list(Lever.objects.values_list("code", flat=True)) == list("ABCDEFG")
    assert Lever.objects.get(code="C").label.startswith("Créer des règles de mutualisation")
    Lever.objects.filter(code="A").update(label="Libellé revu")
    assert load_levers() == 0
    call_command("load_levers")
    assert "Leviers créés : 0" in capsys.readouterr().out
    assert Lever.objects.get(code="A").label == "Libellé revu"


def test_parse_one_lever_per_line():
    assert parse_levers("A. Un\n\n b) Deux \nTrois\n10 - Dix") == [
        ("A", "Un"),
        ("B", "Deux"),
        ("C", "Trois"),
        ("10", "Dix"),
    ]


def test_a_session_starts_from_levers_a_to_g_and_its_copy_is_editable(client, facilitator):
    client.force_login(facilitator)
    page = text(client.get(reverse("workshops:sessions")))
    assert "A. Rester flexibles" in page and "G. Partager une vision nationale" in page
    levers = "\n".join(f"{lever.code}. {lever.label}" for lever in Lever.objects.all())
    response = client.post(
        reverse("workshops:sessions"),
        {"title": "Atelier AURA", "rule": "ranked", "dots": 6, "levers": levers},
    )
    workshop = Workshop.objects.get()
    assert response.url == reverse("workshops:session", args=[workshop.uid])
    assert workshop.levers.count() == 7 and workshop.facilitator == facilitator
    url = reverse("workshops:edit_levers", args=[workshop.uid])
    client.post(url, {"levers": "A. Un\nB. Deux\nH. Identifier un porteur formé"})
    assert list(workshop.levers.values_list("code", flat=True)) == ["A", "B", "H"]
    page = text(client.post(url, {"levers": "A. Un\nB. Deux"}, follow=True))
    assert "Cette règle demande au moins trois leviers." in page
    page = text(client.post(url, {"levers": "A. Un\nA. Deux\nC. Trois"}, follow=True))
    assert "Deux leviers portent le même code." in page
    assert Lever.objects.count() == 7  # the reference is untouched


def test_the_creation_form_checks_the_rule_against_the_levers(client, facilitator):
    client.force_login(facilitator)
    page = text(
        client.post(
            reverse("workshops:sessions"),
            {"title": "Atelier", "rule": "ranked", "dots": 6, "levers": "A. Un\nB. Deux"},
        )
    )
    assert "Cette règle demande au moins trois leviers." in page
    assert not Workshop.objects.exists()
