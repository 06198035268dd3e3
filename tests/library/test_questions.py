"""Questions to authors: a signed-in reader asks, the author is told by e-mail and answers;
answered questions are shown publicly under the report."""

import pytest
from django.core.exceptions import PermissionDenied

from mutualis.library import services
from mutualis.library.models import Question
from tests.factories import UserFactory
from tests.library.conftest import publish, write_report
from tests.mail import after_commit
from tests.pages import text

pytestmark = pytest.mark.django_db


@pytest.fixture
def report(author, moderator):
    return publish(write_report(author, "Un DPO partagé"), moderator)


def test_a_reader_asks_and_the_author_is_emailed(client, report, author, mailoutbox):
    reader = UserFactory(first_name="Lou", last_name="Lectrice")
    client.force_login(reader)
    page = text(client.get(f"/retours-experience/{report.uid}/"))
    assert "Votre question à l'auteur" in page
    with after_commit():
        response = client.post(
            f"/retours-experience/{report.uid}/questions/",
            {"text": "Comment avez-vous réparti le coût du poste ?"},
        )
    assert response["Location"].endswith("#questions")
    question = Question.objects.get()
    assert (question.asked_by, question.answer) == (reader, "")
    assert len(mailoutbox) == 1
    mail = mailoutbox[0]
    assert mail.to == [author.email]
    assert "Un DPO partagé" in mail.subject
    assert "Comment avez-vous réparti le coût du poste ?" in mail.body
    assert f"http://testserver/retours-experience/{report.uid}/" in mail.body
    client.logout()  # not public until answered
    assert "réparti le coût" not in text(client.get(f"/retours-experience/{report.uid}/"))


def test_the_author_answers_and_the_answer_is_public(client, report, author, mailoutbox):
    reader = UserFactory()
    question = services.ask_question(reader, report, "Quelle durée ?", "http://x/")
    client.force_login(author)
    page = text(client.get(f"/retours-experience/{report.uid}/"))
    assert "Questions en attente de votre réponse" in page
    with after_commit():
        client.post(f"/retours-experience/questions/{question.uid}/reponse/", {"text": "Six mois."})
    question.refresh_from_db()
    assert question.answer == "Six mois."
    assert mailoutbox[-1].to == [reader.email]
    client.logout()
    page = text(client.get(f"/retours-experience/{report.uid}/"))
    assert "Quelle durée ?" in page
    assert "Six mois." in page
    assert "Connectez-vous" in page


def test_only_the_author_answers_once(client, report, author):
    question = services.ask_question(UserFactory(), report, "Quel budget ?", "http://x/")
    client.force_login(UserFactory())
    response = client.post(
        f"/retours-experience/questions/{question.uid}/reponse/", {"text": "Pirate."}
    )
    assert response.status_code == 403
    services.answer_question(author, question, "Dix mille euros.", "http://x/")
    with pytest.raises(PermissionDenied):
        services.answer_question(author, question, "Encore.", "http://x/")


def test_questions_need_a_signed_in_reader_and_a_published_report(client, author, report):
    response = client.post(f"/retours-experience/{report.uid}/questions/", {"text": "Anonyme"})
    assert response.status_code == 302 and "/comptes/" in response["Location"]
    with pytest.raises(PermissionDenied):
        services.ask_question(author, report, "À moi-même ?", "http://x/")
    draft = write_report(author, "Brouillon")
    with pytest.raises(PermissionDenied):
        services.ask_question(UserFactory(), draft, "Déjà ?", "http://x/")
    assert not Question.objects.exists()
