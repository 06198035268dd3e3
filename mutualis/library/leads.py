"""Experience reports a maturity result points to for a weak dimension (see maturity.leads)."""

from urllib.parse import urlencode

from django.urls import reverse

from mutualis.library import selectors
from mutualis.maturity.leads import Found, Lead, Request


def experience_reports(request: Request) -> Found:
    """Published reports matching the dimension's search words, best first."""
    results = selectors.search(request.topic.search)
    leads = [
        Lead(hit.report.title, reverse("library:detail", args=[hit.report.uid]))
        for hit in results[: request.limit]
    ]
    more = ""
    if len(results) > request.limit:
        more = reverse("library:home") + "?" + urlencode({"q": request.topic.search})
    return Found(leads, more)
