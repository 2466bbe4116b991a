"""Template helpers for the moderation report."""

from django import template

register = template.Library()


@register.filter
def get_item(mapping: dict, key: str):
    """Return ``mapping[key]`` (None when missing), for tables keyed in templates."""
    return mapping.get(key) if mapping else None


@register.filter
def percent(value: float) -> str:
    """Return a share (0.153) as a Persian percentage: «۱۵٫۳٪»."""
    return f"{100 * float(value or 0):.1f}".replace(".", "\u066b") + "\u066a"
