"""``{% related_suggestions page as items %}`` for the article page."""

from django import template

from ..related import related_suggest

register = template.Library()


@register.simple_tag
def related_suggestions(article, limit: int = 5):
    """Return suggested related stories for ``article``."""
    return related_suggest(article=article, limit=limit)
