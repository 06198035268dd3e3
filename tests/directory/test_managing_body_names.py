"""How managing bodies are named: FINESS legal name, usual name declared by the organisation,
or a label made of facts; the usual name edited by the organisation's administrators."""

import re
from pathlib import Path

import pytest
from django.urls import reverse

from mutualis.accounts.models import MembershipRole
from mutualis.core.models import AuditLog
from mutualis.directory import names
from mutualis.directory.finess_import import run_import
from mutualis.directory.models import ManagingBody
from mutualis.directory.name_refresh import refresh_names
from tests.directory.finess_files import structureet, with_key, write_etalab
from tests.factories import EstablishmentFactory, ManagingBodyFactory, MembershipFactory
from tests.pages import text, words

EJ = with_key("01078999")
NNBSP = "\u202f"


def facts(**values) -> names.NameFacts:
    return names.NameFacts(finess="750808511", **values)


def test_label_without_any_establishment_says_so():
    assert names.fact_label(facts()) == "Organisme n° 750808511 — aucun ESSMS ouvert"


def test_label_names_the_seat_only_when_the_legal_entity_address_is_known():
    known = facts(establishment_count=689, seat_city="Paris", seat_departement="75")
    assert names.fact_label(known) == "Organisme n° 750808511 — 689 ESSMS, siège à Paris (75)"
    unknown = facts(
        establishment_count=689, main_city="Paris", main_city_count=400, main_departement="75"
    )
    assert "siège" not in names.fact_label(unknown)
    assert names.fact_label(unknown) == "Organisme n° 750808511 — 689 ESSMS, surtout à Paris (75)"


def test_label_says_where_the_establishments_are_without_overstating():
    every = facts(establishment_count=3, main_city="Lyon", main_city_count=3, main_departement="69")
    assert names.fact_label(every) == "Organisme n° 750808511 — 3 ESSMS à Lyon (69)"
    few = facts(
        establishment_count=1234, main_city="Paris", main_city_count=120, main_departement="75"
    )
    assert names.fact_label(few) == (
        f"Organisme n° 750808511 — 1{NNBSP}234 ESSMS, dont 120 à Paris (75)"
    )
    scattered = facts(
        establishment_count=18, main_city="Agen", main_city_count=1, main_departement="47"
    )
    assert names.fact_label(scattered) == (
        "Organisme n° 750808511 — 18 ESSMS, dans plusieurs communes"
    )


def test_finess_name_takes_precedence_over_the_usual_name_then_the_label():
    official = facts(name="ASSOCIATION ALPHA", name_is_placeholder=False, usual_name="Alpha")
    assert names.display_name(official) == "ASSOCIATION ALPHA"
    usual = facts(name="Organisme gestionnaire 750808511", usual_name="Alpha")
    assert names.display_name(usual) == "Alpha"
    assert names.display_name(facts(name="Organisme gestionnaire 750808511")).startswith(
        "Organisme n° 750808511 — "
    )
    assert names.search_text(usual) == "ALPHA 750808511"  # never the placeholder's words


@pytest.mark.parametrize(
    ("typed", "error"),
    [
        ("Alpha\x07", "caractère de contrôle"),
        ("Alpha\u200b", "caractère de contrôle"),
        ("Alpha\nBeta", "une seule ligne"),
        ("A", "au moins 2 caractères"),
        ("A" * 151, "ne doit pas dépasser 150 caractères (il en compte 151)"),
    ],
)
def test_usual_name_is_refused_in_french(typed, error):
    with pytest.raises(ValueError, match=re.escape(error)):
        names.clean_usual_name(typed)


def test_usual_name_is_trimmed_with_single_spaces():
    assert names.clean_usual_name("  Fondation   Les Tilleuls ") == "Fondation Les Tilleuls"
    assert names.clean_usual_name("   ") == ""


@pytest.mark.django_db
def test_import_without_legal_entities_labels_bodies_by_their_establishments(tmp_path: Path):
    lines = [structureet(with_key(f"0100099{n}"), EJ, f"EHPAD {n}") for n in range(3)]
    lines.append(
        structureet(with_key("01000989"), EJ, "EHPAD LAGNIEU", commune="202", town="01150 LAGNIEU")
    )
    run_import(write_etalab(tmp_path / "et.csv", "2026-01-01", lines), wet_run=True)
    body = ManagingBody.objects.get(finess=EJ)
    assert (body.main_city, body.main_city_count, body.main_departement_id) == (
        "Bourg-en-Bresse",
        3,
        "01",
    )
    assert str(body) == f"Organisme n° {EJ} — 4 ESSMS, surtout à Bourg-en-Bresse (01)"
    assert "BOURG EN BRESSE" in body.search_name and "ORGANISME" not in body.search_name


@pytest.mark.django_db
def test_legal_entity_file_gives_the_official_name_and_the_seat(tmp_path: Path):
    establishments = [structureet(with_key("01000998"), EJ, "EHPAD LES TILLEULS")]
    run_import(write_etalab(tmp_path / "et.csv", "2026-01-01", establishments), wet_run=True)
    body = ManagingBody.objects.get(finess=EJ)
    body.usual_name = "Les Tilleuls"
    body.save()
    legal = write_etalab(
        tmp_path / "ej.csv",
        "2026-01-02",
        [
            f"structureej;{EJ};ASSOCIATION DU BUGEY;ASSOCIATION DU BUGEY ET DU REVERMONT;;12;RUE;"
            "DES ECOLES;;;;053;01000 BOURG EN BRESSE;01;AIN;0474000000;60;Association Loi 1901 "
            "non Reconnue d'Utilité Publique;;;123456782;8710A;1990-05-14"
        ],
    )
    run_import(legal, wet_run=True)
    body.refresh_from_db()
    assert body.display_name == "ASSOCIATION DU BUGEY" and body.usual_name == "Les Tilleuls"
    assert body.city == "Bourg-en-Bresse" and body.place_label == "siège à Bourg-en-Bresse (01)"
    assert {"BUGEY", "TILLEULS", "BOURG"} <= set(body.search_name.split())


@pytest.mark.django_db
def test_seat_without_a_legal_name_is_said_to_be_the_seat():
    body = ManagingBodyFactory(
        name="Organisme gestionnaire x", name_is_placeholder=True, city="Lyon", departement_id="69"
    )
    EstablishmentFactory.create_batch(2, managing_body=body, is_closed=False)
    body.establishment_count = 2
    body.save()
    refresh_names(only=[body.pk])
    body.refresh_from_db()
    assert body.display_name == f"Organisme n° {body.finess} — 2 ESSMS, siège à Lyon (69)"


@pytest.fixture
def placeholder_body(db):
    body = ManagingBodyFactory(name="Organisme gestionnaire x", name_is_placeholder=True)
    EstablishmentFactory(managing_body=body)
    body.establishment_count = 1
    body.save()
    refresh_names(only=[body.pk])
    body.refresh_from_db()
    return body


def admin_of(body):
    return MembershipFactory(managing_body=body, role=MembershipRole.ADMIN).user


def edit(client, body, **data):
    url = reverse("directory:managing_body_edit", args=[body.finess])
    return client.post(url, {"usual_name": "", **data})


def test_administrator_declares_the_usual_name_audited_and_searchable(client, placeholder_body):
    body = placeholder_body
    client.force_login(admin_of(body))
    response = edit(client, body, usual_name="  Fondation   des Dombes ")
    assert response.status_code == 302
    body.refresh_from_db()
    assert body.usual_name == "Fondation des Dombes" and str(body) == "Fondation des Dombes"
    assert "DOMBES" in body.search_name
    log = AuditLog.objects.get(action="managing_body.update", object_id=body.finess)
    assert log.changes["usual_name"] == ["", "Fondation des Dombes"]
    page = words(client.get(reverse("directory:managing_body", args=[body.finess])))
    assert "Fondation des Dombes nom d'usage déclaré par l'organisme" in page
    assert "Raison sociale (FINESS) Pas encore connue" in page
    found = client.get(reverse("directory:managing_bodies"), {"q": "dombes"})
    assert [b.finess for b in found.context["page_obj"]] == [body.finess]


@pytest.mark.django_db
def test_official_name_stays_the_display_name_beside_the_usual_name(client):
    body = ManagingBodyFactory(name="ASSOCIATION DU BUGEY")
    client.force_login(admin_of(body))
    edit(client, body, usual_name="Les Tilleuls")
    body.refresh_from_db()
    assert body.display_name == "ASSOCIATION DU BUGEY"
    response = client.get(reverse("directory:managing_body", args=[body.finess]))
    assert "<h1>ASSOCIATION DU BUGEY</h1>" in text(response)
    assert "Les Tilleuls nom d'usage déclaré par l'organisme" in words(response)


def test_invalid_usual_name_is_refused_with_a_french_message(client, placeholder_body):
    client.force_login(admin_of(placeholder_body))
    response = edit(client, placeholder_body, usual_name="Alpha\x07")
    assert response.status_code == 200
    assert "Le nom d'usage ne doit pas contenir de caractère de contrôle." in text(response)
    assert not AuditLog.objects.filter(action="managing_body.update").exists()


def test_only_the_body_s_own_administrators_may_name_it(client, placeholder_body):
    other_admin = admin_of(ManagingBodyFactory())
    member = MembershipFactory(managing_body=placeholder_body, role=MembershipRole.MEMBER).user
    for user in (other_admin, member):
        client.force_login(user)
        assert edit(client, placeholder_body, usual_name="Pris").status_code == 403
    placeholder_body.refresh_from_db()
    assert placeholder_body.usual_name == ""
    assert not AuditLog.objects.filter(action="managing_body.update").exists()
