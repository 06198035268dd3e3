"""Builders of the instruction tests: an eligible grappe of two bodies, deposited."""

from mutualis.grappes import entries, services
from mutualis.grappes.models import Grappe


def eligible_grappe(carrier, partner, solution, campaign: int = 2024) -> Grappe:
    """``carrier`` and ``partner`` (``(body, admin)`` pairs) with every open ESSMS of theirs
    in a new grappe: 16 ESSMS with the fixtures' bodies, eligible."""
    grappe = services.create_grappe(
        carrier[1], carrier[0], "Grappe de l'Ain", "generalisation", campaign
    )
    member = services.invite_member(carrier[1], grappe, partner[0])
    services.answer_invitation(partner[1], member, accept=True)
    for body, admin in (carrier, partner):
        entries.apply_change(
            admin,
            grappe.members.get(managing_body=body),
            entries.Change(entries.INCLUDE, "no_dui", solution.pk, "saas"),
            body.establishments.values_list("pk", flat=True),
        )
    return grappe


def deposited(carrier, partner, solution, campaign: int = 2024) -> Grappe:
    grappe = eligible_grappe(carrier, partner, solution, campaign)
    return services.change_status(carrier[1], grappe, Grappe.Status.SUBMITTED)
