import pytest

from mutualis.library import services
from mutualis.library.demo import seed_demo_library
from mutualis.library.models import CooperationTag, ExperienceReport
from tests.factories import UserFactory, regional_actor

TEXT = {
    "context": "Deux associations voisines partagent leurs moyens informatiques.",
    "pooled": "Un serveur de sauvegarde commun.",
    "worked": "Une convention signée tôt.",
}


def write_report(author, title="Un serveur de sauvegarde partagé", region="84", **fields):
    """A draft written through the service layer (so it is indexed)."""
    data = {**TEXT, "title": title, "region_id": region, **fields}
    return services.create_report(author, data)


def publish(report: ExperienceReport, moderator) -> ExperienceReport:
    if report.state != ExperienceReport.State.PROPOSED:
        services.propose_report(report.author, report)
    services.moderate_report(moderator, report, publish=True)
    report.refresh_from_db()
    return report


@pytest.fixture
def author(db):
    return UserFactory(first_name="Dominique", last_name="Autrice")


@pytest.fixture
def moderator(db):
    """A regional actor of Auvergne-Rhône-Alpes (84)."""
    return regional_actor("84")


@pytest.fixture
def demo_reports(db):
    return {report.uid: report for report in seed_demo_library()}


@pytest.fixture
def tags(db):
    return {tag.code: tag for tag in CooperationTag.objects.all()}
