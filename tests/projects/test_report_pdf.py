"""The progress report, as a page and as a PDF from the same template, for the carrier and
the ARS: members, milestones with lateness, tranches, risks by criticality, usage progress."""

import datetime
import io
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

pytestmark = pytest.mark.django_db


def pdf_text(response) -> str:
    reader = PdfReader(io.BytesIO(response.content))
    return " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


def test_the_pdf_names_the_grappe_its_members_and_amounts(client, setup, regional):
    setup.simulate()
    project = setup.open(today=timezone.localdate() - datetime.timedelta(days=100))
    first = project.tranches.first()
    first.received_date = timezone.localdate()
    first.received_amount = first.expected_amount
    first.save()
    target = project.usage_targets.first()
    target.target_value, target.actual_value = Decimal(80), Decimal(40)
    target.save()

    client.force_login(regional)  # the ARS reads it too
    response = client.get(reverse("projects:report_pdf", args=[project.uid]))
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith(
        'attachment; filename="avancement-grappe-du-bugey-'
    )
    content = pdf_text(response)
    assert "Grappe du Bugey" in content
    assert "Association Porteuse" in content and "Fondation Partenaire" in content
    assert setup.grappe.carrier.finess in content
    entry = setup.grappe.establishments.first().establishment
    assert entry.finess in content
    total = sum(t.expected_amount for t in project.tranches.all())
    for amount in (first.expected_amount, total):
        assert f"{int(amount):,}".replace(",", " ") in content.replace("\u202f", " ").replace(
            "\xa0", " "
        )
    assert "En retard" in content or "EN RETARD" in content
    assert "Prise de pouvoir d'une des parties prenantes" in content
    assert "Avancement global : 50 %" in content


def test_the_html_report_shares_the_template(client, setup):
    project = setup.open()
    client.force_login(setup.carrier_admin)
    response = client.get(reverse("projects:report", args=[project.uid]))
    assert response.status_code == 200
    names = {t.name for t in response.templates}
    assert "projects/includes/report_body.html" in names
