"""Journey: a national administrator finds an import whose worker died shown as interrupted,
abandons one and relaunches the other, which then writes the file."""

import datetime as dt
import re

import pytest
from django.core.files import File
from django.utils import timezone
from playwright.sync_api import expect

from mutualis.core import leases
from mutualis.core.models import ImportRun
from mutualis.directory.models import Establishment
from tests.e2e.conftest import SAMPLE_2026, assert_accessible
from tests.e2e.test_membership_journey import sign_in
from tests.factories import national_admin

CAYENNE = "970302287"


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def dead_run(admin, name: str) -> ImportRun:
    """A written import its worker was killed in, a lease ago."""
    run = ImportRun(
        source="FINESS",
        file_name=name,
        dry_run=False,
        status=ImportRun.Status.RUNNING,
        phase=ImportRun.Phase.WRITING,
        started_by=admin,
    )
    with SAMPLE_2026.open("rb") as sample:
        run.stored_file.save(name, File(sample), save=False)
    run.save()
    old = timezone.now() - dt.timedelta(seconds=leases.lease_seconds() + 1)
    ImportRun.objects.filter(pk=run.pk).update(started_at=old, heartbeat_at=old)
    return run


def test_abandon_then_relaunch_interrupted_imports(page, live_server, directory_data):
    Establishment.objects.filter(finess=CAYENNE).delete()
    admin = national_admin()
    dead_run(admin, "abandonne.csv")
    dead_run(admin, "relance.csv")
    base = live_server.url

    sign_in(page, base, admin.email)
    page.goto(f"{base}/annuaire/imports/")
    history = page.get_by_role("table")
    expect(history.get_by_role("row", name=re.compile("abandonne.csv"))).to_contain_text(
        "Interrompu"
    )
    assert_accessible(page)

    page.get_by_role("link", name="abandonne.csv").click()
    expect(page.get_by_role("heading", name="Import interrompu")).to_be_visible()
    expect(page.get_by_text("Rien n'a été écrit dans l'annuaire.")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Abandonner").click()
    expect(page.get_by_text("Import de abandonne.csv abandonné.")).to_be_visible()
    expect(page.get_by_role("heading", name="Import interrompu, puis abandonné")).to_be_visible()
    expect(page.get_by_role("button", name="Relancer")).to_have_count(0)

    page.get_by_role("link", name="Tous les imports FINESS").click()
    page.get_by_role("link", name="relance.csv").click()
    page.get_by_role("button", name="Relancer").click()
    # The test backend runs the relaunched import at once.
    expect(page.get_by_role("heading", name="Import écrit dans l'annuaire")).to_be_visible()
    expect(page.get_by_text("Relance de l'import interrompu du")).to_be_visible()
    assert_accessible(page)
    assert Establishment.objects.filter(finess=CAYENNE).exists()

    page.get_by_role("link", name=re.compile("l'import interrompu du")).click()
    expect(page.get_by_text("Cet import a été relancé")).to_be_visible()
    assert page.console_errors == []
