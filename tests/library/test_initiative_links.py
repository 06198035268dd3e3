"""A report and its initiative link to each other."""

import pytest
from django.urls import reverse

from tests.initiatives.conftest import initiative


def page(client, name: str, uid) -> str:
    return client.get(reverse(name, args=[uid])).content.decode()


@pytest.mark.django_db
def test_a_report_and_its_published_initiative_link_to_each_other(client, demo_reports):
    report = next(iter(demo_reports.values()))
    report.initiative = initiative(moderation="published")
    report.save()
    without_report = initiative(title="Achat groupé de tablettes", moderation="published")

    initiative_url = reverse("initiatives:detail", args=[report.initiative.uid])
    assert initiative_url in page(client, "library:detail", report.uid)
    initiative_page = page(client, "initiatives:detail", report.initiative.uid)
    assert "Retours d'expérience (1)" in initiative_page
    assert reverse("library:detail", args=[report.uid]) in initiative_page
    assert "Retours d'expérience (" not in page(client, "initiatives:detail", without_report.uid)
