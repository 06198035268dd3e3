"""After signature, an amendment ("avenant") is a new version with its own clause changes,
its comparison with the signed original and its own signatures by every member; the signed
original stays as it was and downloadable."""

import hashlib

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from mutualis.agreements import services
from mutualis.core.models import AuditLog
from tests.agreements.conftest import sign_all
from tests.agreements.documents_read import docx_text, pdf_text
from tests.pages import text

pytestmark = pytest.mark.django_db
NEW_TEXT = "Chaque membre répond seul de ses engagements envers les autres membres."


@pytest.fixture
def admins(carrier, partner):
    return {carrier[0].pk: carrier[1], partner[0].pk: partner[1]}


@pytest.fixture
def signed(grappe, carrier, admins):
    agreement = services.create_agreement(carrier[1], grappe)
    services.submit_for_review(carrier[1], agreement)
    return sign_all(agreement, admins)


def digest(file) -> str:
    file.open("rb")
    value = hashlib.sha256(file.read()).hexdigest()
    file.close()
    return value


def test_an_amendment_starts_only_after_signature(grappe, carrier, partner):
    agreement = services.create_agreement(carrier[1], grappe)
    with pytest.raises(ValidationError, match="une fois la convention signée"):
        services.start_amendment(carrier[1], agreement)


def test_an_amendment_is_prepared_compared_and_signed(client, signed, grappe, carrier, admins):
    original = signed.versions.get()
    before = {f: digest(getattr(original, f)) for f in ("pdf", "docx", "signed_pdf")}
    client.force_login(carrier[1])
    client.post(reverse("agreements:amend", args=[grappe.uid]))
    signed.refresh_from_db()
    assert (signed.amendment, signed.status) == (1, "draft")
    assert AuditLog.objects.filter(action="agreement.amendment").count() == 1

    clause = signed.clauses.get(key="responsabilite")
    services.edit_clause(carrier[1], clause, clause.title, NEW_TEXT)
    services.submit_for_review(carrier[1], signed)
    amendment = signed.versions.get(number=2)
    assert amendment.amendment == 1 and not amendment.draft
    summary = amendment.context["amendment"]
    assert summary["changes"] == ["Article 5 — Responsabilité : rédaction modifiée."]
    for content in (pdf_text(amendment.pdf), docx_text(amendment.docx)):
        assert "Avenant n° 1 à la convention de coopération" in content
        assert "Article 5 — Responsabilité : rédaction modifiée." in content
        assert "convention, version 1, signée le" in content
        assert NEW_TEXT in content

    page = text(client.get(reverse("agreements:agreement", args=[grappe.uid])))
    assert "Avenant n° 1 : en relecture" in page
    assert "?de=1&a=2" in page and "avec le texte signé (version 1)" in page
    compare = text(client.get(reverse("agreements:compare", args=[grappe.uid]), {"de": 1, "a": 2}))
    assert "Article 5 — Responsabilité</h2>" in compare and "<ins>répond </ins>" in compare

    sign_all(signed, admins, capacity="Présidente")
    assert signed.status == "signed"
    amendment.refresh_from_db()
    assert amendment.signed_at is not None
    assert "Présidente" in pdf_text(amendment.signed_pdf)
    assert amendment.signatures.count() == 2

    original.refresh_from_db()
    assert {f: digest(getattr(original, f)) for f in before} == before
    assert original.signatures.count() == 2
    assert original.clauses[4]["text"] != NEW_TEXT
    old = client.get(reverse("agreements:download", args=[grappe.uid, 1, "pdf"]))
    assert old["Content-Disposition"].endswith('convention-grappe-des-volcans-v1-signee.pdf"')
    new = client.get(reverse("agreements:download", args=[grappe.uid, 2, "pdf"]))
    assert new["Content-Disposition"].endswith('avenant-1-grappe-des-volcans-v2-signee.pdf"')


def test_only_the_carrier_starts_an_amendment(client, signed, grappe, partner):
    client.force_login(partner[1])
    assert client.post(reverse("agreements:amend", args=[grappe.uid])).status_code == 403
    signed.refresh_from_db()
    assert signed.amendment == 0
