"""Small cells of the needs analysis: no group of fewer than 5 respondents shows anywhere
(breakdown rows, lever counts and shares, needs, comments, CSV/XLSX), not even as the total
minus the rows shown; masked rows are merged into "Autres (regroupés)" from 5 respondents."""

import io
import random

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from mutualis.workshops import analysis, survey_selectors
from mutualis.workshops.analysis import COMPLEMENT, OTHERS, SMALL
from tests.factories import regional_actor
from tests.pages import words
from tests.workshops.conftest import open_survey
from tests.workshops.survey_builders import answer, body_in, small_cells_world

LEVERS = [("A", "Flexibilité"), ("B", "Adaptation")]
MINIMUM = 5


def test_small_cells_and_the_smallest_cells_that_would_reveal_them_are_masked():
    assert analysis.masks([6, 5, 1], MINIMUM) == ["", COMPLEMENT, SMALL]
    assert analysis.masks([6, 5], MINIMUM) == ["", ""]
    assert analysis.masks([5, 4], MINIMUM) == [COMPLEMENT, SMALL]
    assert analysis.masks([7, 3, 3], MINIMUM) == ["", SMALL, SMALL]  # 6 hidden together
    assert analysis.masks([0, 9, 1, 1, 1], MINIMUM) == ["", COMPLEMENT, SMALL, SMALL, SMALL]


def _response(rng: random.Random, sectors: str) -> analysis.Response:
    return analysis.Response(
        sector=rng.choice(sectors),
        size_class=None,
        region=None,
        departement=None,
        ratings=(("A", rng.choice((0, 1, 1, 2, 3))), ("B", rng.choice((0, 0, 1)))),
        needs=tuple(code for code in ("dui", "rh") if rng.random() < 0.4),
    )


def _safe(count: int) -> bool:
    return count == 0 or count >= MINIMUM


@pytest.mark.parametrize("seed", range(60))
def test_no_figure_nor_difference_of_figures_gives_a_group_under_five(seed):
    rng = random.Random(seed)
    responses = [_response(rng, "abcd") for _ in range(rng.randint(1, 30))]
    total = len(responses)
    groups = analysis.breakdown(
        responses, lambda r: r.sector, {"a": "A", "b": "B", "c": "C"}, LEVERS, MINIMUM
    )
    shown = [g for g in groups if not g.mask and not g.is_others]
    assert all(g.respondents >= MINIMUM for g in groups if not g.mask)
    others = [g for g in groups if g.is_others]
    hidden = total - sum(g.respondents for g in shown)
    assert _safe(hidden) or (total < MINIMUM and not shown)  # no small group by difference
    if others:
        assert others[0].respondents == hidden >= MINIMUM and others[0].label == OTHERS
    for group in groups:
        if group.mask:
            assert group.respondents is None and group.shares == [None, None]
    members = {g.key: [r for r in responses if r.sector == g.key] for g in shown}
    for group in shown:
        for (code, _), value in zip(LEVERS, group.shares, strict=True):
            part = sum(1 for r in members[group.key] if dict(r.ratings)[code] >= 1)
            if value is not None:
                assert _safe(part) and _safe(group.respondents - part)
    for share in analysis.lever_shares(responses, LEVERS, MINIMUM):
        if share.respondents is None:
            assert total < MINIMUM and share.share is None and set(share.counts) == {None}
            continue
        visible = [count for count in share.counts if count is not None]
        assert all(_safe(count) for count in visible)
        assert _safe(share.respondents - sum(visible))
    for need in analysis.need_shares(responses, [("dui", "DUI"), ("rh", "RH")], MINIMUM):
        if need.count is not None:
            assert _safe(need.count) and _safe(total - need.count)


@pytest.mark.django_db
def test_the_lone_respondent_never_shows_on_the_analysis_page(client):
    survey = small_cells_world(open_survey("regional", "84", title="Besoins AURA"))
    client.force_login(regional_actor("84"))
    page = words(client.get(reverse("workshops:survey_results", args=[survey.uid])))
    assert "12 répondants" in page
    # A: eleven "pas prioritaire", the lone "le plus prioritaire": both counts secret.
    assert "A. " in page and "12 secret 0 0 secret secret" in page
    assert "D. Un espace de partage des retours d'expérience de mutualisation " in page
    assert "12 0 secret 6 secret 100,0 %" in page  # 1 priority hidden, then the 5 top too
    assert "Personnes âgées 6 0,0 % 0,0 % 0,0 % 100,0 %" in page
    assert "Personnes handicapées — enfants masqué (secret par recoupement) secret" in page
    assert "moins de 5 répondants secret" in page
    assert "Autres (regroupés) 6 secret 0,0 % 0,0 % 100,0 %" in page
    assert "Ain 6" in page and "Isère masqué (secret par recoupement)" in page
    assert "Savoie moins de 5 répondants" in page
    assert "Dossier usager informatisé (DUI) 6 50,0 %" in page
    assert "Sécurité et protection des données (RGPD) secret secret" in page
    assert "Zèbre : notre CHRS seul" in page  # unattributed, from 5 respondents on
    assert " 1 8,3 %" not in page and "8,3" not in page


@pytest.mark.django_db
def test_the_exports_keep_the_same_secrets(client):
    survey = small_cells_world(open_survey("regional", "84", title="Besoins AURA 2026"))
    client.force_login(regional_actor("84"))
    response = client.get(reverse("workshops:survey_csv", args=[survey.uid]))
    lines = b"".join(response.streaming_content).decode("utf-8-sig").splitlines()
    assert "Ensemble;Tous les répondants;12;A;secret" in lines
    assert "Par secteur;Personnes âgées;6;D;100,0" in lines
    assert (
        "Par secteur;Personnes handicapées — enfants;masqué (secret par recoupement);D;secret"
        in lines
    )
    assert "Par secteur;Autres (regroupés);6;A;secret" in lines
    assert "Par secteur;Autres (regroupés);6;D;100,0" in lines
    assert "Par département;Savoie;moins de 5 répondants;A;secret" in lines
    assert not [line for line in lines if ";1;" in line or line.endswith(";8,3")]
    response = client.get(reverse("workshops:survey_xlsx", args=[survey.uid]))
    workbook = load_workbook(io.BytesIO(response.content))
    levers = list(workbook["Leviers"].values)
    assert levers[1][0] == "A" and levers[1][2:8] == (12, "secret", 0, 0, "secret", "secret")
    territory = list(workbook["Par département"].values)
    assert ("Savoie", "moins de 5 répondants") in [row[:2] for row in territory]
    assert ("Autres (regroupés)", 6) in [row[:2] for row in territory]
    cells = [cell for sheet in workbook for row in sheet.values for cell in row]
    assert 1 not in cells and 11 not in cells and 8.3 not in cells


@pytest.mark.django_db
def test_under_five_respondents_the_count_itself_is_secret(client):
    survey = open_survey("national")
    body, admin = body_in("Seul répondant", "01")
    answer(survey, body, admin, comment="Mon organisme...", A=3, B=2)
    report = survey_selectors.report(survey)
    assert report.is_secret and report.respondents_label == "moins de 5 répondants"
    client.force_login(regional_actor("84"))
    page = words(client.get(reverse("workshops:survey_results", args=[survey.uid])))
    assert "moins de 5 répondants" in page and "1 répondant" not in page
    assert "Mon organisme" not in page


@pytest.mark.django_db
def test_comments_are_shown_in_alphabetical_order_not_in_the_order_of_the_answers():
    survey = open_survey("national")
    for index, comment in enumerate(["Zut", "alpha", "Mi", "", "Beta"]):
        body, admin = body_in(f"Organisme {index}", "01")
        answer(survey, body, admin, comment=comment, A=1)
    assert survey_selectors.report(survey).comments == ["alpha", "Beta", "Mi", "Zut"]
