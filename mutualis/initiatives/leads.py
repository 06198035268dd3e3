"""Published initiatives a maturity result points to for a weak dimension (maturity.leads)."""

from urllib.parse import urlencode

from django.urls import reverse

from mutualis.initiatives import selectors
from mutualis.initiatives.models import SiDomain
from mutualis.maturity.leads import Found, Lead, Request


def published_initiatives(request: Request) -> Found:
    """Published initiatives on one of the dimension's SI domains, the newest first."""
    codes = request.topic.si_domains
    if not codes:
        return Found([])
    matching = (
        selectors.published()
        .filter(domains__code__in=codes)
        .distinct()
        .select_related("type", "region")
        .order_by("-created_at")
    )
    shown = list(matching[: request.limit + 1])
    leads = [
        Lead(
            initiative.title,
            reverse("initiatives:detail", args=[initiative.uid]),
            ", ".join(str(part) for part in (initiative.type, initiative.region) if part),
        )
        for initiative in shown[: request.limit]
    ]
    more = ""
    domain = SiDomain.objects.filter(code=codes[0]).first()
    if len(shown) > request.limit and domain:
        more = reverse("initiatives:list") + "?" + urlencode({"domain": domain.pk})
    return Found(leads, more)
