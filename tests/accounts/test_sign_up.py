"""Creating an account: a link by e-mail creates it (the same answer whether the address has
an account or not), signs the user in, and the sign-up is audited."""

import datetime as dt
import re

import pytest
from django.core import signing
from django.urls import reverse

from mutualis.accounts import services
from mutualis.accounts.models import User
from mutualis.core.models import AuditLog
from tests.factories import PASSWORD, UserFactory
from tests.mail import after_commit
from tests.pages import text

pytestmark = pytest.mark.django_db

SIGN_UP = reverse("accounts:signup")
LINK = re.compile(r"http://testserver(/comptes/inscription/confirmer/[^\s]+)")


def sign_up(client, url=SIGN_UP, **overrides):
    data = {
        "first_name": "Jeanne",
        "last_name": "Dupont",
        "email": "jeanne.dupont@example.org",
        "password": PASSWORD,
    }
    data.update(overrides)
    with after_commit():  # the link leaves by e-mail once the request commits
        return client.post(url, data)


def confirm(client, mailoutbox):
    """Open the link of the last e-mail and press the button."""
    path = LINK.search(mailoutbox[-1].body).group(1)
    assert client.get(path).status_code == 200
    return client.post(path)


def test_sign_up_sends_a_link_and_creates_nothing_yet(client, mailoutbox):
    response = sign_up(client)

    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:signup_sent")
    assert "Vérifiez votre messagerie" in client.get(response["Location"]).content.decode()
    assert not User.objects.exists()
    assert "_auth_user_id" not in client.session
    [message] = mailoutbox
    assert message.to == ["jeanne.dupont@example.org"]
    assert message.subject == "Confirmez la création de votre compte Mutualis"
    assert PASSWORD not in message.body


def test_the_link_creates_the_user_signs_them_in_and_writes_an_audit_row(client, mailoutbox):
    sign_up(client)

    response = confirm(client, mailoutbox)

    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:dashboard")
    user = User.objects.get(email="jeanne.dupont@example.org")
    assert user.first_name == "Jeanne"
    assert user.last_name == "Dupont"
    assert user.check_password(PASSWORD)
    assert client.session["_auth_user_id"] == str(user.pk)

    audit = AuditLog.objects.get(action="user.sign_up")
    assert audit.actor == user
    assert audit.object_type == "accounts.user"
    assert audit.object_id == str(user.uid)

    dashboard = client.get(response["Location"])
    assert dashboard.status_code == 200
    content = dashboard.content.decode()
    assert "Votre compte a été créé." in content
    assert "Connecté en tant que jeanne.dupont@example.org" in content


def test_opening_the_link_creates_nothing(client, mailoutbox):
    """Mail scanners open links: only the button creates the account."""
    sign_up(client)

    client.get(LINK.search(mailoutbox[0].body).group(1))

    assert not User.objects.exists()


def test_the_link_works_once(client, mailoutbox):
    sign_up(client)
    path = LINK.search(mailoutbox[0].body).group(1)
    client.post(path)
    client.logout()

    response = client.post(path, follow=True)

    assert User.objects.count() == 1
    assert "Ce compte existe déjà : connectez-vous." in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_a_forged_link_creates_nothing(client, mailoutbox, settings):
    sign_up(client)
    path = LINK.search(mailoutbox[0].body).group(1)
    token = path.split("/")[-2]
    data = signing.loads(token, salt=services.SIGN_UP_SALT)
    forged = signing.dumps(data, salt="another", compress=True)

    response = client.post(path.replace(token, forged), follow=True)

    assert "Ce lien n'est pas valide" in text(response)
    settings.SECRET_KEY = "another-" + settings.SECRET_KEY
    client.post(path)
    assert not User.objects.exists()


def test_an_expired_link_creates_nothing(client, mailoutbox, monkeypatch):
    sign_up(client)
    monkeypatch.setattr(services, "SIGN_UP_MAX_AGE", dt.timedelta(seconds=-1))

    response = client.post(LINK.search(mailoutbox[0].body).group(1), follow=True)

    assert "Ce lien a expiré : inscrivez-vous à nouveau." in text(response)
    assert not User.objects.exists()


def test_sign_up_stores_the_address_in_lower_case(client, mailoutbox):
    sign_up(client, email="Jeanne.Dupont@Example.ORG")
    confirm(client, mailoutbox)

    assert mailoutbox[0].to == ["jeanne.dupont@example.org"]
    assert User.objects.filter(email="jeanne.dupont@example.org").exists()


def test_sign_up_follows_next_after_the_link(client, mailoutbox):
    next_url = reverse("directory:managing_bodies")

    sign_up(client, url=f"{SIGN_UP}?next={next_url}")
    response = confirm(client, mailoutbox)

    assert response.status_code == 302
    assert response["Location"] == next_url


@pytest.mark.parametrize(
    ("password", "message"),
    [
        ("court", "Ce mot de passe est trop court. Il doit contenir au minimum 10 caractères."),
        ("1234567890", "Ce mot de passe est entièrement numérique."),
        ("motdepasse", "Ce mot de passe est trop courant."),
        ("jeanne.dupont@example.org", "Le mot de passe est trop semblable"),
    ],
)
def test_a_weak_password_is_refused_with_a_french_reason(client, mailoutbox, password, message):
    response = sign_up(client, password=password)

    assert response.status_code == 200
    errors = response.context["form"].errors["password"]
    assert any(error.startswith(message) for error in errors), errors
    assert not User.objects.exists()
    assert not mailoutbox
    assert not AuditLog.objects.exists()


def test_a_signed_in_user_is_sent_to_the_dashboard(client):
    client.force_login(UserFactory())

    response = client.get(SIGN_UP)

    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:dashboard")


def test_the_address_typed_at_sign_up_signs_in_whatever_its_case(client, mailoutbox):
    sign_up(client, email="Jeanne.Dupont@Example.ORG")
    confirm(client, mailoutbox)
    client.logout()

    response = client.post(
        reverse("accounts:login"), {"username": "Jeanne.Dupont@Example.ORG", "password": PASSWORD}
    )

    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(User.objects.get().pk)
