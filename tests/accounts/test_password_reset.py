"""Forgotten password: a link by e-mail, a new password, a sign-in with it."""

import re

import pytest
from django.core import mail
from django.urls import reverse

from tests.factories import PASSWORD, UserFactory
from tests.mail import after_commit

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "un-nouveau-secret-2024"
LINK = re.compile(r"http://testserver(/comptes/mot-de-passe/[^/\s]+/[^/\s]+/)")


def request_reset(client, email):
    with after_commit():
        return client.post(reverse("accounts:password_reset"), {"email": email})


def test_the_reset_e_mail_carries_a_link(client):
    user = UserFactory()

    response = request_reset(client, user.email)

    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:password_reset_done")
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [user.email]
    assert message.subject == "Réinitialisation de votre mot de passe Mutualis"
    assert "Pour choisir un nouveau mot de passe sur Mutualis" in message.body
    assert LINK.search(message.body)
    done = client.get(response["Location"])
    assert "Vérifiez votre messagerie" in done.content.decode()


def test_an_unknown_address_gets_the_same_answer_and_no_e_mail(client):
    response = request_reset(client, "inconnu@example.org")

    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:password_reset_done")
    assert mail.outbox == []


def test_following_the_link_sets_a_new_password_that_signs_in(client):
    user = UserFactory()
    request_reset(client, user.email)
    link = LINK.search(mail.outbox[0].body).group(1)

    # Django swaps the token in the URL for one kept in the session, then shows the form.
    form_url = client.get(link)["Location"]
    form_page = client.get(form_url)
    assert form_page.status_code == 200
    assert form_page.context["validlink"] is True
    assert "Choisir un nouveau mot de passe" in form_page.content.decode()

    response = client.post(form_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})

    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:login")
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)
    login_page = client.get(response["Location"])
    assert "Votre mot de passe a été changé : connectez-vous." in login_page.content.decode()

    old = client.post(reverse("accounts:login"), {"username": user.email, "password": PASSWORD})
    assert old.status_code == 200
    assert "Adresse e-mail ou mot de passe incorrect." in old.content.decode()
    new = client.post(reverse("accounts:login"), {"username": user.email, "password": NEW_PASSWORD})
    assert new.status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)


def test_a_weak_new_password_is_refused(client):
    user = UserFactory()
    request_reset(client, user.email)
    form_url = client.get(LINK.search(mail.outbox[0].body).group(1))["Location"]

    response = client.post(form_url, {"new_password1": "1234567890", "new_password2": "1234567890"})

    assert response.status_code == 200
    assert "Ce mot de passe est entièrement numérique." in response.content.decode()
    user.refresh_from_db()
    assert user.check_password(PASSWORD)


def test_the_link_works_only_once(client):
    user = UserFactory()
    request_reset(client, user.email)
    link = LINK.search(mail.outbox[0].body).group(1)
    form_url = client.get(link)["Location"]
    client.post(form_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})

    again = client.get(link, follow=True)

    assert again.context["validlink"] is False
    assert "Ce lien n'est plus valable." in again.content.decode()
