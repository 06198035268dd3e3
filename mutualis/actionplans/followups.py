"""Links offered on a closed workshop's and a finished survey's pages (registered in
``workshops.followups`` by ``ActionplansConfig.ready``)."""

from __future__ import annotations

from django.urls import reverse

from mutualis.actionplans import perms, selectors
from mutualis.workshops.models import NeedsSurvey, Workshop


def plan_links(subject, user) -> list[tuple[str, str]]:
    if isinstance(subject, Workshop):
        if not perms.can_open_from_workshop(user, subject):
            return []
        plan, query = selectors.plan_from(workshop=subject), f"atelier={subject.uid}"
    elif isinstance(subject, NeedsSurvey):
        if not perms.can_open_from_survey(user, subject):
            return []
        plan, query = selectors.plan_from(survey=subject), f"recensement={subject.uid}"
    else:
        return []
    found = [("Ouvrir un plan d'action à 6 mois", f"{reverse('actionplans:new')}?{query}")]
    if plan is not None:
        found.insert(0, ("Voir le plan d'action", reverse("actionplans:plan", args=[plan.uid])))
    return found
