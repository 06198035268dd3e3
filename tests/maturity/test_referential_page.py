"""National administrators load a referential version from the browser."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from mutualis.maturity.models import ReferentialVersion
from mutualis.maturity.referential import COLUMNS
from tests.factories import UserFactory, national_admin
from tests.pages import text

pytestmark = pytest.mark.django_db
URL = reverse("maturity:referentials")
ROW = "1,Gouvernance,1.1,Pilotage,1.1.{n},Question ?,oui,,P0,P1,P2,P3,P4"


def upload(client, content: str, name="v.csv", version="2027.1"):
    data = {
        "file": SimpleUploadedFile(name, content.encode()),
        "version": version,
        "title": "Référentiel 2027",
        "source": "Essai",
        "make_current": "on",
    }
    return client.post(URL, data, follow=True)


def test_only_national_administrators(client):
    client.force_login(UserFactory())
    assert client.get(URL).status_code == 403


def test_a_valid_file_becomes_the_current_version(client):
    client.force_login(national_admin())
    response = upload(client, "\n".join([",".join(COLUMNS), ROW.format(n=1), ROW.format(n=2)]))
    assert "Référentiel Référentiel 2027 (2027.1) chargé." in text(response)
    assert ReferentialVersion.objects.get(is_current=True).version == "2027.1"


def test_errors_are_listed_by_line_and_nothing_is_loaded(client):
    client.force_login(national_admin())
    response = upload(client, "\n".join([",".join(COLUMNS), ROW.replace("oui", "si").format(n=1)]))
    page = text(response)
    assert "Le fichier n'a pas été chargé (1 problème)" in page
    assert "Ligne 2 : is_socle doit valoir « oui » ou « non »." in page
    assert not ReferentialVersion.objects.filter(version="2027.1").exists()
    assert "Le fichier doit être un CSV" in text(upload(client, "x", name="v.xlsx"))
