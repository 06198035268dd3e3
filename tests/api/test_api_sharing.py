"""Open data of the sharing space: published initiatives and experience reports only, no
contact or author, filters and full-text search as on the site."""

import pytest
from django.urls import reverse

from mutualis.initiatives.models import InitiativeType
from mutualis.library import services
from mutualis.library.demo import seed_demo_library
from mutualis.library.models import ExperienceReport
from tests.factories import EstablishmentFactory, ManagingBodyFactory, regional_actor
from tests.initiatives.conftest import initiative

pytestmark = pytest.mark.django_db


def results(client, name: str, **params) -> list[dict]:
    response = client.get(reverse(name), params)
    assert response.status_code == 200, response.content
    return response.json()["results"]


def test_only_published_initiatives_with_their_members_and_no_contact(client):
    body = ManagingBodyFactory(finess="010000024")
    essms = EstablishmentFactory(managing_body=body)
    shown = initiative(moderation="published", contact_email="chef@exemple.fr")
    shown.managing_bodies.add(body)
    shown.establishments.add(essms)
    initiative(title="Proposition en attente")  # proposed: not public

    [item] = results(client, "initiative-list")
    assert item["uid"] == str(shown.uid) and item["type"] == "cahier_des_charges"
    assert item["managing_bodies"] == ["010000024"]
    assert item["establishments"] == [essms.finess]
    assert item["url"] == f"http://testserver/initiatives/{shown.uid}/"
    assert "contact_email" not in item and "contact_name" not in item


def test_initiatives_filter_by_type_region_and_words(client):
    initiative(moderation="published")
    initiative(
        title="Groupement d'achat de tablettes",
        summary="Achat commun.",
        type=InitiativeType.objects.get(code="groupement_achat"),
        region_id="93",
        moderation="published",
    )
    assert len(results(client, "initiative-list", type="groupement_achat")) == 1
    assert len(results(client, "initiative-list", region="84")) == 1
    assert [i["title"] for i in results(client, "initiative-list", q="tablettes")] == [
        "Groupement d'achat de tablettes"
    ]
    assert client.get(reverse("initiative-list"), {"stage": "inconnu"}).status_code == 400


def test_reports_are_searched_like_the_library_and_keep_their_authors_private(client):
    seed_demo_library()
    draft = services.create_report(
        regional_actor(), {"title": "Brouillon RGPD", "context": "RGPD", "pooled": "DPO"}
    )
    found = results(client, "experience-report-list", q="securite")
    assert found and all(r["uid"] != str(draft.uid) for r in found)
    first = ExperienceReport.objects.get(uid=found[0]["uid"])
    assert "sécurité" in (first.title + first.context + first.pooled + first.worked).lower()
    assert "author" not in found[0] and "managing_body" not in found[0]
    assert set(found[0]) >= {"context", "pooled", "advice", "tags", "url"}

    everything = results(client, "experience-report-list")
    assert len(everything) == ExperienceReport.objects.filter(state="published").count()
    tag = everything[0]["tags"][0]
    tagged = results(client, "experience-report-list", tag=tag)
    assert tagged and all(tag in r["tags"] for r in tagged)
    assert client.get(reverse("experience-report-detail", args=[draft.uid])).status_code == 404


def test_reference_lists_of_the_sharing_space(client):
    assert any(t["code"] == "groupement_achat" for t in results(client, "initiativetype-list"))
    assert results(client, "sidomain-list")
    tags = results(client, "cooperationtag-list")
    assert tags and {"code", "label", "kind", "source"} <= set(tags[0])


def test_the_initiative_and_library_pages_point_to_their_open_data(client):
    assert reverse("initiative-list") in client.get(reverse("initiatives:list")).content.decode()
    library = client.get(reverse("library:home")).content.decode()
    assert reverse("experience-report-list") in library
