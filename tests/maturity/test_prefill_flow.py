"""A new campaign starts from what the organisation already said; pre-filled answers are
marked until a member confirms them, and answers contradicting the IT profile are flagged."""

import pytest
from django.urls import reverse

from mutualis.directory.models import ItProfile
from mutualis.maturity import services
from mutualis.maturity.models import Answer, PrefillSource
from tests.pages import text

pytestmark = pytest.mark.django_db
MARK = "Pré-rempli depuis la campagne précédente — à confirmer"


def _submitted_last_year(member, establishment, indicators):
    body = establishment.managing_body
    previous = services.start_assessment(member, body, establishment, campaign=2025)
    for indicator in indicators:
        services.save_answer(member, previous, indicator.code, 2)
    return services.submit_assessment(member, previous)


def test_a_new_campaign_is_prefilled_from_the_previous_one(
    client, member, establishment, indicators
):
    _submitted_last_year(member, establishment, indicators)

    assessment = services.start_assessment(
        member, establishment.managing_body, establishment, campaign=2026
    )

    answers = assessment.answers.all()
    assert answers.count() == len(indicators)
    assert {(a.level, a.prefill_source) for a in answers} == {(2, PrefillSource.PREVIOUS)}
    client.force_login(member)
    page = text(client.get(reverse("maturity:fill", args=[assessment.uid])))
    first_dimension = [
        i
        for i in indicators
        if i.theme.dimension.position == indicators[0].theme.dimension.position
    ]
    assert page.count(MARK) == len(first_dimension)  # each question of the page shown
    assert f"{len(indicators)} réponses pré-remplies à confirmer" in page


def test_confirming_an_answer_removes_its_mark_and_refreshes_the_counters(
    client, member, establishment, indicators
):
    _submitted_last_year(member, establishment, indicators)
    assessment = services.start_assessment(
        member, establishment.managing_body, establishment, campaign=2026
    )
    client.force_login(member)

    response = client.post(
        reverse("maturity:save_answer", args=[assessment.uid, "1.1.1"]),
        {"niveau-1.1.1": "3"},
        headers={"HX-Request": "true"},
    )

    html = response.content.decode()
    answer = Answer.objects.get(assessment=assessment, indicator__code="1.1.1")
    assert (answer.level, answer.prefill_source) == (3, "")
    # Out-of-band swaps: the page's counters, the submit state and this question's mark.
    assert 'id="compteur-reponses" hx-swap-oob="true"' in html
    assert f"{len(indicators)} questions répondues sur {len(indicators)}" in html
    assert 'id="compteur-dimension-1" hx-swap-oob="true"' in html
    assert f"{len(indicators) - 1} réponses pré-remplies à confirmer" in html
    assert 'id="prefill-1-1-1" hx-swap-oob="true"' in html
    assert MARK not in html


def test_the_answered_counter_follows_a_first_answer(client, member, establishment):
    assessment = services.start_assessment(member, establishment.managing_body, establishment)
    client.force_login(member)

    response = client.post(
        reverse("maturity:save_answer", args=[assessment.uid, "1.1.1"]), {"niveau-1.1.1": "1"}
    )

    assert "1 question répondue sur" in text(response)
    assert "(1/" in response.content.decode().split('id="compteur-dimension-1"')[1][:60]


def test_submission_waits_for_prefilled_answers_to_be_confirmed(
    client, member, establishment, indicators
):
    _submitted_last_year(member, establishment, indicators)
    assessment = services.start_assessment(
        member, establishment.managing_body, establishment, campaign=2026
    )
    client.force_login(member)

    response = client.post(reverse("maturity:submit", args=[assessment.uid]), follow=True)

    page = text(response)
    assert (
        f"Confirmez ou corrigez d'abord les réponses pré-remplies ({len(indicators)}) : "
        f"1.1.1, 1.1.2, 1.1.3, 1.1.4, 1.2.1 et {len(indicators) - 5} autres." in page
    )
    assert "soumettez" not in page.lower()
    assert "vous pouvez soumettre" not in page
    assessment.refresh_from_db()
    assert not assessment.is_submitted


def test_a_refused_submission_never_invites_to_submit(client, member, establishment):
    assessment = services.start_assessment(member, establishment.managing_body, establishment)
    client.force_login(member)

    page = text(client.post(reverse("maturity:submit", args=[assessment.uid]), follow=True))

    assert "Répondez d'abord aux questions socles" in page
    assert "Avant de soumettre, répondez aux questions socles sans réponse" in page
    assert "soumettez" not in page.lower()
    assert "vous pouvez soumettre" not in page


def test_the_it_profile_prefills_and_flags_a_contradiction(client, member, establishment):
    ItProfile.objects.create(establishment=establishment, dui_status="deployed", has_wifi=False)
    assessment = services.start_assessment(member, establishment.managing_body, establishment)
    prefilled = dict(assessment.answers.values_list("indicator__code", "level"))
    assert prefilled == {"2.1.1": 3, "3.2.2": 0}
    services.save_answer(member, assessment, "2.1.1", 0)  # "dossier papier"
    client.force_login(member)

    page = text(client.get(reverse("maturity:fill", args=[assessment.uid]) + "?dimension=2"))

    assert "Votre profil SI indique un DUI déployé, mais cette réponse dit" in page
    assert "tenu uniquement sur papier" in page
    assert "1 réponse en contradiction avec le profil SI" in page
    assert "Pré-rempli depuis le profil SI — à confirmer" not in page.split("2.1.2")[0]
