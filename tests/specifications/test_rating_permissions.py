"""Who may see and do what on the rating stage: members rate, the carrier leads, the région
reads, everybody else gets a 404, anonymous users go to the login page."""

import pytest
from django.urls import reverse

from mutualis.accounts.models import MembershipRole
from mutualis.specifications.models import Rating
from tests.factories import MembershipFactory, national_admin, regional_actor
from tests.specifications.factories import body_with_admin, group, specification

READS = ["detail", "convergence"]
MEMBER_PAGES = ["rate", "prefill", "add_item"]
LEAD_PAGES = ["accept_consensus"]


@pytest.fixture
def world(db):
    g = group()
    return g, specification(g)


def _url(name, spec, *args):
    return reverse(f"specifications:{name}", args=[spec.uid, *args])


def _all_urls(spec):
    return [_url(name, spec) for name in READS + MEMBER_PAGES + LEAD_PAGES] + [
        _url("arbitrate", spec, "DUI-01"),
        reverse("specifications:grappe", args=[spec.grappe.uid]),
    ]


def test_anonymous_users_are_sent_to_the_login_page(client, world):
    _, spec = world
    login = reverse("accounts:login")
    for url in [reverse("specifications:home"), *_all_urls(spec)]:
        response = client.get(url)
        assert response.status_code == 302, url
        assert response.url.startswith(f"{login}?next="), url
    response = client.post(reverse("specifications:start", args=[spec.grappe.uid]))
    assert response.status_code == 302 and response.url.startswith(login)


@pytest.mark.parametrize("who", ["other_grappe_member", "other_body_admin"])
def test_outsiders_get_404_everywhere(client, world, who):
    g, spec = world
    user = group().admins[1] if who == "other_grappe_member" else None
    if user is None:
        _, user = body_with_admin("Autre", region="11", departement="75")
    client.force_login(user)
    for url in _all_urls(spec):
        assert client.get(url).status_code == 404, url
    assert client.post(_url("rate", spec), {}).status_code == 404
    assert client.post(reverse("specifications:start", args=[g.grappe.uid])).status_code == 404
    assert spec.title not in client.get(reverse("specifications:home")).content.decode()


def test_the_regional_actor_reads_but_may_not_write(client, world):
    g, spec = world
    client.force_login(regional_actor("84"))
    assert spec.title in client.get(reverse("specifications:home")).content.decode()
    for name in READS:
        assert client.get(_url(name, spec)).status_code == 200
    assert _url("rate", spec) not in client.get(_url("detail", spec)).content.decode()  # no tab
    grappe_page = client.get(reverse("specifications:grappe", args=[g.grappe.uid]))
    assert grappe_page.status_code == 200
    assert "Lancer le cahier" not in grappe_page.content.decode()
    for name in MEMBER_PAGES + LEAD_PAGES:
        response = client.post(_url(name, spec), {})
        assert response.status_code == 403, name
    assert client.post(_url("arbitrate", spec, "DUI-01"), {}).status_code == 403
    assert client.post(reverse("specifications:start", args=[g.grappe.uid])).status_code == 403
    assert not Rating.objects.exists()
    # Another région's actor sees nothing.
    client.force_login(regional_actor("11"))
    assert client.get(_url("detail", spec)).status_code == 404


def test_simple_members_may_not_arbitrate(client, world):
    g, spec = world
    client.force_login(g.admins[1])
    assert client.get(_url("rate", spec)).status_code == 200
    assert client.get(_url("arbitrate", spec, "DUI-01")).status_code == 403
    response = client.post(_url("arbitrate", spec, "DUI-01"), {"importance": "utile"})
    assert response.status_code == 403
    assert client.post(_url("accept_consensus", spec)).status_code == 403
    assert not spec.items.exclude(importance="").exists()


def test_a_national_admin_leads_but_does_not_rate(client, world):
    _, spec = world
    client.force_login(national_admin())
    assert client.get(_url("arbitrate", spec, "DUI-01")).status_code == 200
    assert client.get(_url("rate", spec)).status_code == 403
    assert spec.title in client.get(reverse("specifications:home")).content.decode()


def test_a_member_of_several_organisations_chooses_which_it_rates_for(client, world):
    g, spec = world
    user = g.admins[1]
    MembershipFactory(user=user, managing_body=g.bodies[2], role=MembershipRole.MEMBER)
    client.force_login(user)
    item = spec.items.get(code="DUI-01")
    client.post(
        _url("rate", spec),
        {"organisme": g.bodies[2].finess, f"i{item.pk}": "utile"},
    )
    assert Rating.objects.get().managing_body == g.bodies[2]
    page = client.get(_url("rate", spec), {"organisme": g.bodies[2].finess}).content.decode()
    assert "Changer d'organisme" in page
    # A FINESS that is not one of the user's member organisations: 404.
    assert client.get(_url("rate", spec), {"organisme": g.bodies[0].finess}).status_code == 404
    assert client.get(_url("rate", spec), {"organisme": "٣٣"}).status_code == 404
