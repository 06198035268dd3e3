from django import template

register = template.Library()


@register.filter
def get_level(levels: dict, code: str):
    """The palier answered for an indicator code, None when unanswered."""
    return levels.get(code)


@register.filter
def dom_id(code: str) -> str:
    """An indicator code usable in an HTML id and a CSS selector: "1.2.3" -> "1-2-3"."""
    return code.replace(".", "-")
