"""Background tasks of the grappes app (django-tasks, run by ``manage.py db_worker``)."""

from __future__ import annotations

from django_tasks import task

from mutualis.grappes import selectors, suggestion_store
from mutualis.grappes.models import StoredSuggestions
from mutualis.grappes.rules import missing


@task()
def compute_suggestions(region: str, programme: str, campaign: int) -> int:
    """Compute and store the suggested grappes of a région; returns how many. Without the
    size rules of the campaign, the stored result is marked failed (the page says why)."""
    rules = selectors.rules_for(programme, campaign)
    if missing(rules, suggestion_store.SUGGESTION_RULES):
        StoredSuggestions.objects.filter(
            region_id=region, programme=programme, campaign=campaign
        ).update(status=StoredSuggestions.Status.FAILED)
        return 0
    try:
        row = suggestion_store.compute(region, programme, campaign, rules)
    except Exception:
        StoredSuggestions.objects.filter(
            region_id=region, programme=programme, campaign=campaign
        ).update(status=StoredSuggestions.Status.FAILED)
        raise
    return len(row.result["groups"])
