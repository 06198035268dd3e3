from django import template
from django.utils.formats import number_format

register = template.Library()


@register.filter
def figure(value, unit: str = ""):
    """A published figure, or "secret" when the small-cell rule withholds it. Counts as
    integers, percentages with one decimal, scores with two."""
    if value is None or value == "":
        return "secret"
    decimals = None if isinstance(value, int) else (1 if "%" in unit else 2)
    return f"{number_format(value, decimal_pos=decimals, force_grouping=True)}{unit}"
