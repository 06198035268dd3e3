"""The analysis page and its exports: ranking, warnings, sensitivity in sentences, the
workbook's four sheets (formula-like text neutralised) and the PDF; a bounded number of
queries whatever the number of offers."""

import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from tests.factories import national_admin, regional_actor
from tests.specifications.factories import body_with_admin
from tests.specifications.offer_builders import offer, scored


@pytest.fixture
def analysed(db):
    return scored()


def test_the_analysis_page_ranks_explains_and_says_how_weights_matter(client, analysed):
    the_group, spec, _alpha, _beta = analysed
    client.force_login(the_group.admins[1])  # a member reads it
    page = client.get(reverse("specifications:analysis", args=[spec.uid])).content.decode()
    # totals: Alpha 94, Beta 73 (see test_decision)
    assert "<strong>94</strong>" in page and "<strong>73</strong>" in page
    # Beta covers the indispensable first item only partially
    assert "(partiellement couverte)" in page
    # coverage weight moves, others fixed (B = 50): A_Alpha = 30×100 + 20×70 = 4 400, s = 100;
    # A_Beta = 30×100 + 20×90 = 4 800, s = 50; w* = (4 800 − 4 400) / (100 − 50) = 8
    assert "Entre 8 et 100 pour « Couverture fonctionnelle des exigences »" in page
    assert "En dessous de 8, l&#x27;offre Beta — Beta DUI passe en tête." in page
    assert "Règles de calcul" in page
    assert "à 8 : Beta — Beta DUI → Alpha — Alpha DUI" in page  # the sensitivity table
    assert "Enregistrer la décision" not in page  # a member does not decide


def test_a_not_evaluable_offer_shows_its_reason(client, analysed):
    the_group, spec, _alpha, _beta = analysed
    offer(spec, "Gamma", one_off=None, yearly=None)
    client.force_login(the_group.carrier_admin)
    page = client.get(reverse("specifications:analysis", args=[spec.uid])).content.decode()
    assert "non classée" in page
    assert "Coût total sur la durée du marché : aucune ligne de prix" in page


def test_the_workbook_has_four_sheets_and_neutralises_formulas(client, analysed):
    _the_group, spec, _alpha, _beta = analysed
    offer(spec, '=HYPERLINK("http://x")', mark="5")
    client.force_login(regional_actor("84"))
    response = client.get(reverse("specifications:analysis_xlsx", args=[spec.uid]))
    assert response.status_code == 200
    book = load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == ["Classement", "Couverture", "Prix", "Sensibilité"]
    ranking = list(book["Classement"].iter_rows(values_only=True))
    assert ranking[1][:2] == (1, "Alpha — Alpha DUI") and ranking[1][-1] == 94
    hostile = next(row for row in ranking if str(row[1]).startswith("=HYPERLINK"))
    cell = next(c for c in book["Classement"]["B"] if str(c.value).startswith("=HYPERLINK"))
    assert cell.data_type == "s" and hostile
    coverage = list(book["Couverture"].iter_rows(values_only=True))
    assert len(coverage) == spec.items.count() + 1
    prices = list(book["Prix"].iter_rows(values_only=True))
    assert ("Alpha — Alpha DUI", "Coût comparé sur la durée du marché", "Total", 20000) in prices
    sensitivity = list(book["Sensibilité"].iter_rows(values_only=True))
    assert any(
        row[2] == "Changement de tête" and row[3] == "8" and row[4] == 8 for row in sensitivity
    )


def test_the_pdf_is_served_to_viewers_only(client, analysed):
    _the_group, spec, _alpha, _beta = analysed
    url = reverse("specifications:analysis_pdf", args=[spec.uid])
    client.force_login(national_admin())
    response = client.get(url)
    assert response.status_code == 200
    assert response.content.startswith(b"%PDF")
    assert response["Content-Disposition"].endswith('.pdf"')
    _, outsider = body_with_admin("Autre", region="11", departement="75")
    client.force_login(outsider)
    assert client.get(url).status_code == 404
    assert client.get(reverse("specifications:analysis_xlsx", args=[spec.uid])).status_code == 404
    assert client.get(reverse("specifications:analysis", args=[spec.uid])).status_code == 404
    client.logout()
    assert client.get(url).status_code == 302


def test_the_analysis_page_makes_a_bounded_number_of_queries(client, analysed):
    the_group, spec, _alpha, _beta = analysed
    client.force_login(the_group.carrier_admin)
    url = reverse("specifications:analysis", args=[spec.uid])
    with CaptureQueriesContext(connection) as two:
        client.get(url)
    for n in range(4):
        offer(spec, f"Offre {n}", mark=str(n))
    with CaptureQueriesContext(connection) as six:
        assert client.get(url).status_code == 200
    assert len(six) == len(two)
    with CaptureQueriesContext(connection) as offers_page:
        client.get(reverse("specifications:offers", args=[spec.uid]))
    assert len(offers_page) <= len(two)
