"""The specification a request works on, or the answer that says why not: 404 for who may not
see it (nothing leaks), 403 with the reason for who sees it but may not do this."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404

from mutualis.specifications import perms
from mutualis.specifications.models import Specification

LEADS_ONLY = (
    "Seuls les membres de l'organisme porteur de la grappe (ou un administrateur national) "
    "conduisent le cahier des charges : arbitrages, critères, offres, décision et publication."
)
MEMBERS_ONLY = (
    "Seuls les membres actifs de la grappe notent les exigences, tant que la décision n'est "
    "pas prise."
)


def specification_or_404(uid) -> Specification:
    specification = (
        Specification.objects.select_related("grappe", "grappe__carrier", "library")
        .filter(uid=uid)
        .first()
    )
    if specification is None:
        raise Http404
    return specification


def viewable(request, uid) -> Specification:
    specification = specification_or_404(uid)
    if not perms.can_view(request.user, specification):
        raise Http404
    return specification


def led(request, uid) -> Specification:
    specification = viewable(request, uid)
    if not perms.can_lead(request.user, specification):
        raise PermissionDenied(LEADS_ONLY)
    return specification


def rateable(request, uid) -> Specification:
    specification = viewable(request, uid)
    if not perms.can_rate(request.user, specification):
        raise PermissionDenied(MEMBERS_ONLY)
    return specification
