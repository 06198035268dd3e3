"""Demonstration data: a closed survey answered by real managing bodies of the directory and
an archived workshop on levers A–G; marked as such, idempotent."""

import pytest
from django.core.management import call_command

from mutualis.workshops import survey_selectors
from mutualis.workshops.demo import PARTICIPANTS, PER_REGION, REGIONS, seed_demo_workshops
from mutualis.workshops.models import BallotMark, NeedsSurvey, Workshop
from tests.factories import EstablishmentFactory, ManagingBodyFactory

pytestmark = pytest.mark.django_db

DEPARTEMENTS = {"84": "01", "11": "75", "32": "59", "75": "33", "76": "31", "44": "67"}


@pytest.fixture
def directory():
    """Managing bodies spread over the demonstration régions, of every size class."""
    for index in range(70):
        region = REGIONS[index % len(REGIONS)]
        size = (1, 3, 20, 45)[index % 4]
        body = ManagingBodyFactory(departement_id=DEPARTEMENTS[region], establishment_count=size)
        EstablishmentFactory(
            managing_body=body,
            region_id=region,
            departement_id=DEPARTEMENTS[region],
            category_id=("500", "183", "209")[index % 3],
        )


def test_demo_survey_and_archived_workshop(directory, capsys):
    counts = seed_demo_workshops()
    assert counts["ateliers archivés"] == 1
    survey = NeedsSurvey.objects.get(is_demo=True)
    assert survey.title.startswith("[Démonstration]") and survey.state == "Clos"
    assert counts["réponses au recensement"] == survey.answers.count() > 5 * len(REGIONS)
    assert survey.answers.count() <= PER_REGION * len(REGIONS)
    report = survey_selectors.report(survey)
    assert not report.is_secret and report.has_demo_data
    published = [
        group
        for dimension in report.dimensions
        for group in dimension.groups
        if not group.is_secret(report.minimum)
    ]
    assert len(published) >= 6

    workshop = Workshop.objects.get(is_demo=True)
    assert workshop.status == Workshop.Status.ARCHIVED
    assert workshop.title.startswith("[Démonstration]")
    assert workshop.results["ballots"] == workshop.ballot_count == PARTICIPANTS
    frozen = {row["code"]: row["points"] for row in workshop.results["rows"]}
    assert sum(frozen.values()) == 6 * PARTICIPANTS
    for code, points in frozen.items():
        marks = BallotMark.objects.filter(lever__workshop=workshop, lever__code=code)
        assert sum(marks.values_list("points", flat=True)) == points
    assert workshop.cards.exclude(group="").exists()

    call_command("seed_demo_workshops")
    assert "ateliers archivés créés : 0" in capsys.readouterr().out
    assert NeedsSurvey.objects.filter(is_demo=True).count() == 1
    assert Workshop.objects.filter(is_demo=True).count() == 1
