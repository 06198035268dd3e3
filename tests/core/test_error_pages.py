"""French error pages."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import Client, RequestFactory
from django.urls import reverse

from config import urls
from mutualis.core import errors, views
from tests.core import error_urls
from tests.factories import UserFactory
from tests.pages import text

pytestmark = pytest.mark.django_db


def test_an_unknown_url_is_the_french_404_page(client):
    response = client.get("/cette-page-n-existe-pas/")

    assert response.status_code == 404
    assert "core/404.html" in [template.name for template in response.templates]
    content = response.content.decode()
    assert '<html lang="fr"' in content
    assert "Page introuvable" in content
    assert "Erreur 404" in content
    assert "La page que vous cherchez est introuvable." in content
    assert 'href="/annuaire/"' in content


def test_an_unknown_establishment_is_the_french_404_page(client):
    response = client.get("/annuaire/etablissements/999999999/")

    assert response.status_code == 404
    assert "Page introuvable" in response.content.decode()


def test_handler500_is_the_french_500_page():
    assert urls.handler500 == "mutualis.core.views.server_error"
    request = RequestFactory().get("/une-page-en-panne/")

    response = views.server_error(request)

    assert response.status_code == 500
    content = response.content.decode()
    assert '<html lang="fr">' in content
    assert "Erreur inattendue" in content
    assert "Erreur 500" in content
    assert "Désolé, le service rencontre un problème." in content


def test_the_500_page_needs_no_database_nor_session(django_assert_num_queries):
    # A broken database is a common cause of a 500: the page must render without it.
    request = RequestFactory().get("/")

    with django_assert_num_queries(0):
        response = views.server_error(request)

    assert response.status_code == 500


ERROR_URLS = "tests.core.error_urls"


def _in_layout(response) -> str:
    """The page's text, after checking it is a French page of the site layout."""
    page = text(response)
    assert '<html lang="fr"' in page
    assert 'id="pied-de-page"' in page and "base.html" in [t.name for t in response.templates]
    return page


@pytest.mark.urls(ERROR_URLS)
def test_a_suspicious_request_is_the_french_400_page(client):
    response = client.get("/essai/400/")

    assert response.status_code == 400
    page = _in_layout(response)
    assert "Requête non valable" in page and "Erreur 400" in page


@pytest.mark.urls(ERROR_URLS)
def test_the_403_page_says_why_and_what_to_do(client):
    response = client.get("/essai/403-motif/")

    assert response.status_code == 403
    page = _in_layout(response)
    assert "Accès refusé" in page and "Erreur 403" in page
    assert error_urls.REASON in page
    assert "Connectez-vous" in page
    assert "/comptes/connexion/?next=/essai/403-motif/" in page


@pytest.mark.urls(ERROR_URLS)
def test_a_signed_in_user_is_told_to_ask_the_organisation(client):
    client.force_login(UserFactory())

    page = _in_layout(client.get("/essai/403/"))

    assert "demandez à son administrateur de vous inviter" in page
    assert "Connectez-vous" not in page


@pytest.mark.urls(ERROR_URLS)
def test_a_wrong_method_is_the_french_405_page_with_its_allow_header(client):
    response = client.get("/essai/405/")

    assert response.status_code == 405
    assert response["Allow"] == "POST"
    page = _in_layout(response)
    assert "Action non autorisée sur cette page" in page and "Erreur 405" in page


def test_a_site_view_limited_to_post_answers_the_405_page(client):
    client.force_login(UserFactory())

    response = client.get(reverse("grappes:propose"))

    assert response.status_code == 405
    assert response["Allow"] == "POST"
    assert "Erreur 405" in _in_layout(response)


def test_a_refused_form_token_is_the_french_csrf_page():
    client = Client(enforce_csrf_checks=True)

    response = client.post(reverse("accounts:login"), {"username": "a", "password": "b"})

    assert response.status_code == 403
    page = _in_layout(response)
    assert "Formulaire expiré" in page and "soumettez à nouveau le formulaire" in page


def test_the_429_page_is_french_in_the_layout(rf):
    request = rf.get("/")
    request.user = AnonymousUser()

    response = errors.error_page(request, 429)

    assert response.status_code == 429
    assert "Trop de demandes" in text(response) and "Erreur 429" in text(response)


@pytest.mark.urls(ERROR_URLS)
def test_an_exception_is_answered_by_the_french_500_page(client):
    client.raise_request_exception = False

    response = client.get("/essai/500/")

    assert response.status_code == 500
    page = text(response)
    assert '<html lang="fr">' in page and "Erreur inattendue" in page


@pytest.mark.urls(ERROR_URLS)
def test_errors_under_the_api_are_french_json(client):
    client.raise_request_exception = False

    crashed = client.get("/api/essai/500/")
    refused = client.get("/api/essai/403/")
    unknown = client.get("/api/nulle-part/")

    assert crashed.status_code == 500
    assert crashed.json() == {"detail": "Erreur inattendue du serveur : réessayez plus tard."}
    assert refused.status_code == 403 and refused.json() == {"detail": error_urls.REASON}
    assert unknown.status_code == 404 and unknown.json() == {"detail": "Ressource introuvable."}


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        (reverse("maturity:referentials"), errors.NATIONAL_ADMIN_ONLY),
        (reverse("grappes:partners"), errors.NOT_A_MEMBER),
    ],
)
def test_site_views_say_why_they_refuse(client, url, reason):
    client.force_login(UserFactory())

    response = client.get(url)

    assert response.status_code == 403
    assert reason in _in_layout(response)


def test_a_disallowed_host_is_the_french_400_page_before_any_middleware_state(client):
    # DisallowedHost is raised by CommonMiddleware, before authentication has run.
    response = client.get("/", HTTP_HOST="ailleurs.example")

    assert response.status_code == 400
    assert "Requête non valable" in text(response)
