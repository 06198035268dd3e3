"""The pages of the rating stage, as members see them."""

import re

import pytest
from django.urls import reverse

from mutualis.specifications.models import Rating
from tests.specifications.factories import group, specification
from tests.specifications.rating_builders import diagnostic, rate, survey_answer


@pytest.fixture
def world(db):
    g = group()
    return g, specification(g)


def _url(name, spec, *args):
    return reverse(f"specifications:{name}", args=[spec.uid, *args])


def test_home_lists_the_members_specifications_and_explains_how_to_start(client, world):
    g, spec = world
    client.force_login(g.admins[1])
    page = client.get(reverse("specifications:home")).content.decode()
    assert spec.title in page
    other_body_admin = group().admins[2]
    client.force_login(other_body_admin)
    page = client.get(reverse("specifications:home")).content.decode()
    assert spec.title not in page
    assert "se lance depuis la page d'une grappe" in page


def test_the_carrier_starts_a_specification_from_the_grappe_page(client, db):
    g = group()
    client.force_login(g.carrier_admin)
    url = reverse("specifications:grappe", args=[g.grappe.uid])
    assert "Lancer le cahier des charges" in client.get(url).content.decode()
    response = client.post(
        reverse("specifications:start", args=[g.grappe.uid]),
        {"title": "Achat DUI", "purpose": "Un DUI pour nos 3 EHPAD"},
    )
    spec = g.grappe.specifications.get()
    assert response.url == _url("detail", spec)
    assert (spec.title, spec.purpose) == ("Achat DUI", "Un DUI pour nos 3 EHPAD")
    # A too long title is re-displayed with an error, nothing created.
    start = reverse("specifications:start", args=[g.grappe.uid])
    response = client.post(start, {"title": "x" * 201})
    assert response.status_code == 200
    assert "au plus 200 caractères" in response.content.decode()
    assert g.grappe.specifications.count() == 1
    # A simple member sees the list without the form.
    client.force_login(g.admins[1])
    page = client.get(url).content.decode()
    assert "Achat DUI" in page and "Lancer le cahier des charges" not in page


def test_overview_shows_each_members_progress(client, world):
    g, spec = world
    rate(spec, g, 1, DUI_01="utile", DUI_02="utile")
    Rating.objects.create(
        item=spec.items.get(code="DUI-03"),
        managing_body=g.bodies[1],
        importance="souhaite",
        origin=Rating.Origin.SURVEY,
    )
    client.force_login(g.admins[1])
    response = client.get(_url("detail", spec))
    page = response.content.decode()
    total = spec.items.count()
    assert f"3 / {total}" in page and f"0 / {total}" in page
    assert "Noter les exigences" in page and "Arbitrer les exigences" not in page
    assert f"{total - 3} exigences à noter" in page and "1 pré-remplie à confirmer" in page
    client.force_login(g.carrier_admin)
    assert "Arbitrer les exigences" in client.get(_url("detail", spec)).content.decode()


def test_a_member_rates_partially_and_sees_the_prefill_origin(client, world):
    g, spec = world
    items = dict(spec.items.values_list("code", "pk"))
    Rating.objects.create(
        item_id=items["DUI-03"],
        managing_body=g.bodies[1],
        importance="indispensable",
        origin=Rating.Origin.MATURITY,
    )
    client.force_login(g.admins[1])
    page = client.get(_url("rate", spec)).content.decode()
    assert "pré-remplie : diagnostic" in page
    assert "Dossier de l&#x27;usager" in page  # grouped by domain
    response = client.post(
        _url("rate", spec),
        {
            f"i{items['DUI-01']}": "indispensable",
            f"c{items['DUI-01']}": "Indispensable pour les 3 sites",
            f"i{items['DUI-03']}": "indispensable",
        },
    )
    assert response.status_code == 302
    ratings = {r.item_id: r for r in Rating.objects.filter(managing_body=g.bodies[1])}
    assert ratings[items["DUI-01"]].comment == "Indispensable pour les 3 sites"
    assert ratings[items["DUI-03"]].origin == Rating.Origin.MEMBER  # confirmed
    assert len(ratings) == 2


@pytest.mark.parametrize(
    ("importance", "comment", "error"),
    [
        ("très", "", "Choisissez une des importances"),
        ("utile", "x" * 501, "au plus 500 caractères"),
        ("", "Sans note", "Choisissez aussi une importance"),
        ("٣", "", "Choisissez une des importances"),
    ],
)
def test_bad_input_is_refused_and_redisplayed(client, world, importance, comment, error):
    g, spec = world
    items = dict(spec.items.values_list("code", "pk"))
    client.force_login(g.admins[1])
    other = f"i{items['DUI-02']}"
    response = client.post(
        _url("rate", spec),
        {f"i{items['DUI-01']}": importance, f"c{items['DUI-01']}": comment, other: "utile"},
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert error in page
    # What was typed for the other item is shown again, checked.
    assert re.search(rf'name="{other}" value="utile" id="id_{other}_\d" checked', page)
    assert not Rating.objects.exists()


def test_the_prefill_page_says_how_many_before_doing_it(client, world):
    g, spec = world
    survey_answer(g.bodies[1], needs=["dui"])
    diagnostic(g.bodies[1], {"2.1.1": 0})
    rate(spec, g, 1, DUI_02="utile")
    client.force_login(g.admins[1])
    page = client.get(_url("prefill", spec)).content.decode()
    expected = Rating.objects.count()  # 1 so far
    assert expected == 1 and not Rating.objects.exclude(origin="member").exists()
    assert "Pré-remplir" in page and "DUI-01" in page and "DUI-02 —" not in page
    response = client.post(_url("prefill", spec))
    assert response.url == _url("rate", spec)
    assert Rating.objects.get(item__code="DUI-01").origin == Rating.Origin.MATURITY
    assert Rating.objects.get(item__code="DUI-02").importance == "utile"
    page = client.get(_url("rate", spec)).content.decode()
    assert "pré-remplie : diagnostic" in page and "pré-remplie : recensement" in page


def test_a_member_adds_and_removes_its_own_requirement(client, world):
    g, spec = world
    client.force_login(g.admins[1])
    response = client.post(
        _url("add_item", spec),
        {"domain": "Exigences propres au groupement", "label": "Astreinte", "description": ""},
    )
    assert response.status_code == 302
    item = spec.items.get(code="M-01")
    assert item.proposed_by == g.bodies[1]
    response = client.post(_url("add_item", spec), {"domain": "Inventé", "label": "X"})
    assert "Choisissez un des domaines" in response.content.decode()
    # Another member may not remove it; its proposer may, after a confirmation page.
    client.force_login(g.admins[2])
    assert client.post(_url("remove_item", spec, "M-01")).status_code == 403
    client.force_login(g.admins[1])
    confirmation = client.get(_url("remove_item", spec, "M-01")).content.decode()
    assert "Retirer l'exigence" in confirmation and "Astreinte" in confirmation
    assert client.post(_url("remove_item", spec, "M-01")).status_code == 302
    assert not spec.items.filter(code="M-01").exists()
    # Library requirements cannot be removed, even by the carrier.
    client.force_login(g.carrier_admin)
    assert client.post(_url("remove_item", spec, "DUI-01")).status_code == 403
