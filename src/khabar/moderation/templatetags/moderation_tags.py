"""Template helpers for the moderation report."""

from django import template

register = template.Library()


@register.filter
def get_item(mapping: dict, key: str):
    """Return ``mapping[key]`` (None when missing), for tables keyed in templates."""
    return mapping.get(key) if mapping else None
