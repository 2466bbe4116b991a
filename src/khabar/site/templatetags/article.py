"""Filters for the article page: the dateline and resolved related headlines."""

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

from khabar.text import search_key

register = template.Library()


@register.filter
def with_dateline(value, dateline: str) -> SafeString:
    """Put «گروه سیاسی …،» at the start of the first paragraph, as agencies print it."""
    html = str(value)
    label = format_html('<strong class="dateline">{}</strong> ', dateline)
    if html.startswith("<p>"):
        return mark_safe(f"<p>{label}{html[3:]}")  # noqa: S308 - both parts are safe
    return mark_safe(f"<p>{label}</p>{html}")  # noqa: S308 - both parts are safe


@register.filter
def resolve_headline(headline: str, resolved: dict):
    """Return the published article whose headline matches ``headline``, if any."""
    return resolved.get(search_key(headline)[:255]) if headline and resolved else None
