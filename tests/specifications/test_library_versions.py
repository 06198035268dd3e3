"""The requirements library's pages: versions for everyone, upload with preview for national
administrators, the CSV of a version (the base of the next one)."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from mutualis.core.models import AuditLog
from mutualis.specifications.models import RequirementLibrary
from mutualis.specifications.requirements import COLUMNS, read_library
from tests.factories import national_admin, regional_actor
from tests.specifications import factories

pytestmark = pytest.mark.django_db
LIBRARY = reverse("specifications:library")
HEADER = ",".join(COLUMNS)
GOOD = (
    HEADER + "\n"
    "dossier,Dossier de l'usager,X-01,Une exigence,,,,Source A,vérifiée\n"
    "dossier,Dossier de l'usager,X-02,Une autre,,,,Source B,déduite\n"
    "soins,Soins,X-03,Un soin,,,,Source C,vérifiée\n"
)


def upload(text: str, name: str = "exigences.csv", **data):
    return {
        "file": SimpleUploadedFile(name, text.encode(), content_type="text/csv"),
        "version": "2027.1",
        "title": "Nouvelle version",
        "source": "Équipe Mutualis",
        "make_current": "on",
        **data,
    }


def test_everyone_reads_the_versions(client):
    response = client.get(LIBRARY)
    assert response.status_code == 200
    body = response.content.decode()
    assert "2026.1" in body and "En vigueur" in body
    assert "Charger une nouvelle version" not in body
    page = client.get(reverse("specifications:library_version", args=["2026.1"]))
    assert page.status_code == 200 and "DUI-01" in page.content.decode()
    assert "ANS, guide" in page.content.decode()
    assert client.get(reverse("specifications:library_version", args=["0.0"])).status_code == 404


def test_the_csv_of_a_version_reads_back_identically(client):
    response = client.get(reverse("specifications:library_csv", args=["2026.1"]))
    assert response.status_code == 200
    rows = read_library(response.content.decode())
    library = RequirementLibrary.objects.get(version="2026.1")
    assert [row["code"] for row in rows] == list(
        library.requirements.values_list("code", flat=True)
    )
    assert rows[0]["source"] == library.requirements.first().source


def test_an_upload_is_previewed_then_loaded_on_confirmation(client):
    admin = national_admin()
    client.force_login(admin)
    preview = client.post(LIBRARY, upload(GOOD))
    assert preview.status_code == 200
    body = preview.content.decode()
    assert "Aperçu : 3 exigences" in body and "Soins : 1" in body
    assert not RequirementLibrary.objects.filter(version="2027.1").exists()
    confirm = preview.context["confirm_form"]
    data = {name: value for name, value in confirm.initial.items() if value is not False}
    response = client.post(LIBRARY, {**data, "make_current": "on"})
    assert response.status_code == 302
    loaded = RequirementLibrary.objects.get(version="2027.1")
    assert loaded.is_current and loaded.requirements.count() == 3 and loaded.loaded_by == admin
    assert AuditLog.objects.filter(action="specifications.library_load").exists()
    assert not RequirementLibrary.objects.get(version="2026.1").is_current


def test_errors_name_their_lines_and_nothing_is_loaded(client):
    client.force_login(national_admin())
    bad = GOOD + "soins,Soins,X-03,Doublon,,,,Source,vérifiée\nsoins,Soins,X-04,,,,,S,peut-être\n"
    response = client.post(LIBRARY, upload(bad))
    assert response.status_code == 400
    body = response.content.decode()
    assert "Ligne 5 : l&#x27;exigence X-03 est en double." in body
    assert "Ligne 6 : la colonne label est vide." in body
    assert RequirementLibrary.objects.count() == 1


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"file": SimpleUploadedFile("x.txt", b"a")}, "Le fichier doit être un CSV"),
        ({"file": SimpleUploadedFile("x.csv", "é".encode("latin-1"))}, "encodé en UTF-8"),
        ({"file": SimpleUploadedFile("x.csv", b"a" * (1024 * 1024 + 1))}, "dépasse 1 Mo"),
        ({"version": "../../etc"}, "Lettres, chiffres"),
        ({"version": "2026.1"}, "existe déjà"),
    ],
)
def test_bad_uploads_are_refused(client, data, message):
    client.force_login(national_admin())
    response = client.post(LIBRARY, upload(GOOD, **data) | data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert RequirementLibrary.objects.count() == 1


def test_a_tampered_confirmation_is_read_again(client):
    client.force_login(national_admin())
    response = client.post(
        LIBRARY,
        {"content": HEADER + "\nbad", "version": "2027.1", "title": "T", "source": "S"},
    )
    assert response.status_code == 400
    assert "Ligne 2" in response.content.decode()
    assert RequirementLibrary.objects.count() == 1


def test_only_national_admins_upload(client):
    for user in (regional_actor("84"), factories.group().carrier_admin):
        client.force_login(user)
        assert client.post(LIBRARY, upload(GOOD)).status_code == 403
    client.logout()
    assert client.post(LIBRARY, upload(GOOD)).status_code == 302  # to the login page
    assert RequirementLibrary.objects.count() == 1
