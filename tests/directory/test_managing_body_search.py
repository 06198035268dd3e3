"""Managing bodies found by FINESS number, words of their names and their commune, by one
selector shared by the directory, the chooser suggestions and the chooser fields."""

import pytest
from django import forms
from django.urls import reverse

from mutualis.directory.choosers import ManagingBodiesField, resolve_managing_body
from mutualis.directory.models import ManagingBody
from mutualis.directory.name_refresh import refresh_names
from mutualis.directory.selectors import search_managing_bodies
from tests.factories import EstablishmentFactory, ManagingBodyFactory
from tests.pages import text

CHOICES = reverse("directory:managing_body_choices")


@pytest.fixture
def bodies(db):
    alpha = ManagingBodyFactory(finess="750808511", name="FONDATION SAINT-ÉLOI")
    dombes = ManagingBodyFactory(
        finess="010000024",
        name="Organisme gestionnaire 010000024",
        name_is_placeholder=True,
        usual_name="Association des Dombes",
    )
    EstablishmentFactory.create_batch(2, managing_body=dombes)  # at Bourg-en-Bresse
    lyon = ManagingBodyFactory(finess="690000013", name="ADAPEI DU RHONE", city="Lyon")
    ManagingBodyFactory(finess="750000017", name="FONDATION FERMEE", is_closed=True)
    refresh_names()
    return {"alpha": alpha, "dombes": dombes, "lyon": lyon}


def found(query: str) -> list[str]:
    return [body.finess for body in search_managing_bodies(query)]


def test_by_finess_number_typed_with_spaces_or_dots(bodies):
    assert found("750 808 511") == ["750808511"]
    assert found("75.080.851.1") == ["750808511"]
    assert found(" 010000024 ") == ["010000024"]


def test_by_the_first_digits_of_the_number(bodies):
    assert found("7508") == ["750808511"]
    assert found("69 00") == ["690000013"]


def test_by_words_of_the_official_or_usual_name_in_any_order_and_case(bodies):
    assert found("saint eloi") == ["750808511"]
    assert found("dombes association") == ["010000024"]
    assert found("ADAPEI rhône") == ["690000013"]


def test_by_the_seat_or_the_main_commune(bodies):
    assert found("lyon") == ["690000013"]
    assert found("bourg en bresse") == ["010000024"]


def test_closed_bodies_are_not_proposed(bodies):
    assert found("fermee") == [] and found("750000017") == []


def test_suggestions_endpoint_answers_listbox_options(client, bodies):
    response = client.get(CHOICES, {"q": "dombes"})
    page = text(response)
    assert response.status_code == 200
    assert 'role="option"' in page and 'data-value="010000024"' in page
    assert "Association des Dombes" in page and "Bourg-en-Bresse (01)" in page
    assert 'role="option"' not in text(client.get(CHOICES, {"q": "d"}))
    assert client.post(CHOICES, {"q": "dombes"}).status_code == 405


def test_resolver_accepts_a_number_written_beside_the_name(bodies):
    queryset = ManagingBody.objects.filter(is_closed=False)
    assert resolve_managing_body("Association des Dombes (010000024)", queryset).finess == (
        "010000024"
    )
    assert resolve_managing_body("dombes", queryset) == bodies["dombes"]


def test_resolver_explains_no_match_and_several_matches(bodies):
    queryset = ManagingBody.objects.filter(is_closed=False)
    with pytest.raises(forms.ValidationError, match="Aucun organisme gestionnaire ne correspond"):
        resolve_managing_body("introuvable", queryset)
    with pytest.raises(forms.ValidationError) as several:
        resolve_managing_body("fondation", queryset | ManagingBody.objects.all())
    assert "Plusieurs organismes correspondent à « fondation »" in several.value.messages[0]
    assert "FONDATION SAINT-ÉLOI (750808511)" in several.value.messages[0]


def test_several_bodies_one_per_line_with_line_numbers(bodies):
    field = ManagingBodiesField(required=False)
    assert [b.finess for b in field.clean("750808511, 690000013\ndombes\n\n")] == [
        "750808511",
        "690000013",
        "010000024",
    ]
    with pytest.raises(forms.ValidationError) as error:
        field.clean("750808511\nintrouvable\n999999999")
    assert error.value.messages == [
        "Ligne 2 : Aucun organisme gestionnaire ne correspond à « introuvable » : essayez son "
        "n° FINESS juridique, un autre mot de son nom ou sa commune.",
        "Ligne 3 : Aucun organisme gestionnaire avec le n° FINESS juridique 999999999.",
    ]


def test_establishments_filtered_by_their_managing_body_s_name(client, bodies):
    EstablishmentFactory(name="EHPAD DE LYON", managing_body=bodies["lyon"])
    response = client.get(reverse("directory:establishments"), {"managing_body": "adapei"})
    assert [e.name for e in response.context["page_obj"]] == ["EHPAD DE LYON"]
