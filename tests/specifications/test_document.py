"""The specification document: its context, DOCX and PDF, stored versions, and the pages."""

import io
import zipfile

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from mutualis.core.models import AuditLog
from mutualis.grappes.models import GrappeMember
from mutualis.specifications import document, publication
from mutualis.specifications.document_models import SpecificationDocument
from mutualis.specifications.models import Importance, Item, Rating
from tests.factories import national_admin, regional_actor
from tests.projects.factories import GrappeEstablishmentFactory, GrappeMemberFactory
from tests.specifications import factories

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def _docx_text(content: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        return archive.read("word/document.xml").decode()


def _arbitrate_all(spec, importance=Importance.WISHED):
    spec.items.update(importance=importance)


@pytest.fixture
def group():
    return factories.group()


@pytest.fixture
def spec(group):
    spec = factories.specification(group)
    member = spec.grappe.members.get(managing_body=group.bodies[1])
    GrappeEstablishmentFactory.create_batch(2, member=member, grappe=spec.grappe)
    Item.objects.create(
        specification=spec,
        code="PROPRE-1",
        domain_label="Dossier de l'usager",
        label="Export vers notre entrepôt de données",
        proposed_by=group.bodies[1],
        position=999,
    )
    first = spec.items.get(code="DUI-01")
    first.importance = Importance.INDISPENSABLE
    first.save()
    return spec


def test_context_lists_members_requirements_and_criteria(spec, group):
    context = document.build_context(spec)
    members = {m["finess"]: m for m in context["members"]}
    assert members[group.bodies[0].finess]["is_carrier"]
    assert members[group.bodies[1].finess]["essms"] == 2
    assert members[group.bodies[2].finess]["essms"] == 0
    assert context["members"][0]["finess"] == group.bodies[0].finess  # carrier first
    items = {i["code"]: i for d in context["domains"] for i in d["requirements"]}
    assert items["DUI-01"]["importance"] == "Indispensable"
    assert items["DUI-02"]["importance"] == document.NOT_ARBITRATED
    assert items["DUI-01"]["source"].startswith("ANS")
    own = items["PROPRE-1"]
    assert own["own"] and own["proposer"] == group.bodies[1].display_name
    assert context["unarbitrated"] == context["item_count"] - 1
    assert context["weights_total"] == 100
    assert context["library"]["version"] == "2026.1"


def test_hash_changes_with_the_specification(spec):
    before = document.context_hash(document.build_context(spec))
    assert before == document.context_hash(document.build_context(spec))
    spec.items.filter(code="DUI-02").update(importance=Importance.USEFUL)
    assert document.context_hash(document.build_context(spec)) != before


def test_draft_banner_until_every_item_is_arbitrated(spec):
    rendered = document.render_context(document.build_context(spec), 1)
    assert rendered["draft"] and "Projet" in _docx_text(document.render_docx(rendered))
    assert document.DRAFT_BANNER in document.render_html(rendered)
    _arbitrate_all(spec)
    rendered = document.render_context(document.build_context(spec), 2)
    assert not rendered["draft"]
    assert document.DRAFT_BANNER not in document.render_html(rendered)
    assert document.DRAFT_BANNER not in _docx_text(document.render_docx(rendered))


def test_docx_holds_members_requirements_and_criteria(spec, group):
    text = _docx_text(
        document.render_docx(document.render_context(document.build_context(spec), 1))
    )
    assert group.bodies[1].finess in text
    assert "Export vers notre entrepôt de données" in text
    assert "proposée par " + group.bodies[1].display_name in text
    assert "Coût total sur la durée du marché" in text
    assert "2026.1" in text
    assert "{{" not in text and "{%" not in text


def test_generate_stores_docx_and_pdf_as_numbered_versions(spec, group):
    first = publication.generate_documents(group.carrier_admin, spec)
    assert [(d.version, d.kind) for d in first] == [(1, "docx"), (1, "pdf")]
    assert first[1].file.read().startswith(b"%PDF-")
    assert first[0].context_hash == document.context_hash(first[0].context)
    assert first[0].draft and first[0].created_by == group.carrier_admin
    second = publication.generate_documents(group.carrier_admin, spec)
    assert second[0].version == 2
    assert SpecificationDocument.objects.filter(specification=spec).count() == 4
    assert AuditLog.objects.filter(action="specifications.generate").count() == 2


def test_documents_page_for_viewers(client, spec, group):
    url = reverse("specifications:documents", args=[spec.uid])
    client.force_login(group.admins[1])
    page = client.get(url)
    assert page.status_code == 200
    body = page.content.decode()
    assert "Liste de préparation au SAD" in body
    assert "Générer une nouvelle version" not in body  # members read, leads generate
    client.force_login(regional_actor("84"))
    assert client.get(url).status_code == 200
    client.force_login(national_admin())
    assert "Générer une nouvelle version" in client.get(url).content.decode()


def test_documents_page_hidden_from_others(client, spec):
    url = reverse("specifications:documents", args=[spec.uid])
    assert client.get(url).status_code == 302  # anonymous: to the login page
    _, other = factories.body_with_admin("Autre", region="11", departement="75")
    client.force_login(other)
    assert client.get(url).status_code == 404
    assert client.post(reverse("specifications:generate", args=[spec.uid])).status_code == 404


def test_generate_is_for_leads_and_downloads_for_viewers(client, spec, group):
    generate = reverse("specifications:generate", args=[spec.uid])
    client.force_login(group.admins[1])
    assert client.post(generate).status_code == 403
    assert client.get(generate).status_code == 405
    client.force_login(group.carrier_admin)
    assert client.post(generate).status_code == 302
    client.force_login(group.admins[2])
    pdf = client.get(reverse("specifications:document", args=[spec.uid, 1, "pdf"]))
    assert pdf.status_code == 200 and b"".join(pdf.streaming_content).startswith(b"%PDF-")
    docx = client.get(reverse("specifications:document", args=[spec.uid, 1, "docx"]))
    assert docx.status_code == 200 and "wordprocessingml" in docx["Content-Type"]
    assert (
        client.get(reverse("specifications:document", args=[spec.uid, 2, "pdf"])).status_code == 404
    )
    assert (
        client.get(reverse("specifications:document", args=[spec.uid, 1, "exe"])).status_code == 404
    )
    page = client.get(reverse("specifications:documents", args=[spec.uid])).content.decode()
    assert reverse("specifications:document", args=[spec.uid, 1, "docx"]) in page
    assert "La version 1 correspond au cahier des charges" in page
    spec.items.filter(code="DUI-02").update(importance=Importance.USEFUL)
    page = client.get(reverse("specifications:documents", args=[spec.uid])).content.decode()
    assert "Le cahier des charges a changé depuis la version 1" in page


def test_a_member_who_left_sees_nothing(client, spec, group):
    spec.grappe.members.filter(managing_body=group.bodies[2]).update(
        status=GrappeMember.Status.LEFT
    )
    client.force_login(group.admins[2])
    assert client.get(reverse("specifications:documents", args=[spec.uid])).status_code == 404


def test_documents_page_queries_do_not_grow_with_members(
    client, spec, group, django_assert_max_num_queries
):
    url = reverse("specifications:documents", args=[spec.uid])
    client.force_login(group.carrier_admin)
    publication.generate_documents(group.carrier_admin, spec)
    with CaptureQueriesContext(connection) as small:
        assert client.get(url).status_code == 200
    items = list(spec.items.all())
    for n in range(7):
        body, _ = factories.body_with_admin(f"Membre {n}")
        GrappeMemberFactory(
            grappe=spec.grappe, managing_body=body, status=GrappeMember.Status.ACTIVE
        )
        GrappeEstablishmentFactory(member=spec.grappe.members.get(managing_body=body))
        Rating.objects.bulk_create(
            Rating(item=item, managing_body=body, importance=Importance.USEFUL) for item in items
        )
    with django_assert_max_num_queries(len(small)):
        assert client.get(url).status_code == 200


def test_versions_are_paginated(client, spec, group):
    SpecificationDocument.objects.bulk_create(
        SpecificationDocument(
            specification=spec, version=n, kind="pdf", file=f"v{n}.pdf", context={}, context_hash=""
        )
        for n in range(1, 13)
    )
    client.force_login(group.admins[1])
    url = reverse("specifications:documents", args=[spec.uid])
    first = client.get(url).content.decode()
    link = reverse("specifications:document", args=[spec.uid, 12, "pdf"])
    assert (
        link in first and reverse("specifications:document", args=[spec.uid, 2, "pdf"]) not in first
    )
    second = client.get(url, {"page": "2"}).content.decode()
    assert reverse("specifications:document", args=[spec.uid, 1, "pdf"]) in second
    assert client.get(url, {"page": "٢"}).status_code == 200
