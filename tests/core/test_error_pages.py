"""French error pages."""

import pytest
from django.test import RequestFactory

from config import urls
from mutualis.core import views

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
