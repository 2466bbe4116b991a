"""Article page helpers: the dateline, related headlines and NewsArticle data."""

import json
from urllib.parse import urlsplit

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

from khabar.newsroom.models import headline_key

from ..video import video_embed_url

register = template.Library()


@register.filter
def with_dateline(value, dateline: str) -> SafeString:
    """Put «گروه سیاسی …،» at the start of the first paragraph, as agencies print it."""
    html = str(value)
    label = format_html('<strong class="dateline">{}</strong> ', dateline)
    if html.startswith("<p>"):
        return mark_safe(f"<p>{label}{html[3:]}")  # noqa: S308 - both parts are safe
    return mark_safe(f"<p>{label}</p>{html}")  # noqa: S308 - both parts are safe


@register.simple_tag
def video_embed(url: str) -> SafeString:
    """Return an iframe for an Aparat or YouTube address, else a link to it.

    Only an http(s) address becomes a link: a ``javascript:`` one stored
    around the admin's URL validation would otherwise run on a click.
    """
    embed = video_embed_url(url)
    if embed is None:
        if urlsplit(url.strip()).scheme.lower() not in ("http", "https"):
            return ""
        return format_html(
            '<p class="video-link"><a href="{}">تماشای ویدئو</a></p>', url
        )
    return format_html(
        '<div class="video"><iframe src="{}" title="ویدئو" loading="lazy" '
        'allowfullscreen referrerpolicy="strict-origin-when-cross-origin">'
        "</iframe></div>",
        embed,
    )


@register.filter
def resolve_headline(headline: str, resolved: dict):
    """Return the published article whose headline matches ``headline``, if any."""
    return resolved.get(headline_key(headline)) if headline and resolved else None


_JSON_SCRIPT_ESCAPES = {ord("<"): "\\u003c", ord(">"): "\\u003e", ord("&"): "\\u0026"}


@register.simple_tag(takes_context=True)
def article_json_ld(context, page) -> SafeString:
    """Return schema.org NewsArticle data for ``page`` as a JSON-LD script element."""
    request = context["request"]
    agency = (
        page.source_agency or context["settings"]["core"]["AgencySettings"].agency_name
    )
    url = page.get_full_url(request)
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": page.title[:110],
        "description": page.lead,
        "inLanguage": "fa",
        "url": url,
        "mainEntityOfPage": {"@type": "WebPage", "@id": url},
        "datePublished": page.first_published_at.isoformat(),
        "dateModified": (page.last_published_at or page.first_published_at).isoformat(),
        "author": {
            "@type": "Person" if page.byline else "Organization",
            "name": page.byline or agency,
        },
        "publisher": {"@type": "Organization", "name": agency},
        "articleSection": page.service.title,
        "keywords": [tag.name for tag in context.get("tags", page.tags.all())],
        "identifier": str(page.news_code),
    }
    # <, > and & are escaped inside the JSON, so it cannot close the element.
    payload = mark_safe(  # noqa: S308
        json.dumps(data, ensure_ascii=False).translate(_JSON_SCRIPT_ESCAPES)
    )
    return format_html('<script type="application/ld+json">{}</script>', payload)


@register.simple_tag
def most_read_articles(service=None, limit: int = 5):
    """Return today's most-read articles (of ``service``, or of the site)."""
    from ..reads import most_read

    return most_read(service=service, limit=limit)
