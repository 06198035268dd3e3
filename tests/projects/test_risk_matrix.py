"""The risk register: a likelihood x impact matrix counting the risks not closed, shown as an
accessible table; criticality levels; members add and update risks."""

import pytest
from django.urls import reverse

from mutualis.projects.models import Risk
from mutualis.projects.progress import criticality_level, risk_matrix
from tests.pages import text, words
from tests.projects.factories import RiskFactory


def test_the_matrix_counts_each_cell_most_likely_first():
    matrix = risk_matrix([(4, 1), (4, 1), (2, 3), (1, 4)])
    assert [likelihood for likelihood, _ in matrix] == [4, 3, 2, 1]
    counts = {(c.likelihood, c.impact): c.count for _, cells in matrix for c in cells}
    assert counts[(4, 1)] == 2 and counts[(2, 3)] == 1 and counts[(1, 4)] == 1
    assert sum(counts.values()) == 4 and len(counts) == 16


@pytest.mark.parametrize(
    ("score", "level"),
    [(1, "faible"), (3, "faible"), (4, "moyenne"), (8, "moyenne"), (9, "élevée"), (16, "élevée")],
)
def test_criticality_levels(score, level):
    assert criticality_level(score)[1] == level


@pytest.mark.django_db
def test_the_risks_page_shows_the_matrix_as_a_table(client, setup):
    project = setup.open()  # 3 seeded risks: 2x4, 2x3, 3x3
    RiskFactory(project=project, likelihood=4, impact=4, title="Départ du chef de projet")
    RiskFactory(project=project, likelihood=4, impact=4, status=Risk.Status.CLOSED)
    client.force_login(setup.partner_user)
    response = client.get(reverse("projects:risks", args=[project.uid]))
    page = words(response)
    assert "Matrice des risques non clos : nombre de risques par probabilité et impact" in page
    high, medium, low = "(criticité élevée)", "(criticité moyenne)", "(criticité faible)"
    assert f"Probabilité 4 0 {medium} 0 {medium} 0 {high} 1 {high}" in page
    assert f"Probabilité 2 0 {low} 0 {medium} 1 {medium} 1 {medium}" in page
    # the register lists the most critical first
    assert page.index("Départ du chef de projet") < page.index("Complexité du projet")
    assert page.index("Complexité du projet") < page.index("Prise de pouvoir")
    assert "Élevée (3 × 3 = 9)" in page


@pytest.mark.django_db
def test_a_member_adds_and_updates_a_risk(client, setup):
    project = setup.open()
    client.force_login(setup.partner_user)
    data = {
        "nouveau-title": "Retard de l'éditeur",
        "nouveau-likelihood": "3",
        "nouveau-impact": "2",
        "nouveau-owner": setup.partner_member.pk,
        "nouveau-mitigation": "Pénalités de retard au marché",
        "nouveau-status": "open",
    }
    assert "Risque ajouté." in text(
        client.post(reverse("projects:risks", args=[project.uid]), data, follow=True)
    )
    risk = Risk.objects.get(title="Retard de l'éditeur")
    assert risk.owner == setup.partner_member and risk.criticality == 6
    edit = reverse("projects:risk", args=[project.uid, risk.uid])
    client.post(
        edit,
        {
            "title": risk.title,
            "likelihood": "1",
            "impact": "2",
            "mitigation": "",
            "status": "mitigated",
        },
    )
    risk.refresh_from_db()
    assert (risk.likelihood, risk.status) == (1, "mitigated")


@pytest.mark.django_db
def test_the_scale_is_one_to_four(client, setup):
    project = setup.open()
    client.force_login(setup.partner_user)
    response = client.post(
        reverse("projects:risks", args=[project.uid]),
        {
            "nouveau-title": "X",
            "nouveau-likelihood": "5",
            "nouveau-impact": "0",
            "nouveau-status": "open",
        },
    )
    assert set(response.context["form"].errors) == {"likelihood", "impact"}
    assert project.risks.count() == 3
