"""Needs surveys: one answer per respondent (editable until closing), the needs analysis with
breakdowns by sector, size class and territory, no cell under 5 respondents."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.urls import reverse

from mutualis.workshops import analysis, survey_selectors, survey_services
from mutualis.workshops.models import SurveyAnswer
from tests.factories import MembershipFactory, regional_actor
from tests.pages import text, words
from tests.workshops.conftest import SEED_LEVERS, body_with, open_survey

LEVERS = [("A", "Flexibilité"), ("B", "Adaptation")]


def response(ratings, sector="pa", size="small", region="84", needs=()):
    return analysis.Response(sector, size, region, "01", tuple(ratings.items()), tuple(needs))


def test_share_of_respondents_rating_a_lever_priority_or_more():
    responses = [response({"A": level, "B": 0}) for level in (0,) * 5 + (3,) * 5]
    shares = analysis.lever_shares(responses, LEVERS, minimum=5)
    assert shares[0].counts == (5, 0, 0, 5) and shares[0].share == 50.0
    assert shares[0].percent(3) == 50.0
    assert shares[0].segments == [(1, "0.0"), (2, "0.0"), (3, "50.0")]
    assert shares[1].share == 0.0
    # 1, 1, 1 and 2 respondents per level: every count and the share would show a small group
    few = analysis.lever_shares(
        [response({"A": level, "B": 0}) for level in (0, 1, 2, 3, 3)], LEVERS, minimum=5
    )
    assert few[0].counts == (None,) * 4 and few[0].share is None and few[0].segments == []
    assert analysis.lever_shares(responses[:4], LEVERS, minimum=5)[0].respondents is None


def test_no_cell_under_five_respondents():
    responses = (
        [response({"A": 2, "B": 1}, sector="pa") for _ in range(6)]
        + [response({"A": 0, "B": 0}, sector="ph_enfants") for _ in range(5)]
        + [response({"A": 0, "B": 0}, sector="ahi") for _ in range(2)]
    )
    groups = analysis.breakdown(
        responses,
        lambda r: r.sector,
        {"pa": "Personnes âgées", "ph_enfants": "PH enfants", "ahi": "AHI"},
        LEVERS,
        minimum=5,
    )
    assert [(g.label, g.respondents, g.shares, g.mask) for g in groups] == [
        ("Personnes âgées", 6, [100.0, 100.0], ""),
        ("PH enfants", None, [None, None], analysis.COMPLEMENT),  # else 13 - 6 - 5 = 2
        ("AHI", None, [None, None], analysis.SMALL),
        ("Autres (regroupés)", 7, [0.0, 0.0], ""),
    ]
    assert groups[2].is_secret(5) and groups[3].is_others
    needs = analysis.need_shares(
        [response({}, needs=("dui",)) for _ in range(4)], [("dui", "DUI")], 5
    )
    assert needs[0].count is None and needs[0].percent is None


@pytest.mark.django_db
def test_one_answer_per_respondent_edited_until_the_survey_closes():
    survey = open_survey("regional", "84")
    body, admin = body_with(3, "Association de l'Ain")
    ratings = dict.fromkeys(SEED_LEVERS, 1)
    first = survey_services.save_answer(admin, survey, body, ratings, ["dui"], "Besoin d'un DPO")
    again = survey_services.save_answer(admin, survey, body, ratings | {"A": 3}, [], "")
    assert first.pk == again.pk and SurveyAnswer.objects.count() == 1
    assert again.ratings.get(lever__code="A").level == 3 and not again.needs.exists()
    assert (again.sector_id, again.size_class, again.region_id) == ("pa", "small", "84")
    essms = body.establishments.first()
    own = survey_services.save_answer(admin, survey, body, ratings, establishment=essms)
    assert own.pk != first.pk and own.departement_id == "01"
    with pytest.raises(ValidationError, match="chaque levier"):
        survey_services.save_answer(admin, survey, body, {"A": 1})
    with pytest.raises(IntegrityError):
        SurveyAnswer.objects.create(survey=survey, managing_body=body)


@pytest.mark.django_db
def test_a_member_answers_for_its_organisation_then_changes_the_answer(client):
    survey = open_survey("national", title="Recensement national 2026")
    body, admin = body_with(2, "Association de l'Ain")
    client.force_login(admin)
    page = text(client.get(reverse("workshops:survey", args=[survey.uid])))
    assert "Association de l'Ain (organisme gestionnaire)" in page
    url = reverse("workshops:survey_answer", args=[survey.uid])
    form = text(client.get(url))
    assert "Le plus prioritaire" in form and "Dossier usager informatisé (DUI)" in form
    data = {f"levier-{code}": "2" for code in SEED_LEVERS} | {"besoins": ["dui", "securite"]}
    response_ = client.post(url, data | {"commentaire": "Un DPO partagé"}, follow=True)
    assert "Réponse enregistrée" in text(response_)
    essms = body.establishments.first()
    client.post(f"{url}?pour={essms.finess}", data | {"levier-A": "0"})
    answers = survey_selectors.answers_of(survey, body)
    assert [a.establishment_id for a in answers.order_by("pk")] == [None, essms.pk]
    edit = text(client.get(url))
    assert 'value="dui"' in edit and "Un DPO partagé" in edit
    missing = text(client.post(url, {"levier-A": "1"}))
    assert "Ce champ est obligatoire" in missing


@pytest.mark.django_db
def test_the_needs_analysis_page_with_small_cells(client):
    survey = open_survey("regional", "84", title="Besoins AURA")
    ratings = dict.fromkeys(SEED_LEVERS, 0)
    for index in range(6):  # six EHPAD managing bodies of the Ain, priority on lever D
        body, admin = body_with(2, f"EHPAD {index}")
        survey_services.save_answer(admin, survey, body, ratings | {"D": 2}, ["dui"])
    for index in range(2):  # two IME managing bodies: a secret cell
        body, admin = body_with(1, f"IME {index}", category="183", departement="38")
        survey_services.save_answer(admin, survey, body, ratings | {"D": 3})
    actor = regional_actor("84")
    client.force_login(actor)
    page = words(client.get(reverse("workshops:survey_results", args=[survey.uid])))
    assert "8 répondants" in page
    assert (  # 6 very priority and 2 top priority: 8 - 6 would give the 2
        "D. Un espace de partage des retours d'expérience de mutualisation 8 0 0 secret secret "
        "100,0 %" in page
    )
    assert "Personnes âgées masqué (secret par recoupement) secret" in page
    assert "Personnes handicapées — enfants moins de 5 répondants secret" in page
    assert "Autres (regroupés) 8 0,0 % 0,0 % 0,0 % 100,0 %" in page
    assert "Ain masqué (secret par recoupement)" in page
    assert "Isère moins de 5 répondants secret" in page
    assert "Dossier usager informatisé (DUI) secret secret" in page  # 8 - 6: 2 without
    client.force_login(MembershipFactory().user)
    assert client.get(reverse("workshops:survey_results", args=[survey.uid])).status_code == 403


@pytest.mark.django_db
def test_under_five_respondents_nothing_is_published(client):
    survey = open_survey("national")
    body, admin = body_with(1, "Seul répondant")
    survey_services.save_answer(
        admin, survey, body, dict.fromkeys(SEED_LEVERS, 2) | {"A": 3}, comment="Mon organisme..."
    )
    report = survey_selectors.report(survey)
    assert report.is_secret and all(share.share is None for share in report.shares)
    assert report.comments == []
    client.force_login(regional_actor("84"))
    page = words(client.get(reverse("workshops:survey_results", args=[survey.uid])))
    assert "Moins de 5 répondants" in page and "Mon organisme" not in page
    assert "1 répondant" not in page
