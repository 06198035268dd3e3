"""The progress report, as a page and as a PDF from the same template, for the carrier and
the ARS: members, milestones with lateness, tranches, risks by criticality, usage progress."""

import datetime
import io
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from tests.pages import words

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
    # each member's ESSMS, separated by commas, none after the last one
    page = words(response)
    carrier = sorted(
        f"{e.establishment.name} ({e.establishment.finess})"
        for e in setup.carrier_member.establishments.select_related("establishment")
    )
    assert (
        "Association Porteuse (porteur) "
        + setup.grappe.carrier.finess
        + " "
        + ", ".join(carrier)
        + " Fondation Partenaire"
        in page
    )


def _boxes(box):
    yield box
    for child in getattr(box, "children", ()):
        yield from _boxes(child)


def test_the_pdf_bars_keep_their_percentage_on_their_line(rf, setup):
    """Laid out by WeasyPrint as in the PDF: each bar and its percentage share one line."""
    from django.template.loader import render_to_string
    from weasyprint import HTML

    from mutualis.projects import views

    project = setup.open()
    for index, target in enumerate(project.usage_targets.order_by("pk")):
        target.target_value, target.actual_value = Decimal(80), Decimal(10 * (index % 9))
        target.save()
        # long names, as real ESSMS have, squeeze the progress column
        target.establishment.name = f"EHPAD RÉSIDENCE LES JARDINS DU CHÂTEAU DE LA VALLÉE {index}"
        target.establishment.save()
    request = rf.get("/")
    request.user = setup.carrier_admin
    html = render_to_string(
        "projects/report_pdf.html", views._report_context(request, project), request=request
    )
    document = HTML(string=html, base_url="http://testserver/").render()
    checked = 0
    for page in document.pages:
        for box in _boxes(page._page_box):
            element = getattr(box, "element", None)
            if element is None or "mutualis-progress" not in (element.get("class") or ""):
                continue
            if box.element_tag != "span" or type(box).__name__ != "InlineBox":
                continue
            tops = [
                child.position_y
                for child in _boxes(box)
                if type(child).__name__ in ("TextBox", "InlineBlockBox")
            ]
            # bar and "NN %" on the same line (a wrap puts them a line, 12 px and more, apart)
            assert len(tops) >= 2 and max(tops) - min(tops) < 6, tops
            checked += 1
    assert checked == 5  # one per ESSMS
