"""Drafts, proposal, moderation by regional actors and national administrators, and who
sees what: the public library shows published reports only."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from mutualis.core.models import AuditLog
from mutualis.library import selectors, services
from mutualis.library.models import ExperienceReport
from tests.factories import UserFactory, national_admin, regional_actor
from tests.library.conftest import write_report
from tests.pages import text

pytestmark = pytest.mark.django_db
State = ExperienceReport.State


def url(report, suffix=""):
    return f"/retours-experience/{report.uid}/{suffix}"


def test_a_signed_in_user_writes_a_draft_only_they_see(client, author):
    client.force_login(author)
    response = client.post(
        "/retours-experience/rediger/",
        {
            "title": "Un serveur partagé",
            "region": "84",
            "context": "Deux associations.",
            "pooled": "Un serveur.",
            "worked": "La convention.",
        },
    )
    report = ExperienceReport.objects.get()
    assert response.status_code == 302
    assert response["Location"] == url(report)
    assert (report.state, report.author) == (State.DRAFT, author)
    assert "Brouillon" in text(client.get(url(report)))
    client.logout()
    assert client.get(url(report)).status_code == 403
    client.force_login(UserFactory())
    assert client.get(url(report)).status_code == 403
    client.force_login(regional_actor("84"))  # moderators do not read drafts
    assert client.get(url(report)).status_code == 403


def test_writing_requires_signing_in_and_a_region(client, author):
    assert client.get("/retours-experience/rediger/").status_code == 302
    client.force_login(author)
    response = client.post("/retours-experience/rediger/", {"title": "Sans région"})
    assert response.status_code == 200
    assert "Choisissez la région" in text(response)
    assert not ExperienceReport.objects.exists()


def test_proposing_needs_the_main_sections(author):
    report = write_report(author, pooled="", worked="")
    with pytest.raises(ValidationError) as error:
        services.propose_report(author, report)
    assert "ce qui a été mutualisé" in error.value.messages[0]
    services.edit_report(author, report, {"pooled": "Un serveur.", "worked": "Oui."})
    services.propose_report(author, report)
    assert report.state == State.PROPOSED


def test_a_regional_actor_publishes_the_reports_of_their_region(client, author):
    report = write_report(author, region="84")
    services.propose_report(author, report)
    elsewhere = regional_actor("32")
    with pytest.raises(PermissionDenied):
        services.moderate_report(elsewhere, report, publish=True)
    client.force_login(elsewhere)
    assert client.get(url(report)).status_code == 403
    assert selectors.moderation_queue(elsewhere).count() == 0

    moderator = regional_actor("84")
    assert list(selectors.moderation_queue(moderator)) == [report]
    client.force_login(moderator)
    page = text(client.get(url(report)))
    assert "Enregistrer la décision" in page
    response = client.post(url(report, "moderation/"), {"decision": "publish"})
    assert response["Location"] == "/retours-experience/moderation/"
    report.refresh_from_db()
    assert (report.state, report.moderated_by) == (State.PUBLISHED, moderator)
    assert report.published_at is not None
    assert AuditLog.objects.filter(action="report.moderate", object_id=str(report.uid)).exists()
    client.logout()
    assert client.get(url(report)).status_code == 200
    assert report in [hit.report for hit in selectors.search("")[:10]]


def test_a_refusal_needs_a_reason_the_author_reads(client, author):
    report = write_report(author, region="32")
    services.propose_report(author, report)
    admin = national_admin()  # every région
    client.force_login(admin)
    response = client.post(url(report, "moderation/"), {"decision": "reject"})
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.state == State.PROPOSED
    client.post(url(report, "moderation/"), {"decision": "reject", "note": "Trop court."})
    report.refresh_from_db()
    assert (report.state, report.moderation_note) == (State.REJECTED, "Trop court.")
    client.force_login(author)
    assert "Refusé : Trop court." in text(client.get(url(report)))
    client.post(url(report, "proposer/"))
    report.refresh_from_db()
    assert (report.state, report.moderation_note) == (State.PROPOSED, "")


def test_authors_do_not_moderate_their_own_reports():
    admin = national_admin()
    report = write_report(admin, region="84")
    services.propose_report(admin, report)
    with pytest.raises(PermissionDenied):
        services.moderate_report(admin, report, publish=True)
    assert report not in selectors.moderation_queue(admin)


def test_a_published_report_is_no_longer_edited_by_its_author(client, author):
    report = write_report(author, region="84")
    services.propose_report(author, report)
    services.moderate_report(regional_actor("84"), report, publish=True)
    client.force_login(author)
    assert client.get(url(report, "modifier/")).status_code == 403
    assert client.post(url(report, "supprimer/")).status_code == 403
    with pytest.raises(ValidationError):
        services.moderate_report(national_admin(), report, publish=False, note="Non.")


def test_the_author_lists_and_deletes_drafts(client, author):
    draft = write_report(author, "Mon brouillon")
    client.force_login(author)
    assert "Mon brouillon" in text(client.get("/retours-experience/mes-retours/"))
    response = client.post(url(draft, "supprimer/"))
    assert response["Location"] == "/retours-experience/mes-retours/"
    assert not ExperienceReport.objects.exists()


def test_anonymous_visitors_see_the_public_library(client, author):
    write_report(author, "Brouillon caché")
    response = client.get("/retours-experience/")
    assert response.status_code == 200
    page = text(response)
    assert "Brouillon caché" not in page
    assert "Se connecter pour rédiger" in page
    assert client.get("/retours-experience/moderation/").status_code == 302
