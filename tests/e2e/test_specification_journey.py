"""Journey of issue 21: a grappe's carrier starts a common specification, the three member
organisations rate its requirements (one adds its own), the carrier accepts the consensus and
arbitrates the rest, weighs the criteria, enters two offers, reads the analysis, records the
decision and downloads the generated DOCX and PDF; a regional actor reads the convergence
without arbitrating, another organisation's administrator gets a 404."""

import io
import re

import docx
from playwright.sync_api import expect

from mutualis.specifications import rating_services
from mutualis.specifications.access import LEADS_ONLY
from mutualis.specifications.models import Importance, Item, Specification
from mutualis.specifications.rating_services import REASON_REQUIRED, Entry
from mutualis.specifications.requirements import load_shipped_libraries
from tests.e2e.conftest import assert_accessible
from tests.e2e.test_membership_journey import sign_in
from tests.factories import regional_actor
from tests.specifications.factories import body_with_admin, group

TITLE = "DUI commun de l'Ain 2027"
OWN = "Export des transmissions vers le dossier de liaison d'urgence"
DISAGREEMENT_REASON = "Le partage du dossier est la raison d'être du groupement."
OWN_REASON = "Demandé par la Roseraie, utile à tous les ESSMS."
BROWSER_RATED = ("DUI-01", "DUI-02")


def _member_page(browser, base, user):
    page = browser.new_context(locale="fr-FR", viewport={"width": 1280, "height": 900}).new_page()
    sign_in(page, base, user.email)
    return page


def _check(radio):
    """Checks a DSFR radio as a user does: its label covers the input."""
    radio.page.locator(f"label[for='{radio.get_attribute('id')}']").click()
    expect(radio).to_be_checked()


def _rate_in_browser(page, base, spec, levels: dict[str, str]):
    """Checks the radio of the given importance (its label) for each item code, then saves."""
    page.goto(f"{base}/cahiers-des-charges/{spec.uid}/notation/")
    for code, label in levels.items():
        _check(page.locator(f"#exigence-{code}").get_by_label(label, exact=True))
    page.get_by_role("button", name="Enregistrer la notation").click()
    expect(page.get_by_text(re.compile(r"Notation de .* enregistrée"))).to_be_visible()


def test_a_grappe_writes_its_specification_and_decides(browser, page, live_server, directory_data):
    load_shipped_libraries()
    base = live_server.url
    g = group()
    regional = regional_actor("84")
    _, outsider = body_with_admin("Autre", region="11", departement="75")

    # 1. The carrier's admin starts the specification from the grappe page's panel.
    sign_in(page, base, g.carrier_admin.email)
    page.goto(f"{base}/grappes/{g.grappe.uid}/")
    page.get_by_role("link", name="Cahier des charges commun et achat groupé").click()
    expect(page.get_by_text("Aucun cahier des charges commun pour cette grappe.")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Titre").fill(TITLE)
    page.get_by_label("Objet de l'achat").fill("Un DUI commun pour les 3 organismes.")
    page.get_by_role("button", name="Lancer le cahier des charges").click()
    expect(page.get_by_text("Le cahier des charges commun est lancé")).to_be_visible()
    expect(page.get_by_role("heading", name=TITLE)).to_be_visible()
    assert_accessible(page)
    spec = Specification.objects.get(grappe=g.grappe)
    assert spec.title == TITLE
    codes = list(spec.items.order_by("position").values_list("code", flat=True))
    assert len(codes) == 40 and codes[:2] == list(BROWSER_RATED)
    spec_url = f"{base}/cahiers-des-charges/{spec.uid}"

    # 2. The two other members already rated the 38 other items « souhaité » (set here through
    # the service, as the rating page would); each of the three rates in the browser.
    items = dict(spec.items.values_list("code", "pk"))
    for index in (1, 2):
        entries = [Entry(items[code], Importance.WISHED) for code in codes[2:]]
        rating_services.save_ratings(g.admins[index], spec, g.bodies[index], entries)

    # The carrier rates every item: a loop on the radios, DUI-01 indispensable.
    page.get_by_role("link", name="Notation").first.click()
    expect(page.get_by_role("heading", name="Notation des exigences")).to_be_visible()
    assert_accessible(page)
    wished = page.locator("input[type=radio][value=souhaite]")
    assert wished.count() == 40
    for n in range(wished.count()):
        _check(wished.nth(n))
    _check(page.locator("#exigence-DUI-01").get_by_label("Indispensable", exact=True))
    page.locator("#exigence-DUI-01").get_by_label(re.compile("Commentaire")).fill("Essentiel")
    page.get_by_role("button", name="Enregistrer la notation").click()
    expect(page.get_by_text("Notation de Association Les Tilleuls enregistrée")).to_be_visible()
    expect(page.get_by_text("40 exigences notées sur 40")).to_be_visible()

    second = _member_page(browser, base, g.admins[1])
    _rate_in_browser(second, base, spec, {"DUI-01": "Indispensable", "DUI-02": "Souhaité"})
    second.context.close()

    # The third one adds its own requirement, then rates: « utile » on DUI-01 disagrees.
    third = _member_page(browser, base, g.admins[2])
    third.goto(f"{spec_url}/notation/")
    third.get_by_role("link", name="Ajouter une exigence").click()
    assert_accessible(third)
    third.get_by_label("Domaine").select_option(index=0)
    third.locator("#id_label").fill(OWN)
    third.get_by_role("button", name="Ajouter l'exigence").click()
    expect(third.get_by_text("Exigence M-01 ajoutée")).to_be_visible()
    expect(third.locator("#exigence-M-01")).to_contain_text("Proposée par EHPAD La Roseraie")
    _rate_in_browser(
        third, base, spec, {"DUI-01": "Utile", "DUI-02": "Souhaité", "M-01": "Indispensable"}
    )
    third.context.close()

    # 3. The carrier accepts the consensus (39 items) and arbitrates the two others.
    page.goto(f"{spec_url}/")
    page.get_by_role("link", name="Convergence et arbitrage").first.click()
    assert_accessible(page)
    row = page.get_by_role("row", name=re.compile("^DUI-01 "))
    expect(row).to_contain_text("Désaccord")
    page.get_by_role("link", name="Retenir les consensus (39)").click()
    expect(page.get_by_role("table", name="Exigences qui seront arbitrées")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Arbitrer 39 exigences").click()
    expect(
        page.get_by_text("39 exigences arbitrées selon le consensus des membres.")
    ).to_be_visible()
    assert spec.items.exclude(importance="").count() == 39

    page.get_by_role("link", name="Arbitrer DUI-01").click()
    assert_accessible(page)
    _check(page.get_by_label("Indispensable"))
    page.get_by_role("button", name="Enregistrer l'arbitrage").click()
    expect(page.get_by_text(REASON_REQUIRED)).to_be_visible()  # off-consensus: a reason
    assert_accessible(page)
    assert spec.items.get(code="DUI-01").importance == ""
    page.get_by_label("Motif de l'arbitrage").fill(DISAGREEMENT_REASON)
    page.get_by_role("button", name="Enregistrer l'arbitrage").click()
    expect(page.get_by_text("Arbitrage de DUI-01 enregistré.")).to_be_visible()
    page.get_by_role("link", name="Arbitrer M-01").click()
    _check(page.get_by_label("Souhaité"))
    page.get_by_label("Motif de l'arbitrage").fill(OWN_REASON)
    page.get_by_role("button", name="Enregistrer l'arbitrage").click()
    expect(page.get_by_text("Arbitrage de M-01 enregistré.")).to_be_visible()
    dui01 = spec.items.get(code="DUI-01")
    assert (dui01.importance, dui01.arbitration_reason) == ("indispensable", DISAGREEMENT_REASON)
    assert not Item.objects.filter(specification=spec, importance="").exists()

    # 4. Criteria weights: coverage 60, price 20, the three marks 10, 5, 5.
    page.get_by_role("link", name="Critères").first.click()
    page.locator("#id_criteres-0-weight").fill("60")
    page.locator("#id_criteres-1-weight").fill("20")
    page.get_by_role("button", name="Enregistrer les critères").click()
    expect(page.get_by_text("Critères et poids enregistrés.")).to_be_visible()
    assert_accessible(page)
    assert list(spec.criteria.order_by("position").values_list("weight", flat=True)) == [
        60,
        20,
        10,
        5,
        5,
    ]

    # Two offers: Alpha covers everything for 10 000 + 5 × 2 000 = 20 000 €, marked 8;
    # Beta covers everything partially for 5 000 + 5 × 1 000 = 10 000 €, marked 6.
    for vendor, level, one_off, yearly, mark in (
        ("Alpha", "covered", "10000", "2000", "8"),
        ("Beta", "partial", "5000", "1000", "6"),
    ):
        page.get_by_role("link", name="Offres").first.click()
        page.get_by_role("link", name="Ajouter une offre").click()
        page.locator("#id_vendor").fill(vendor)
        page.locator("#id_solution").fill(f"{vendor} DUI")
        radios = page.locator(f"input[type=radio][value={level}]")
        assert radios.count() == 41
        for n in range(radios.count()):
            _check(radios.nth(n))
        page.locator("#id_prix-0-label").fill("Licences")
        page.locator("#id_prix-0-kind").select_option("one_off")
        page.locator("#id_prix-0-amount").fill(one_off)
        page.locator("#id_prix-1-label").fill("Hébergement")
        page.locator("#id_prix-1-kind").select_option("yearly")
        page.locator("#id_prix-1-amount").fill(yearly)
        marks = page.locator("input[name^=mark_]")
        assert marks.count() == 3
        for n in range(3):
            marks.nth(n).fill(mark)
        if vendor == "Alpha":
            assert_accessible(page)
        page.get_by_role("button", name="Enregistrer l'offre").click()
        expect(page.get_by_text(f"Offre « {vendor}")).to_be_visible()

    # Alpha: 0,6 × 100 + 0,2 × 50 + 0,2 × 80 = 86; Beta: 0,6 × 50 + 0,2 × 100 + 0,2 × 60 = 62.
    # Coverage weight alone: Beta's total passes Alpha's below w = (3200 − 2600) / (100 − 50).
    page.get_by_role("link", name="Analyse et décision").first.click()
    ranking = page.get_by_role("table", name=re.compile("^Classement des offres"))
    # Columns: rank, offer, coverage, price, the three marks, total.
    rows = ranking.get_by_role("row")
    expect(rows.nth(1)).to_have_accessible_name(
        re.compile("^1 Alpha — Alpha DUI 100 50 80 80 80 86 ")
    )
    expect(rows.nth(2)).to_have_accessible_name(
        re.compile("^2 Beta — Beta DUI 50 100 60 60 60 62 ")
    )
    main = page.get_by_role("main")
    expect(main).to_contain_text(
        "Entre 12 et 100 pour « Couverture fonctionnelle des exigences », "
        "le classement ne change pas."
    )
    expect(main).to_contain_text("En dessous de 12, l'offre Beta — Beta DUI passe en tête.")
    # Price weight alone: (7600 + 50 w) / (80 + w) = (4200 + 100 w) / (80 + w) at w = 68.
    expect(main).to_contain_text("Au-delà de 68, l'offre Beta — Beta DUI passe en tête.")
    assert_accessible(page)

    # 5. The decision, with its reason.
    page.get_by_role("link", name="Enregistrer la décision").click()
    expect(page.get_by_text("En tête du classement : Alpha — Alpha DUI.")).to_be_visible()
    assert_accessible(page)
    _check(page.get_by_label(re.compile("^Alpha")))
    page.get_by_label("Motifs de la décision").fill("Meilleure couverture, coût maîtrisé.")
    page.get_by_role("button", name="Enregistrer la décision").click()
    expect(page.get_by_text("Décision enregistrée.")).to_be_visible()
    expect(page.get_by_role("heading", name="Offre retenue : Alpha")).to_be_visible()
    spec.refresh_from_db()
    assert spec.chosen_offer.vendor == "Alpha"

    # 6. The documents: generate, download the DOCX and the PDF.
    page.get_by_role("link", name="Documents et publication").first.click()
    expect(page.get_by_text("Aucun document généré pour l'instant.")).to_be_visible()
    page.get_by_role("button", name="Générer une nouvelle version").click()
    expect(page.get_by_text("Version 1 générée (DOCX et PDF).")).to_be_visible()
    expect(page.get_by_role("row", name=re.compile("^1 "))).to_contain_text("Arbitrages complets")
    assert_accessible(page)
    with page.expect_download() as docx_download:
        page.get_by_role("link", name="DOCX (Word) de la version 1").click()
    document = docx.Document(io.BytesIO(_read(docx_download.value)))
    paragraphs = "\n".join(p.text for p in document.paragraphs)
    rows = {
        row.cells[0].text.strip(): " | ".join(cell.text for cell in row.cells)
        for table in document.tables
        for row in table.rows
    }
    assert TITLE in paragraphs
    assert "Indispensable" in rows["DUI-01"]
    assert OWN in rows["M-01"] and "Souhaité" in rows["M-01"]
    with page.expect_download() as pdf_download:
        page.get_by_role("link", name="PDF de la version 1").click()
    assert _read(pdf_download.value).startswith(b"%PDF")
    assert page.console_errors == []
    page.context.close()

    # 7. A regional actor reads the convergence without « Arbitrer »; an outsider gets a 404.
    reader = _member_page(browser, base, regional)
    reader.goto(f"{spec_url}/convergence/")
    expect(reader.get_by_role("heading", name="Convergence et arbitrage")).to_be_visible()
    expect(reader.get_by_role("row", name=re.compile("^DUI-01 "))).to_contain_text("Indispensable")
    expect(reader.get_by_role("link", name=re.compile("^Arbitrer"))).to_have_count(0)
    expect(reader.get_by_role("link", name=re.compile("^Retenir les consensus"))).to_have_count(0)
    assert_accessible(reader)
    assert reader.goto(f"{spec_url}/exigences/DUI-01/arbitrage/").status == 403
    expect(reader.get_by_role("heading", level=1)).to_have_text("Accès refusé")
    expect(reader.get_by_text(LEADS_ONLY)).to_be_visible()
    reader.context.close()

    stranger = _member_page(browser, base, outsider)
    response = stranger.goto(f"{spec_url}/convergence/")
    assert response.status == 404
    expect(stranger.get_by_role("heading", level=1)).to_have_text("Page introuvable")
    expect(stranger.get_by_role("main")).not_to_contain_text("DUI-01")
    stranger.context.close()


def _read(download) -> bytes:
    with open(download.path(), "rb") as handle:
        return handle.read()
