"""Partner ranking with its explained score, and contact requests between managing bodies."""

import re

import pytest
from django.core import mail
from django.urls import reverse

from mutualis.directory.models import ItProfile
from mutualis.grappes.matching import Candidate
from mutualis.grappes.models import ContactRequest
from mutualis.grappes.partner_score import rank_partners
from mutualis.grappes.ranking import PartnerFilters, Ranking
from tests.grappes.conftest import body_with
from tests.mail import after_commit
from tests.pages import text, words

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("current_rules")]
PARTNERS = reverse("grappes:partners")
EVERYWHERE = {"toutes_regions": "on"}


@pytest.fixture
def open_partners(db):
    near, near_admin = body_with(4, "Association Voisine")
    far, _ = body_with(3, "Fondation Lointaine")
    far.establishments.update(latitude=43.3, longitude=5.4, region_id="93", departement_id="13")
    closed, _ = body_with(2, "Association Fermée aux coopérations")
    for body in (near, far):
        body.open_to_cooperation = True
        body.save()
    return near, near_admin, far, closed


def test_open_bodies_are_ranked_with_their_score_explained(client, carrier, open_partners):
    client.force_login(carrier[1])  # the open partners exist (fixture)
    page = words(client.get(PARTNERS, {"toutes_regions": "on"}))
    assert page.index("Association Voisine") < page.index("Fondation Lointaine")
    assert "Association Fermée aux coopérations" not in page
    assert "Détail du score de Association Voisine" in page
    # Only the région of the body by default.
    assert "Fondation Lointaine" not in words(client.get(PARTNERS))


def test_contact_request_then_details_after_acceptance(client, carrier, open_partners):
    near, near_admin, _, _ = open_partners
    client.force_login(carrier[1])
    with after_commit():
        response = client.post(
            reverse("grappes:request_contact"),
            {"organisme": near.pk, "message": "Formons une grappe ?"},
            follow=True,
        )
    assert "Demande de contact envoyée à Association Voisine." in text(response)
    assert mail.outbox[-1].to == [near_admin.email]
    assert near_admin.email not in words(client.get(PARTNERS))  # not before acceptance
    again = client.post(reverse("grappes:request_contact"), {"organisme": near.pk}, follow=True)
    assert "déjà en attente" in text(again)

    client.force_login(near_admin)
    contact = ContactRequest.objects.get()
    client.post(reverse("grappes:answer_contact", args=[contact.uid]), {"reponse": "accepter"})
    assert ContactRequest.objects.get().status == ContactRequest.Status.ACCEPTED
    client.force_login(carrier[1])
    assert near_admin.email in words(client.get(PARTNERS))


def test_requests_only_to_open_bodies_and_answers_only_by_the_recipient(
    client, carrier, open_partners
):
    near, _, _, closed = open_partners
    client.force_login(carrier[1])
    refused = client.post(reverse("grappes:request_contact"), {"organisme": closed.pk}, follow=True)
    assert "ne s'est pas déclaré ouvert à la coopération" in text(refused)
    client.post(reverse("grappes:request_contact"), {"organisme": near.pk})
    contact = ContactRequest.objects.get()
    response = client.post(
        reverse("grappes:answer_contact", args=[contact.uid]), {"reponse": "accepter"}
    )
    assert response.status_code == 403


def cards(page: str) -> list[str]:
    """Names of the partners shown, in their order on the page."""
    return re.findall(r"\d+\. (.+?) — [\d,]+ / 100", page)


def hosting(body, mode: str) -> None:
    for establishment in body.establishments.all():
        ItProfile.objects.update_or_create(
            establishment=establishment, defaults={"hosting_mode": mode}
        )


def test_maximum_distance_keeps_the_close_and_drops_the_unlocated(client, carrier, open_partners):
    nowhere, _ = body_with(5, "Association Sans Adresse")
    nowhere.establishments.update(latitude=None, longitude=None)
    nowhere.open_to_cooperation = True
    nowhere.save()
    client.force_login(carrier[1])
    everyone = cards(words(client.get(PARTNERS, EVERYWHERE)))
    assert set(everyone) == {
        "Association Voisine",
        "Fondation Lointaine",
        "Association Sans Adresse",
    }
    close = words(client.get(PARTNERS, {**EVERYWHERE, "distance_max": "100"}))
    assert cards(close) == ["Association Voisine"]  # Marseille is 320 km away, the other unknown
    assert "1 partenaire sur 3 organismes ouverts à la coopération" in close
    assert cards(words(client.get(PARTNERS, {**EVERYWHERE, "distance_max": "400"}))) == [
        "Association Voisine",
        "Fondation Lointaine",
    ]


def test_size_of_the_partner_between_a_minimum_and_a_maximum(client, carrier, open_partners):
    client.force_login(carrier[1])
    assert cards(words(client.get(PARTNERS, {**EVERYWHERE, "essms_min": "4"}))) == [
        "Association Voisine"  # 4 ESSMS; the Fondation has 3
    ]
    assert cards(words(client.get(PARTNERS, {**EVERYWHERE, "essms_max": "3"}))) == [
        "Fondation Lointaine"
    ]
    both = {**EVERYWHERE, "essms_min": "3", "essms_max": "4"}
    assert len(cards(words(client.get(PARTNERS, both)))) == 2


def test_hosting_mode_of_the_partner(client, carrier, open_partners):
    near, _, far, _ = open_partners
    hosting(near, "on_premise")
    hosting(far, "saas")
    client.force_login(carrier[1])
    page = words(client.get(PARTNERS, {**EVERYWHERE, "hebergement": "saas"}))
    assert cards(page) == ["Fondation Lointaine"]
    assert '<option value="saas" selected>' in text(client.get(PARTNERS, {"hebergement": "saas"}))


def test_same_editor_needs_one_s_own_editor_to_be_known(client, carrier, open_partners):
    client.force_login(carrier[1])
    page = words(client.get(PARTNERS, {**EVERYWHERE, "meme_editeur": "on"}))
    assert "le filtre « même éditeur » n'est pas appliqué" in page
    assert len(cards(page)) == 2


def test_results_are_paged_and_pages_keep_the_filters(client, carrier):
    for n in range(12):
        body, _ = body_with(2 + n % 3, f"Organisme ouvert {n:02d}")
        body.open_to_cooperation = True
        body.save()
    client.force_login(carrier[1])
    first = client.get(PARTNERS, {**EVERYWHERE, "distance_max": "50"})
    page = words(first)
    assert "12 partenaires sur 12 organismes ouverts à la coopération — page 1 sur 2" in page
    assert len(cards(page)) == 10 and page.count("Demander un contact") == 10
    assert "page=2" in text(first) and "distance_max=50" in text(first)  # the link keeps them
    second = words(client.get(PARTNERS, {**EVERYWHERE, "distance_max": "50", "page": "2"}))
    assert re.search(r"11\. Organisme ouvert", second)  # ranks go on from page 1
    assert len(cards(second)) == 2
    assert set(cards(page)).isdisjoint(cards(second))
    assert "Trouver des partenaires – page 2" in second  # the title says which page


@pytest.mark.parametrize(
    ("query", "message"),
    [
        (
            {"distance_max": "loin"},
            "Saisissez une distance en kilomètres, un nombre entier (par exemple 50).",
        ),
        ({"distance_max": "0"}, "La distance maximale doit être d'au moins 1 km."),
        (
            {"essms_min": "10", "essms_max": "2"},
            "Le nombre maximal d'ESSMS (2) doit être supérieur ou égal au nombre minimal (10).",
        ),
        ({"hebergement": "nuage"}, "Choisissez un mode d'hébergement de la liste."),
    ],
)
def test_invalid_filters_are_explained_in_french(client, carrier, open_partners, query, message):
    client.force_login(carrier[1])
    response = client.get(PARTNERS, {**EVERYWHERE, **query})
    assert response.status_code == 200
    page = words(response)
    assert message in page
    assert "Des filtres sont invalides : corrigez-les pour afficher les partenaires." in page
    assert page.startswith("Erreur : Trouver des partenaires")
    assert cards(page) == []


def test_empty_states_say_why(client, carrier, open_partners):
    client.force_login(carrier[1])
    filtered = words(client.get(PARTNERS, {**EVERYWHERE, "essms_min": "50"}))
    assert "Aucun partenaire ne correspond à vos filtres" in filtered
    assert "2 organismes ouverts à la coopération en France, mais aucun" in filtered
    near, _, far, _ = open_partners
    near.open_to_cooperation = far.open_to_cooperation = False
    near.save()
    far.save()
    alone = words(client.get(PARTNERS))
    assert "Aucun organisme ouvert à la coopération" in alone
    assert "Cochez « Toutes les régions » pour chercher plus loin." in alone


@pytest.mark.usefixtures("size_rules_missing")
def test_missing_rules_are_said_instead_of_a_guessed_threshold(client, carrier, open_partners):
    client.force_login(carrier[1])
    page = words(client.get(PARTNERS))
    assert (
        "Les règles du programme « ESMS numérique — généralisation (2022-2025) » ne sont " in page
    )
    assert "(taille minimale d'une grappe)" in page
    assert cards(page) == []


def candidate(pk: int, essms: int = 5, point=(45.0, 5.0), **kwargs) -> Candidate:
    return Candidate(pk, f"OG {pk}", essms, (point,) if point else (), **kwargs)


def test_ranking_filters_before_paging_and_scores_only_the_page():
    me = candidate(0)
    others = [candidate(i, point=(45.0 + i / 10, 5.0)) for i in range(1, 30)]
    others.append(candidate(99, point=None))
    full = rank_partners(me, others, limit=len(others))
    ranking = Ranking(me, [me, *others], PartnerFilters(), min_essms=15)
    assert len(ranking) == 30  # itself left out
    assert ranking[10:20] == full[10:20] and ranking[-1] == full[-1]
    near = Ranking(me, others, PartnerFilters(max_km=120), min_essms=15)
    # 0.1° of latitude is about 11 km: OGs 1 to 10 are within 120 km; 99 is not located.
    assert sorted(score.candidate.id for score in near[0:30]) == list(range(1, 11))
    sized = Ranking(me, others, PartnerFilters(min_essms=6, hosting="saas"), min_essms=15)
    assert len(sized) == 0
