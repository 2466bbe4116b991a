"""Public views outside the page tree: article by news code, short links, tag pages."""

from functools import wraps

from django.http import (
    Http404,
    HttpResponse,
    HttpResponseNotAllowed,
    HttpResponsePermanentRedirect,
)
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.csrf import csrf_exempt
from taggit.models import Tag
from wagtail.models import Site

from khabar.core.clientip import client_ip
from khabar.core.models import AgencySettings
from khabar.newsroom.caching import mark_for_readers
from khabar.newsroom.selectors import (
    article_get_by_code,
    article_is_gone,
    article_list_for_tag,
    article_page_for_request,
)

from .reads import read_record
from .sitemaps import news_sitemap_articles


def for_readers(view):
    """Make a view's successful answers cacheable for anonymous readers."""

    @wraps(view)
    def cached(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        if response.status_code == 200:
            mark_for_readers(response)
        return response

    return cached


def _missing(request, code: int):
    """Answer for a code with no live article: 410 if it was withdrawn, else 404."""
    if article_is_gone(code=code):
        return render(request, "site/gone.html", {"code": code}, status=410)
    raise Http404


def article(request, code: int, slug: str):
    """Serve the article with news code ``code``; another slug redirects."""
    page = article_get_by_code(code=code)
    if page is None:
        return _missing(request, code)
    if slug != page.slug:
        return HttpResponsePermanentRedirect(page.url)
    return page.serve(request)


def short_link(request, code: int):
    """Redirect ``/x/<code>`` permanently to the article's address."""
    page = article_get_by_code(code=code)
    if page is None:
        return _missing(request, code)
    return HttpResponsePermanentRedirect(page.url)


def tag(request, name: str):
    """List the live articles carrying the tag ``name``."""
    found = Tag.objects.filter(name=name).first()
    if found is None:
        raise Http404
    articles = article_page_for_request(
        queryset=article_list_for_tag(tag=found).cards(), request=request
    )
    return render(request, "site/tag_page.html", {"tag": found, "articles": articles})


def news_sitemap(request):
    """The Google News sitemap: articles of the last 48 hours."""
    site = Site.find_for_request(request)
    context = {
        "articles": news_sitemap_articles(),
        "agency": AgencySettings.for_site(site).agency_name,
        "base": request.build_absolute_uri("/").rstrip("/"),
    }
    return render(
        request, "site/news_sitemap.xml", context, content_type="application/xml"
    )


def robots_txt(request):
    """Allow crawling, keep the admin out, and name both sitemaps."""
    base = request.build_absolute_uri("/").rstrip("/")
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /comments/",
        "Disallow: /feeds/partner/",
        f"Sitemap: {base}{reverse('sitemap_index')}",
        f"Sitemap: {base}{reverse('site:news_sitemap')}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain")


@csrf_exempt
def read_beacon(request, code: int):
    """Count a read of article ``code`` (the page's script posts here once)."""
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    page = article_get_by_code(code=code)
    if page is None:
        raise Http404
    reader = client_ip(request) or "unknown"
    read_record(article=page, reader=reader)
    return HttpResponse(status=204)
