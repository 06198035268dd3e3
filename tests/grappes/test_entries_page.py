"""The page where a member chooses its ESSMS: filters, 50-row pages, one bulk change (checked
rows, all matching, or a pasted FINESS list), a confirmation above 50 ESSMS, the eligibility
always in view; its queries do not grow with the number of ESSMS."""

import pytest
from django.urls import reverse

from mutualis.grappes import entries, services
from mutualis.grappes.models import Grappe, GrappeEstablishment
from tests.factories import MembershipFactory, UserFactory
from tests.grappes.conftest import body_with, large_body
from tests.pages import text, words

pytestmark = pytest.mark.django_db


def grappe_of(body, admin) -> tuple[Grappe, str]:
    grappe = services.create_grappe(admin, body, "Grappe de l'Ain", "generalisation", 2024)
    member = grappe.members.get()
    return grappe, reverse("grappes:entries", args=[grappe.uid, member.pk])


@pytest.fixture
def large(client):
    body, admin = large_body(120, "Alpha")
    grappe, url = grappe_of(body, admin)
    client.force_login(admin)
    return body, grappe, url


def include(**data) -> dict:
    return {"portee": "filtres", "action": "inclure", **data}


def finess(row) -> str:
    return row[0].finess


def test_the_page_shows_fifty_rows_and_paginates(client, large):
    _, _, url = large
    first = client.get(url)
    assert len(first.context["rows"]) == 50
    assert "120 ESSMS ouverts correspondent aux filtres — page 1 sur 3" in words(first)
    assert 'aria-label="Pagination"' in text(first)
    last = client.get(url, {"page": 3})
    assert len(last.context["rows"]) == 20
    assert last.context["rows"][-1][0].name == "SESSAD Alpha 118"  # by name: EHPADs first


@pytest.mark.parametrize(
    ("filters", "count"),
    [
        ({"departement": "69"}, 40),
        ({"departement": "01"}, 80),
        ({"categorie": "182"}, 60),
        ({"categorie": "500", "departement": "69"}, 20),
        ({"commune": "Lyon"}, 40),
        ({"commune": "0100"}, 80),
        ({"q": "sessad alpha 11"}, 5),  # 110, 112, 114, 116, 118
        ({"q": "018000007"}, 1),
        ({"statut": "non"}, 120),
        ({"statut": "oui"}, 0),
    ],
)
def test_filters(client, large, filters, count):
    _, _, url = large
    assert client.get(url, filters).context["page_obj"].paginator.count == count


def test_the_sector_filter_offers_the_sectors_of_the_members_essms(client, large):
    _, _, url = large
    form = client.get(url).context["filters"]
    sectors = [value for value, _ in form.fields["secteur"].choices if value]
    assert sectors
    counts = [client.get(url, {"secteur": s}).context["page_obj"].paginator.count for s in sectors]
    assert sum(counts) == 120
    departements = [value for value, _ in form.fields["departement"].choices]
    assert departements == ["", "01", "69"]
    assert client.get(url, {"departement": "75"}).context["filters"].errors


def test_checked_rows_of_the_page_are_included(client, large):
    _, grappe, url = large
    numbers = [finess(row) for row in client.get(url).context["rows"][:3]]
    response = client.post(
        url,
        {"portee": "page", "essms": numbers, "action": "inclure", "situation": "no_dui"},
        follow=True,
    )
    assert "ESSMS enregistrés : 3 ESSMS ajoutés." in text(response)
    assert sorted(grappe.establishments.values_list("establishment__finess", flat=True)) == sorted(
        numbers
    )
    assert "3 ESSMS dans la grappe, dont 3 de" in words(response)
    assert set(grappe.establishments.values_list("situation", flat=True)) == {"no_dui"}


def test_all_matching_above_fifty_asks_for_confirmation(client, large):
    _, grappe, url = large
    filtered_url = url + "?departement=01"
    asked = client.post(filtered_url, include(situation="replacement"))
    assert asked.templates[0].name == "grappes/member_entries_confirm.html"
    page = words(asked)
    assert "80 ESSMS seront modifiés" in page and "80 ESSMS ajoutés" in page
    assert "Situation : Remplacement du DUI" in page
    assert "Avec ce changement (80 ESSMS ajoutés) : 80 ESSMS dans la grappe" in page
    assert 'name="confirme" value="80"' in text(asked)
    assert not GrappeEstablishment.objects.exists()

    stale = client.post(filtered_url, include(situation="replacement", confirme=79))
    assert stale.templates[0].name == "grappes/member_entries_confirm.html"
    assert not GrappeEstablishment.objects.exists()

    done = client.post(filtered_url, include(situation="replacement", confirme=80), follow=True)
    assert "ESSMS enregistrés : 80 ESSMS ajoutés." in text(done)
    assert done.redirect_chain[-1][0].endswith("?departement=01")
    assert grappe.establishments.filter(establishment__departement_id="01").count() == 80
    assert grappe.establishments.count() == 80


def test_fifty_or_fewer_are_written_at_once(client, large):
    _, grappe, url = large
    client.post(url + "?departement=69", include())
    assert grappe.establishments.count() == 40
    client.post(
        url + "?departement=69",
        {"portee": "filtres", "action": "hebergement", "hebergement": "external"},
    )
    assert set(grappe.establishments.values_list("hosting_mode", flat=True)) == {"external"}
    client.post(url + "?categorie=182&departement=69", {"portee": "filtres", "action": "retirer"})
    assert grappe.establishments.count() == 20
    again = client.post(url + "?departement=69&statut=oui", include(), follow=True)
    assert "Aucun changement : 20 ESSMS déjà à jour." in words(again)


def test_a_finess_list_with_unknown_numbers_writes_nothing(client, large):
    _, grappe, url = large
    stranger, _ = body_with(1, "Fondation Voisine")
    foreign = stranger.establishments.get().finess
    response = client.post(
        url,
        {
            "portee": "liste",
            "action": "inclure",
            "finess": f"018000001, 018000002\n{foreign} 999999999 abc",
        },
    )
    page = words(response)
    assert (
        f"3 n° FINESS ne sont pas des ESSMS ouverts de votre organisme : {foreign}, 999999999, "
        "ABC. Rien n'a été enregistré." in page
    )
    assert not GrappeEstablishment.objects.exists()
    client.post(url, {"portee": "liste", "action": "inclure", "finess": "018000001 018000002"})
    assert sorted(grappe.establishments.values_list("establishment__finess", flat=True)) == [
        "018000001",
        "018000002",
    ]


def test_a_long_finess_list_is_confirmed_then_written(client, large):
    _, grappe, url = large
    numbers = [f"0180000{i:02d}" for i in range(60)]
    data = {"portee": "liste", "action": "inclure", "finess": ",\n".join(numbers)}
    asked = client.post(url, data)
    assert "60 ESSMS seront modifiés" in words(asked)
    assert f'name="finess" value="{" ".join(numbers)}"' in text(asked)
    client.post(url, {**data, "finess": " ".join(numbers), "confirme": 60})
    assert grappe.establishments.count() == 60


def test_essms_of_another_grappe_are_shown_and_can_be_left_out(client, large):
    body, grappe, url = large
    admin = grappe.created_by
    other = services.create_grappe(admin, body, "Autre grappe", "generalisation", 2024)
    taken = list(body.establishments.filter(departement_id="69").values_list("pk", flat=True))
    entries.apply_change(admin, other.members.get(), entries.Change("inclure"), taken[:3])
    assert client.get(url, {"statut": "ailleurs"}).context["page_obj"].paginator.count == 3
    page = words(client.get(url, {"statut": "ailleurs"}))
    assert page.count("Non : dans une autre grappe de la campagne") == 3
    refused = client.post(url + "?departement=69", include(), follow=True)
    assert "Déjà dans une autre grappe de la campagne" in text(refused)
    assert "Rien n'a été enregistré : filtrez sur les ESSMS disponibles." in text(refused)
    assert grappe.establishments.count() == 0
    client.post(url + "?departement=69&statut=libres", include())
    assert grappe.establishments.count() == 37


def test_an_empty_selection_is_refused(client, large):
    _, _, url = large
    assert "Cochez au moins un ESSMS de la page." in text(
        client.post(url, {"portee": "page", "action": "inclure"})
    )
    assert "Collez au moins un n° FINESS ET." in text(
        client.post(url, {"portee": "liste", "action": "inclure", "finess": " , "})
    )
    assert not GrappeEstablishment.objects.exists()


def test_the_live_check_previews_the_change_and_writes_nothing(client, large):
    _, _, url = large
    preview = client.post(url, include(), headers={"HX-Request": "true"})
    assert preview.templates[0].name == "grappes/includes/entries_summary.html"
    page = words(preview)
    assert "Avec ce changement (120 ESSMS ajoutés) : 120 ESSMS dans la grappe" in page
    assert "Grappe pas encore éligible" in page  # no situation chosen
    assert (
        "120 ESSMS : Précisez la situation de l'établissement (DUI). (018000000, 018000001, "
        "018000002, 018000003, 018000004 et 115 autres)" in page
    )
    assert not GrappeEstablishment.objects.exists()


def test_permissions_are_those_of_the_member(client, large):
    body, grappe, url = large
    client.logout()
    assert client.get(url).status_code == 302
    client.force_login(UserFactory())
    assert client.get(url).status_code == 403
    assert client.post(url, include()).status_code == 403
    colleague = MembershipFactory(managing_body=body).user
    client.force_login(colleague)
    assert client.get(url).status_code == 200
    grappe.status = Grappe.Status.SUBMITTED
    grappe.save()
    assert client.post(url, include(confirme=120)).status_code == 403
    assert not GrappeEstablishment.objects.exists()


@pytest.mark.parametrize("n", [7, 700])
def test_queries_do_not_grow_with_the_essms(client, n, django_assert_max_num_queries):
    body, admin = large_body(n, "Beta")
    grappe, url = grappe_of(body, admin)
    client.force_login(admin)
    ids = list(body.establishments.values_list("pk", flat=True))
    with django_assert_max_num_queries(25):
        client.post(url, include(situation="no_dui", confirme=n))
    assert grappe.establishments.count() == n
    with django_assert_max_num_queries(20):
        response = client.get(url, {"departement": "01"})
    assert response.status_code == 200
    with django_assert_max_num_queries(20):
        client.post(url, include(), headers={"HX-Request": "true"})
    assert len(ids) == n
    assert entries.CONFIRM_ABOVE == 50


@pytest.mark.parametrize(
    "query",
    [
        {"page": "²"},
        {"page": "999"},
        {"q": "x" * 300},
        {"categorie": "9999"},
        {"statut": "peut-être"},
    ],
)
def test_hostile_filters_answer_a_page(client, large, query):
    _, _, url = large
    response = client.get(url, query)
    assert response.status_code == 200


@pytest.mark.parametrize(
    "data",
    [
        include(confirme="²"),
        include(action="tout"),
        include(solution="abc"),
        {"portee": "page", "action": "inclure", "essms": ["../../etc", "0180000001"]},
        {"portee": "liste", "action": "inclure", "finess": "0" * 40_000},
    ],
)
def test_hostile_changes_write_nothing(client, large, data):
    _, _, url = large
    response = client.post(url, data)
    assert response.status_code == 200 and "Erreur :" in text(response)
    assert not GrappeEstablishment.objects.exists()
