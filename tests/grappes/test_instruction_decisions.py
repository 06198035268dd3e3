""" "Retenue", "refusée" and "à compléter" are decisions of the regional actors of the
deposit région only, on a deposited grappe: motivated when negative, audited, notified by
e-mail to the carrier's administrators once committed; the carrier only moves along its own
steps and reads the reason on its grappe page."""

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from mutualis.accounts.models import MembershipRole
from mutualis.core.models import AuditLog
from mutualis.grappes import services
from mutualis.grappes.models import Grappe
from tests.factories import MembershipFactory, national_admin, regional_actor
from tests.grappes.deposit import deposited, eligible_grappe
from tests.mail import after_commit
from tests.pages import text, words

pytestmark = pytest.mark.django_db


@pytest.fixture
def grappe(carrier, partner, segur_solution):
    return deposited(carrier, partner, segur_solution)


@pytest.fixture
def ars():
    return regional_actor("84")


def decide(client, user, grappe, decision, reason=""):
    client.force_login(user)
    return client.post(
        reverse("grappes:decide", args=[grappe.uid]),
        {"decision": decision, "motif": reason},
        follow=True,
    )


def test_the_deposit_regions_actor_asks_for_completion_with_a_reason(client, grappe, ars, carrier):
    second_admin = MembershipFactory(managing_body=carrier[0], role=MembershipRole.ADMIN).user
    MembershipFactory(managing_body=carrier[0], role=MembershipRole.MEMBER)
    with after_commit():
        response = decide(client, ars, grappe, "to_complete", "Ajoutez le plan de formation.")
    assert "Décision enregistrée : « À compléter »" in text(response)
    grappe.refresh_from_db()
    assert grappe.status == Grappe.Status.TO_COMPLETE
    assert grappe.decision_reason == "Ajoutez le plan de formation."
    assert grappe.decided_at is not None

    row = AuditLog.objects.get(action="grappe.decision")
    assert row.actor == ars and row.object_id == str(grappe.uid)
    assert row.changes == {
        "status": ["submitted", "to_complete"],
        "reason": "Ajoutez le plan de formation.",
        "region": "84",
    }
    [message] = mail.outbox
    assert sorted(message.to) == sorted([carrier[1].email, second_admin.email])  # admins only
    assert message.subject == "Grappe « Grappe de l'Ain » : À compléter"
    assert "Motif : Ajoutez le plan de formation." in message.body
    assert "déposez-la à nouveau" in message.body

    client.force_login(carrier[1])
    page = words(client.get(reverse("grappes:detail", args=[grappe.uid])))
    assert "Décision de la région de dépôt" in page and "À compléter" in page
    assert "Motif : Ajoutez le plan de formation." in page
    assert "Déposer à nouveau la grappe complétée" in page


def test_the_carrier_deposits_again_and_the_ars_retains_it(client, grappe, ars, carrier):
    services.decide(ars, grappe, Grappe.Status.TO_COMPLETE, "Ajoutez le plan de formation.")
    client.force_login(carrier[1])
    client.post(reverse("grappes:status", args=[grappe.uid]), {"etat": "submitted"})
    assert Grappe.objects.get().status == Grappe.Status.SUBMITTED
    with after_commit():
        decide(client, ars, grappe, "selected")  # no reason needed to retain
    grappe.refresh_from_db()
    assert grappe.status == Grappe.Status.SELECTED and grappe.decision_reason == ""
    assert mail.outbox[-1].subject == "Grappe « Grappe de l'Ain » : Retenue"
    assert AuditLog.objects.filter(action="grappe.decision").count() == 2


def test_members_change_their_essms_while_the_grappe_is_to_complete(client, grappe, ars, carrier):
    entries_page = reverse(
        "grappes:entries", args=[grappe.uid, grappe.members.get(managing_body=carrier[0]).pk]
    )
    client.force_login(carrier[1])
    assert client.get(entries_page).status_code == 403  # deposited: frozen
    services.decide(ars, grappe, Grappe.Status.TO_COMPLETE, "Ajoutez deux ESSMS.")
    assert client.get(entries_page).status_code == 200  # sent back: completed in place


def test_a_refusal_or_a_completion_needs_a_reason(client, grappe, ars):
    for decision in ("refused", "to_complete"):
        response = decide(client, ars, grappe, decision, "   ")
        assert "Motivez la décision" in text(response)
    assert Grappe.objects.get().status == Grappe.Status.SUBMITTED
    with pytest.raises(ValidationError):
        services.decide(ars, grappe, Grappe.Status.REFUSED, "  ")
    with pytest.raises(ValidationError):
        services.decide(ars, grappe, Grappe.Status.CLOSED, "Clôture")
    assert not AuditLog.objects.filter(action="grappe.decision").exists()


def test_nothing_is_sent_when_the_decision_rolls_back(grappe, ars):
    with after_commit(), pytest.raises(ValidationError):
        services.decide(ars, grappe, Grappe.Status.REFUSED, "")
    assert mail.outbox == []


@pytest.mark.parametrize(
    "who", ["carrier admin", "partner admin", "other région", "national admin"]
)
def test_no_one_else_decides(client, grappe, carrier, partner, who):
    user = {
        "carrier admin": lambda: carrier[1],
        "partner admin": lambda: partner[1],
        "other région": lambda: regional_actor("11"),
        "national admin": national_admin,
    }[who]()
    with pytest.raises(PermissionDenied):
        services.decide(user, grappe, Grappe.Status.SELECTED)
    response = decide(client, user, grappe, "selected")
    assert response.status_code == 403
    assert Grappe.objects.get().status == Grappe.Status.SUBMITTED
    if who != "other région":  # the others see the grappe: the 403 page says why
        assert "La décision sur une grappe revient aux acteurs régionaux" in text(response)


def test_a_pluri_regional_grappe_is_decided_by_its_deposit_region_only(
    carrier, partner, segur_solution
):
    partner[0].establishments.update(region_id="11", departement_id="75", commune_id="75056")
    grappe = eligible_grappe(carrier, partner, segur_solution)
    services.set_deposit_region(carrier[1], grappe, "11")
    services.change_status(carrier[1], grappe, Grappe.Status.SUBMITTED)
    with pytest.raises(PermissionDenied):
        services.decide(regional_actor("84"), grappe, Grappe.Status.SELECTED)
    services.decide(regional_actor("11"), grappe, Grappe.Status.SELECTED)
    assert Grappe.objects.get().status == Grappe.Status.SELECTED


def test_only_a_deposited_grappe_receives_a_decision(carrier, partner, segur_solution, ars):
    grappe = eligible_grappe(carrier, partner, segur_solution)
    services.set_deposit_region(carrier[1], grappe, "84")  # a draft with its région
    with pytest.raises(PermissionDenied, match="seule une grappe déposée"):
        services.decide(ars, grappe, Grappe.Status.SELECTED)


@pytest.mark.parametrize("status", ["selected", "refused", "to_complete"])
def test_the_carrier_cannot_decide_for_itself(client, grappe, carrier, status):
    with pytest.raises(ValidationError, match="décision des acteurs régionaux"):
        services.change_status(carrier[1], grappe, status)
    client.force_login(carrier[1])
    response = client.post(
        reverse("grappes:status", args=[grappe.uid]), {"etat": status}, follow=True
    )
    assert "est une décision des acteurs régionaux de la région de dépôt" in text(response)
    assert Grappe.objects.get().status == Grappe.Status.SUBMITTED


def test_the_carrier_moves_along_its_own_steps(client, grappe, carrier, ars):
    client.force_login(carrier[1])
    page = words(client.get(reverse("grappes:detail", args=[grappe.uid])))
    assert "Revenir au brouillon" in page and "Retenue" not in page.split("Éligibilité")[1]
    services.change_status(carrier[1], grappe, Grappe.Status.DRAFT)  # withdraw the deposit
    with pytest.raises(ValidationError, match="pas possible"):
        services.change_status(carrier[1], grappe, Grappe.Status.CLOSED)
    services.change_status(carrier[1], grappe, Grappe.Status.SUBMITTED)
    services.decide(ars, grappe, Grappe.Status.REFUSED, "Hors périmètre du programme.")
    with pytest.raises(ValidationError):  # a refusal is final
        services.change_status(carrier[1], grappe, Grappe.Status.SUBMITTED)
    assert services.carrier_steps(Grappe.objects.get()) == []


def test_the_decision_form_is_shown_to_the_deposit_regions_actors_only(
    client, grappe, ars, carrier
):
    client.force_login(ars)
    assert "Enregistrer la décision" in text(
        client.get(reverse("grappes:detail", args=[grappe.uid]))
    )
    client.force_login(carrier[1])
    assert "Enregistrer la décision" not in text(
        client.get(reverse("grappes:detail", args=[grappe.uid]))
    )
