"""Each gap leads somewhere: for the weakest dimensions, published experience reports and
initiatives on the topic, partners of the organisation's grappes strong on the dimension (only
those the user may see), and the programme that applies with its source."""

import pytest
from django.urls import reverse

from mutualis.grappes import services as grappes
from mutualis.initiatives.models import Initiative, SiDomain
from mutualis.maturity import leads, services
from mutualis.maturity.models import Assessment, Indicator, ReferentialVersion
from tests.factories import UserFactory, regional_actor
from tests.grappes.conftest import body_with
from tests.initiatives.conftest import initiative
from tests.library.conftest import publish, write_report
from tests.pages import words

pytestmark = pytest.mark.django_db


def _submitted(user, body, level_of) -> Assessment:
    assessment = services.start_assessment(user, body)
    referential = ReferentialVersion.objects.get(is_current=True)
    for code, dimension in Indicator.objects.filter(
        theme__dimension__referential=referential
    ).values_list("code", "theme__dimension__code"):
        services.save_answer(user, assessment, code, level_of(dimension))
    return services.submit_assessment(user, assessment)


def test_weakest_dimensions_come_first_and_full_ones_never():
    scores = {"1": 2.0, "2": 0.5, "3": None, "4": 4.0, "5": 2.0, "6": 1.0}
    assert leads.weakest(scores) == ["2", "6", "1"]
    assert leads.weakest({"1": 4.0}) == []


def test_every_dimension_has_a_topic_and_a_programme_with_its_source():
    topics = leads.topics()
    assert sorted(topics) == [str(code) for code in range(1, 8)]
    for topic in topics.values():
        assert topic.programme and topic.source and topic.reliability
        assert "non évaluable" in topic.programme or topic.reliability == "vérifiée"
    assert "SONS" in topics["2"].programme and "https://www.ehpadia.fr/" in topics["2"].source


def test_a_weak_dimension_leads_to_reports_initiatives_partners_and_a_programme(client):
    carrier, admin = body_with(10, "Association Porteuse")
    partner, partner_admin = body_with(6, "Fondation Partenaire")
    stranger, stranger_admin = body_with(6, "Association Lointaine")
    grappe = grappes.create_grappe(admin, carrier, "Grappe de l'Ain", "generalisation", 2026)
    grappes.invite_member(admin, grappe, partner)
    grappes.answer_invitation(partner_admin, grappe.members.get(managing_body=partner), True)
    # The partner is strong on dimension 2 and shares it with the grappe; a stranger is strong
    # too but shares nothing with the carrier: never shown.
    strong = _submitted(partner_admin, partner, lambda d: 4 if d == "2" else 1)
    grappes.share_assessment(partner_admin, grappe, strong)
    _submitted(stranger_admin, stranger, lambda d: 4)
    moderator = regional_actor("84")
    publish(write_report(UserFactory(), "Déploiement d'un DUI dans trois EHPAD"), moderator)
    write_report(UserFactory(), "Un DUI encore en brouillon")  # not published
    dui = initiative(title="Achat groupé de DUI", moderation=Initiative.Moderation.PUBLISHED)
    dui.domains.add(SiDomain.objects.get(code="dui"))
    initiative(title="DUI proposé, pas encore publié").domains.add(SiDomain.objects.get(code="dui"))
    mine = _submitted(admin, carrier, lambda d: 0 if d == "2" else 3)

    client.force_login(admin)
    response = client.get(reverse("maturity:result", args=[mine.uid]))

    page = words(response)
    assert "Où trouver de l'aide pour vos dimensions les plus faibles" in page
    section = page.split("2. Adéquation fonctionnelle — score 0,0 sur 4")[1].split("Source")[0]
    assert "Déploiement d'un DUI dans trois EHPAD" in section
    assert "brouillon" not in section
    assert "Achat groupé de DUI" in section and "pas encore publié" not in section
    assert "Fondation Partenaire" in section and "score 4,0 sur 4" in section
    assert "Association Lointaine" not in page
    assert "Ségur du numérique médico-social, vague 2" in section
    html = response.content.decode()
    assert reverse("initiatives:detail", args=[dui.uid]) in html
    share = grappe.shared_assessments.get()
    assert reverse("grappes:shared", args=[grappe.uid, share.pk]) in html
    # Shared resources (sharing.leads) suggest a need for the dimensions they cover only.
    assert "Ressources partagées" not in section
    assert "Ressources partagées" in page and f"{reverse('sharing:create')}?competence=" in html


def test_partners_are_only_those_the_reader_may_see(client):
    carrier, admin = body_with(10, "Association Porteuse")
    partner, partner_admin = body_with(6, "Fondation Partenaire")
    grappe = grappes.create_grappe(admin, carrier, "Grappe de l'Ain", "generalisation", 2026)
    grappes.invite_member(admin, grappe, partner)
    member = grappe.members.get(managing_body=partner)
    grappes.answer_invitation(partner_admin, member, True)
    grappes.share_assessment(partner_admin, grappe, _submitted(partner_admin, partner, lambda d: 4))
    mine = _submitted(admin, carrier, lambda d: 1)
    request = leads.Request(leads.topics()["2"], admin, mine)
    from mutualis.grappes.leads import strong_partners

    assert [lead.title for lead in strong_partners(request).leads] == ["Fondation Partenaire"]
    outsider = leads.Request(leads.topics()["2"], UserFactory(), mine)
    assert strong_partners(outsider).leads == []
