"""Sign-up says nothing of whether an address has an account: the same answer, and the owner
of an existing account is told by e-mail that someone tried."""

import pytest
from django.urls import reverse

from mutualis.accounts.models import User
from mutualis.core.models import AuditLog
from tests.factories import PASSWORD, UserFactory
from tests.mail import after_commit
from tests.pages import words

pytestmark = pytest.mark.django_db

SIGN_UP = reverse("accounts:signup")


def sign_up(client, email):
    with after_commit():
        return client.post(SIGN_UP, {"email": email, "password": PASSWORD}, follow=True)


@pytest.mark.parametrize("email", ["camille@example.org", "Camille@Example.org"])
def test_an_existing_address_gets_the_same_answer_and_its_owner_an_e_mail(
    client, mailoutbox, email
):
    owner = UserFactory(email="camille@example.org")
    new = sign_up(client, "nouvelle@example.org")
    mailoutbox.clear()

    existing = sign_up(client, email)

    assert existing.redirect_chain == new.redirect_chain
    assert words(existing) == words(new)
    assert list(User.objects.values_list("email", flat=True)) == ["camille@example.org"]
    assert "_auth_user_id" not in client.session
    assert not AuditLog.objects.filter(action="user.sign_up").exists()
    [message] = mailoutbox
    assert message.to == [owner.email]
    assert message.subject == "Tentative de création de compte Mutualis"
    assert "Aucun compte n'a été créé." in message.body
    assert "http://testserver" + reverse("accounts:password_reset") in message.body
    assert "/inscription/confirmer/" not in message.body
    owner.refresh_from_db()
    assert owner.check_password(PASSWORD)  # the factory's password, untouched
