"""The demonstration reports: six, published, marked and titled as such, indexed, tagged
from the cooperation referential; seeding twice changes nothing."""

import pytest

from mutualis.initiatives.models import Initiative, InitiativeType
from mutualis.library import selectors
from mutualis.library.demo import demo_uid, seed_demo_library
from mutualis.library.models import ExperienceReport
from tests.factories import MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_six_published_demonstration_reports_idempotent():
    first = seed_demo_library()
    second = seed_demo_library()
    assert [r.pk for r in first] == [r.pk for r in second]
    reports = ExperienceReport.objects.all()
    assert reports.count() == 6
    for report in reports:
        assert report.is_demo
        assert report.state == ExperienceReport.State.PUBLISHED
        assert report.title.startswith("[Démonstration] ")
        assert "Démonstration : synthèse rédigée par l'équipe Mutualis" in report.context
        assert report.tags.count() >= 5
        assert report.region_id is not None
    assert selectors.search("").count() == 6
    assert selectors.search("hebergement externe")[0].report.uid == demo_uid(
        "grappe-editeur-hebergement"
    )


def test_the_seeds_experiences_are_all_told():
    titles = " ".join(r.title for r in seed_demo_library()).lower()
    for words in ["même éditeur", "hébergement externe", "cahier des charges commun", "dpo"]:
        assert words in titles
    for words in ["groupement d'achat", "entrepôt de données", "freins"]:
        assert words in titles


def test_demo_reports_link_to_demo_initiatives_and_the_demo_author():
    kind = InitiativeType.objects.get(code="entrepot_donnees")
    initiative = Initiative.objects.create(
        title="[Démonstration] Entrepôt",
        type=kind,
        summary="…",
        moderation="published",
        is_demo=True,
    )
    author = UserFactory(email="rsi@demo.mutualis.fr")
    membership = MembershipFactory(user=author)
    seed_demo_library()
    report = ExperienceReport.objects.get(uid=demo_uid("entrepot-donnees"))
    assert report.initiative == initiative
    assert (report.author, report.managing_body) == (author, membership.managing_body)
    facet = next(f for f in selectors.search("").facets if f.name == "type")
    assert [(v.key, v.count) for v in facet.values] == [("entrepot_donnees", 1)]
