"""The carrier prepares the agreement, edits clauses, generates versions and submits them;
each member records its signature; the last one makes the agreement and the grappe signed."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from mutualis.agreements.models import Agreement, Signature
from mutualis.core.models import AuditLog
from mutualis.grappes.models import Grappe
from tests.factories import UserFactory
from tests.pages import text, words

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4\n%signed\n"


def url(name, grappe, *args):
    return reverse(f"agreements:{name}", args=[grappe.uid, *args])


def prepare(client, grappe, admin) -> Agreement:
    client.force_login(admin)
    client.post(url("agreement", grappe))
    return Agreement.objects.get(grappe=grappe)


def sign(client, grappe, admin, member, content=PDF, name="convention.pdf", **extra):
    client.force_login(admin)
    data = {
        "signatory": "Claire Martin",
        "capacity": "Directrice générale",
        "signed_on": datetime.date.today().isoformat(),
        "scan": SimpleUploadedFile(name, content),
    } | extra
    return client.post(url("sign", grappe, member.pk), data, follow=True)


def test_clauses_are_edited_with_fields_filled_from_the_grappe(client, grappe, carrier):
    agreement = prepare(client, grappe, carrier[1])
    assert agreement.clauses.count() == 9
    edit = url("clause", grappe, "responsabilite")
    bad = client.post(edit, {"title": "Article 5", "text": "Signé par {{ president }}."})
    assert "Champ inconnu : {{ president }}" in text(bad)
    client.post(edit, {"title": "Article 5 — Responsabilité", "text": "{{ porteur }} répond."})
    client.post(url("generate", grappe), {"note": ""})
    assert agreement.versions.get().clauses[4]["text"] == "{{ porteur }} répond."
    page = words(client.get(url("agreement", grappe)))
    assert "Versions générées" in page and "DOCX de la version 1" in page
    assert AuditLog.objects.filter(action="agreement.clause").count() == 1


def test_two_versions_are_compared_readably(client, grappe, carrier):
    prepare(client, grappe, carrier[1])
    client.post(url("generate", grappe))
    client.post(
        url("clause", grappe, "responsabilite"),
        {"title": "Article 5 — Responsabilité", "text": "Chaque membre répond de ses actes."},
    )
    client.post(url("generate", grappe), {"note": "Responsabilité simplifiée"})
    page = text(client.get(url("compare", grappe), {"de": 1, "a": 2}))
    assert "Article 5 — Responsabilité</h2>" in page
    assert "<ins>répond </ins>" in page and "<ins>actes. </ins>" in page
    assert "<del>Le porteur n'est pas responsable des manquements" in page
    same = text(client.get(url("compare", grappe), {"de": 2, "a": 2}))
    assert "Les deux versions sont identiques." in same


def test_the_documents_download_for_those_who_see_the_grappe(client, grappe, carrier):
    prepare(client, grappe, carrier[1])
    client.post(url("generate", grappe))
    docx = client.get(url("download", grappe, 1, "docx"))
    assert docx.status_code == 200 and docx["Content-Type"].startswith("application/vnd.openxml")
    assert client.get(url("download", grappe, 1, "pdf")).getvalue().startswith(b"%PDF")
    client.force_login(UserFactory())
    assert client.get(url("download", grappe, 1, "pdf")).status_code == 403


def test_review_signatures_and_signed_state(client, grappe, carrier, partner):
    agreement = prepare(client, grappe, carrier[1])
    client.post(url("status", grappe), {"action": "review"})
    agreement.refresh_from_db()
    assert agreement.status == "review" and agreement.versions.count() == 1  # generated
    carrier_member = grappe.members.get(managing_body=carrier[0])
    partner_member = grappe.members.get(managing_body=partner[0])
    # A member signs only for itself.
    assert sign(client, grappe, partner[1], carrier_member).status_code == 403
    wrong = sign(client, grappe, carrier[1], carrier_member, b"MZ\x90\x00", "convention.pdf")
    assert "Déposez un fichier PDF, JPEG ou PNG : ce fichier n'en est pas un." in text(wrong)
    future = sign(client, grappe, carrier[1], carrier_member, signed_on="2099-01-01")
    assert "La date de signature ne peut pas être dans le futur." in text(future)
    assert not Signature.objects.exists()

    before = sign(client, grappe, carrier[1], carrier_member, signed_on="2020-01-01")
    assert "La date de signature précède la version 1, générée le" in text(before)
    page = words(sign(client, grappe, carrier[1], carrier_member))
    assert "par Claire Martin (Directrice générale)" in page
    agreement.refresh_from_db()
    assert agreement.status == "review"
    sign(client, grappe, partner[1], partner_member, b"\x89PNG\r\n\x1a\n...", "scan.png")
    agreement.refresh_from_db()
    grappe.refresh_from_db()
    assert agreement.status == "signed" and grappe.status == Grappe.Status.AGREEMENT_SIGNED
    signature = Signature.objects.get(member=partner_member)
    assert signature.scan_type == "image/png" and signature.scan_size == 11
    assert signature.signed_on == datetime.date.today()
    scan = client.get(url("scan", grappe, signature.pk))
    assert scan["Content-Type"] == "image/png"
    assert AuditLog.objects.filter(action="agreement.signature").count() == 2


def test_only_the_carrier_prepares_and_edits(client, grappe, carrier, partner):
    client.force_login(partner[1])
    assert client.post(url("agreement", grappe)).status_code == 403
    prepare(client, grappe, carrier[1])
    client.force_login(partner[1])
    assert client.get(url("clause", grappe, "contexte")).status_code == 403
    assert client.post(url("generate", grappe)).status_code == 403
    client.force_login(carrier[1])
    client.post(url("status", grappe), {"action": "review"})
    locked = client.post(url("generate", grappe), follow=True)
    assert "La convention n'est plus un brouillon" in text(locked)


def test_a_too_large_scan_is_refused(client, grappe, carrier, settings):
    settings.MUTUALIS = {**settings.MUTUALIS, "SIGNED_SCAN_MAX_MB": 0}
    prepare(client, grappe, carrier[1])
    client.post(url("status", grappe), {"action": "review"})
    response = sign(client, grappe, carrier[1], grappe.members.get(managing_body=carrier[0]))
    assert "Le fichier dépasse 0 Mo" in text(response)
