"""Where shared resources meet the rest of the journey: a weak maturity dimension suggests a
shared role to look for (maturity.leads), and a grappe page links its members' exchanges
(grappes.panels)."""

from __future__ import annotations

from urllib.parse import urlencode

from django.urls import reverse

from mutualis.core.text import count_label
from mutualis.grappes.panels import Panel
from mutualis.maturity.leads import Found, Lead, Request
from mutualis.sharing import selectors
from mutualis.sharing.models import Listing, Skill
from mutualis.sharing.perms import can_see_grappe_resources

# MaturiN-SMS dimension code → shared roles answering its gaps (dimension 5 "sécurité, RGPD":
# a RSSI and a DPO shared between organisms, issue 20 and ../shared/domain.md §5).
DIMENSION_SKILLS = {
    "1": ("chef-projet-si",),
    "3": ("hebergement", "technicien"),
    "4": ("formateur-dui", "technicien"),
    "5": ("rssi", "dpo"),
    "7": ("referent-segur",),
}


def shared_needs(request: Request) -> Found:
    """For a weak dimension: "Besoin d'un RSSI partagé" → the need form pre-filled, with the
    count of matching offers the user can see."""
    codes = DIMENSION_SKILLS.get(request.topic.dimension, ())
    skills = {s.code: s for s in Skill.objects.filter(code__in=codes)}
    leads = []
    for code in codes:
        skill = skills.get(code)
        if skill is None:
            continue
        offers = selectors.count_matches(request.user, Listing.Direction.OFFER, code)
        query = urlencode({"competence": code, "sens": Listing.Direction.NEED})
        leads.append(
            Lead(
                f"Besoin d'un {skill.label} partagé",
                f"{reverse('sharing:create')}?{query}",
                f"{count_label(offers, 'offre visible', 'offres visibles')} pour cette compétence",
            )
        )
    more = f"{reverse('sharing:explore')}?{urlencode({'sens': Listing.Direction.OFFER})}"
    return Found(leads[: request.limit], more_url=more if leads else "")


def grappe_panel(user, grappe) -> Panel | None:
    if not can_see_grappe_resources(user, grappe):
        return None
    return Panel(
        "Ressources partagées entre les membres",
        reverse("sharing:grappe", args=[grappe.uid]),
        "qui apporte quoi à qui (compétences, équipements, services)",
    )
