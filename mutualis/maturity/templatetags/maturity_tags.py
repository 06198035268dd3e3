from django import template

register = template.Library()


@register.filter
def get_level(levels: dict, code: str):
    """The palier answered for an indicator code, None when unanswered."""
    return levels.get(code)
