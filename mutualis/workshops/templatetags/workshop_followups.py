from django import template

from mutualis.workshops import followups

register = template.Library()


@register.simple_tag(takes_context=True)
def followup_links(context, subject) -> list[tuple[str, str]]:
    """The registered follow-ups of a workshop or survey for the request's user."""
    request = context.get("request")
    return followups.links(subject, getattr(request, "user", None))
