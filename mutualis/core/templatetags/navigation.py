from django import template

from mutualis.core.navigation import main_links

register = template.Library()


@register.inclusion_tag("includes/main_nav.html", takes_context=True)
def main_nav(context):
    request = context.get("request")
    return {"links": main_links(getattr(request, "resolver_match", None))}
