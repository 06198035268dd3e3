from django.urls import reverse
from rest_framework.authtoken.models import Token

from mutualis.core.models import AuditLog
from tests.factories import UserFactory


def test_a_user_generates_an_api_token_shown_once(client, db):
    user = UserFactory()
    client.force_login(user)
    assert "Générer un jeton d'API" in client.get(reverse("accounts:dashboard")).text
    first = client.post(reverse("accounts:api_token"))
    key = Token.objects.get(user=user).key
    assert key in first.text
    client.post(reverse("accounts:api_token"))
    assert not Token.objects.filter(key=key).exists()
    assert AuditLog.objects.filter(action="api_token.regenerate").count() == 2


def test_token_generation_needs_a_signed_in_post(client, db):
    assert client.post(reverse("accounts:api_token")).status_code == 302
    client.force_login(UserFactory())
    assert client.get(reverse("accounts:api_token")).status_code == 405
