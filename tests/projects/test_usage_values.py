"""Values of a usage target recorded per period with their history (who, when, the earlier
values kept) and a proof: a PDF, PNG, JPEG or CSV file checked by its content and size, stored
privately and served only to the project's readers; or a short text."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from mutualis.core.models import AuditLog
from mutualis.projects import progress, services
from mutualis.projects.proofs import ProofError, proof_type
from tests.pages import text, words

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n%proof\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"0" * 20
JPEG = b"\xff\xd8\xff\xe0" + b"0" * 20
CSV = "ESSMS;INS qualifiées\nEHPAD Les Érables;42\n".encode()
MB = 1024 * 1024


def _target(project, setup):
    return (
        project.usage_targets.filter(
            establishment__managing_body=setup.partner_member.managing_body,
            reference__code="mssante_sent",
        )
        .order_by("pk")
        .first()
    )


def _post(client, project, target, period, value, proof=None, text_proof=""):
    prefix = f"cible-{target.pk}"
    data = {f"{prefix}-period": period, f"{prefix}-value": value}
    data[f"{prefix}-proof_text"] = text_proof
    if proof is not None:
        data[f"{prefix}-proof_file"] = proof
    return client.post(
        reverse("projects:target_record", args=[project.uid, target.uid]),
        data,
        headers={"HX-Request": "true"},
    )


@pytest.mark.parametrize(
    ("name", "content", "kind"),
    [
        ("export.pdf", PDF, "application/pdf"),
        ("capture.png", PNG, "image/png"),
        ("photo.JPG", JPEG, "image/jpeg"),
        ("extraction.csv", CSV, "text/csv"),
        ("extraction-cp1252.csv", "ESSMS;Qualifiées\nÉrables;4\n".encode("cp1252"), "text/csv"),
    ],
)
def test_accepted_proofs_by_content(name, content, kind):
    assert proof_type(name, content[:4096], len(content), 5 * MB) == kind


@pytest.mark.parametrize(
    ("name", "content", "size", "message"),
    [
        ("rapport.pdf", b"MZ\x90\x00 not a pdf", 16, "PDF, PNG, JPEG ou CSV"),  # renamed exe
        ("table.csv", b"\x00\x01\x02binary", 14, "PDF, PNG, JPEG ou CSV"),
        ("page.csv", b"<html><body>", 12, "PDF, PNG, JPEG ou CSV"),  # no separator
        ("grand.pdf", PDF, 6 * MB, "dépasse 5 Mo"),
        ("vide.pdf", b"", 0, "vide"),
    ],
)
def test_refused_proofs_say_why_in_french(name, content, size, message):
    with pytest.raises(ProofError, match=message):
        proof_type(name, content, size, 5 * MB)


def test_values_per_period_keep_their_history(client, setup):
    project = setup.open()
    target = _target(project, setup)
    today = timezone.localdate()
    current, previous = progress.recent_periods("month", today, 2)
    client.force_login(setup.partner_user)

    _post(client, project, target, previous, "12", text_proof="Export DUI")
    first = _post(client, project, target, current, "20", SimpleUploadedFile("export.pdf", PDF))
    assert "Valeur enregistrée" in text(first)
    corrected = _post(
        client, project, target, current, "18", SimpleUploadedFile("extraction.csv", CSV)
    )
    assert "Valeur enregistrée" in text(corrected)

    target.refresh_from_db()
    assert target.actual_value == Decimal(18)  # the latest record of the latest period
    values = list(target.values.order_by("recorded_at", "pk"))
    assert [(v.period, v.value) for v in values] == [
        (previous, Decimal(12)),
        (current, Decimal(20)),
        (current, Decimal(18)),
    ]
    assert all(v.recorded_by == setup.partner_user for v in values)
    assert [v.proof_type for v in values] == ["", "application/pdf", "text/csv"]
    # the audit row keeps the value it replaced
    log = AuditLog.objects.filter(action="project.value_record").order_by("-pk").first()
    assert log.changes["value"] == ["20.00", "18"] and log.changes["period"] == current

    history = client.get(reverse("projects:target_history", args=[project.uid, target.uid]))
    page = words(history)
    assert progress.period_label(current) in page and progress.period_label(previous) in page
    assert "extraction.csv" in page and "export.pdf" in page and "Export DUI" in page


def test_a_future_or_unknown_period_is_refused(client, setup):
    project = setup.open()
    target = _target(project, setup)
    client.force_login(setup.partner_user)
    response = _post(client, project, target, "2999-01", "3")
    assert "Choisissez une période proposée" in text(response)
    with pytest.raises(ValidationError, match="période"):
        services.record_value(setup.partner_user, target, period="2999-01", value=Decimal(3))
    assert not target.values.exists()


def test_a_disguised_file_is_refused_by_the_form_and_the_service(client, setup):
    project = setup.open()
    target = _target(project, setup)
    client.force_login(setup.partner_user)
    period = progress.period_of("month", timezone.localdate())
    fake = SimpleUploadedFile("preuve.pdf", b"MZ\x90\x00 executable")
    response = _post(client, project, target, period, "3", fake)
    assert "le contenu de ce fichier n'en est pas un" in text(response).replace("&#x27;", "'")
    with pytest.raises(ValidationError, match="PDF, PNG, JPEG ou CSV"):
        services.record_value(
            setup.partner_user,
            target,
            period=period,
            value=Decimal(3),
            proof_file=SimpleUploadedFile("preuve.pdf", b"MZ\x90\x00 executable"),
        )
    assert not target.values.exists()


def test_the_proof_is_served_to_the_projects_readers_only(client, setup, regional, far_regional):
    project = setup.open()
    target = _target(project, setup)
    period = progress.period_of("month", timezone.localdate())
    value = services.record_value(
        setup.partner_user,
        target,
        period=period,
        value=Decimal(7),
        proof_file=SimpleUploadedFile("capture.png", PNG),
    )
    # stored under a random name outside any public folder, its name kept apart
    assert value.proof_file.name.startswith(f"projects/{project.uid}/proofs/")
    assert "capture" not in value.proof_file.name and value.proof_name == "capture.png"
    url = reverse("projects:value_proof", args=[project.uid, value.uid])
    for reader in (setup.carrier_admin, setup.partner_user, regional):
        client.force_login(reader)
        response = client.get(url)
        assert response.status_code == 200
        assert response["Content-Type"] == "image/png"
        assert response["Content-Disposition"].startswith(
            'attachment; filename="preuve-usage-grappe-du-bugey-'
        )
        assert b"".join(response.streaming_content) == PNG
    client.force_login(far_regional)
    assert client.get(url).status_code == 403
    client.logout()
    assert client.get(url).status_code == 302
