"""A member fills in an assessment (answers saved as chosen), submits it and reads the result."""

import pytest
from django.urls import reverse

from mutualis.core.models import AuditLog
from mutualis.maturity import services
from mutualis.maturity.models import Answer, Assessment
from tests.pages import text

pytestmark = pytest.mark.django_db


def start(client, subject=""):
    return client.post(reverse("maturity:start"), {"subject": subject})


def test_a_member_starts_the_assessment_of_an_establishment(client, member, establishment):
    client.force_login(member)
    page = text(client.get(reverse("maturity:home")))
    assert "Aucun autodiagnostic pour l'instant." in page
    assert f"EHPAD Les Tilleuls ({establishment.finess})" in page

    response = start(client, establishment.finess)

    assessment = Assessment.objects.get()
    assert response["Location"] == reverse("maturity:fill", args=[assessment.uid])
    assert assessment.establishment == establishment
    assert assessment.referential.version == "2026.1"
    assert assessment.status == Assessment.Status.DRAFT
    assert start(client, establishment.finess)["Location"] == response["Location"]  # resumed
    assert Assessment.objects.count() == 1
    assert AuditLog.objects.filter(action="assessment.start").count() == 1


def test_an_answer_is_saved_as_soon_as_it_is_chosen(client, member, establishment):
    client.force_login(member)
    start(client)
    assessment = Assessment.objects.get()
    url = reverse("maturity:save_answer", args=[assessment.uid, "1.1.1"])

    response = client.post(url, {"niveau-1.1.1": "3"}, headers={"HX-Request": "true"})

    assert "Réponse enregistrée" in response.text
    answer = Answer.objects.get(assessment=assessment, indicator__code="1.1.1")
    assert answer.level == 3 and answer.updated_by == member
    client.post(url, {"niveau-1.1.1": ""})
    assert Answer.objects.get(pk=answer.pk).level is None  # "je ne sais pas encore"


def test_the_dimension_form_saves_and_moves_on_without_javascript(client, member, indicators):
    client.force_login(member)
    start(client)
    assessment = Assessment.objects.get()
    first = [i for i in indicators if i.theme.dimension.code == "1"]
    data = {f"niveau-{i.code}": "2" for i in first}

    response = client.post(reverse("maturity:fill", args=[assessment.uid]) + "?dimension=1", data)

    assert response["Location"].endswith("?dimension=2")
    assert set(assessment.answers.values_list("level", flat=True)) == {2}
    assert assessment.answers.count() == len(first)
    page = text(client.get(response["Location"]))
    assert f"({len(first)}/{len(first)})" in page
    assert "Adéquation fonctionnelle" in page


def test_submission_requires_the_core_questions(client, member, indicators):
    client.force_login(member)
    start(client)
    assessment = Assessment.objects.get()
    services.save_answer(member, assessment, indicators[0].code, 4)

    response = client.post(reverse("maturity:submit", args=[assessment.uid]), follow=True)

    assert "Répondez d'abord aux questions socles" in text(response)
    assert Assessment.objects.get().status == Assessment.Status.DRAFT


def test_submitting_stores_scores_and_profile_and_shows_the_result(
    client, member, establishment, indicators
):
    client.force_login(member)
    start(client, establishment.finess)
    assessment = Assessment.objects.get()
    for indicator in indicators:
        if indicator.is_socle or indicator.theme.dimension.code == "1":
            services.save_answer(member, assessment, indicator.code, 3 if indicator.is_socle else 1)

    response = client.post(reverse("maturity:submit", args=[assessment.uid]), follow=True)

    assessment.refresh_from_db()
    assert assessment.status == Assessment.Status.SUBMITTED and assessment.submitted_at
    assert assessment.socle_score == 3.0
    assert assessment.global_score is not None and assessment.dimension_scores["1"] < 3
    assert (assessment.region_id, assessment.departement_id) == ("84", "01")
    assert assessment.sector_id == establishment.category.sector_id
    assert assessment.size_class == "small"
    assert assessment.services_socles == {}  # their indicators were left unanswered
    page = text(response)
    assert "Autodiagnostic soumis : voici votre résultat." in page
    assert "Niveau global" in page and "Pour progresser" in page
    assert "Pas assez de pairs (moins de 5)" in page
    assert "questions sans réponse" in page.lower()
    # The next palier of a core question is proposed as the recommendation.
    socle = next(i for i in indicators if i.is_socle)
    assert f"Palier 4 : {socle.paliers[4]}" in page
    # Submitted: read-only until reopened.
    edit = client.get(reverse("maturity:fill", args=[assessment.uid]))
    assert edit["Location"] == reverse("maturity:result", args=[assessment.uid])


def test_reopening_allows_corrections(client, member, indicators):
    client.force_login(member)
    start(client)
    assessment = Assessment.objects.get()
    for indicator in indicators:
        services.save_answer(member, assessment, indicator.code, 2)
    services.submit_assessment(member, assessment)

    client.post(reverse("maturity:reopen", args=[assessment.uid]))

    assert Assessment.objects.get().status == Assessment.Status.DRAFT
    services.save_answer(member, assessment, indicators[0].code, 4)
    assert AuditLog.objects.filter(action="assessment.reopen").exists()


def test_services_socles_count_as_adopted_from_palier_3(member, establishment, indicators):
    assessment = services.start_assessment(member, establishment.managing_body)
    for indicator in indicators:
        level = {"ins": 3, "mssante": 4, "dmp": 2}.get(indicator.service_socle, 1)
        services.save_answer(member, assessment, indicator.code, level)
    services.submit_assessment(member, assessment)
    assert Assessment.objects.get().services_socles == {
        "ins": True,
        "mssante": True,
        "dmp": False,
        "psc": False,
    }
