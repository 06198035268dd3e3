"""Hostile values in the URLs and forms of documents and library pages: never a server error."""

import pytest
from django.urls import reverse

from tests.factories import national_admin
from tests.specifications import factories

pytestmark = pytest.mark.django_db
HOSTILE = ["\x00", "٢٠٢٦", "9" * 30, "x" * 5000, "../../etc/passwd", "=1+1", "<script>"]


@pytest.mark.parametrize("value", HOSTILE)
def test_library_urls(client, value):
    base = reverse("specifications:library")
    for url in (f"{base}{value}/", f"{base}{value}.csv"):
        assert client.get(url).status_code == 404


@pytest.mark.parametrize("value", HOSTILE)
def test_document_urls(client, value):
    group = factories.group()
    spec = factories.specification(group)
    client.force_login(group.carrier_admin)
    base = reverse("specifications:documents", args=[spec.uid])
    assert client.get(f"{base}1/{value}/").status_code == 404
    assert client.get(f"{base}{'9' * 30}/pdf/").status_code == 404


@pytest.mark.parametrize("value", HOSTILE)
def test_forms(client, value):
    group = factories.group()
    spec = factories.specification(group)
    client.force_login(group.carrier_admin)
    lot = reverse("specifications:set_lot", args=[spec.uid])
    for field in ("sad_sector", "sad_mode", "ars_prevalidated_on"):
        assert client.post(lot, {field: value}).status_code in (302, 400)
    client.force_login(national_admin())
    library = reverse("specifications:library")
    base = {"version": "2027.1", "title": "T", "source": "S", "content": "a"}
    for field in ("version", "title", "source", "make_current", "content"):
        assert client.post(library, {**base, field: value}).status_code == 400
