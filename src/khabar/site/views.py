"""Public views outside the page tree: article by news code, short links, tag pages."""

from django.http import Http404, HttpResponsePermanentRedirect
from django.shortcuts import render
from taggit.models import Tag

from khabar.newsroom.selectors import (
    article_get_by_code,
    article_list_for_tag,
    article_page_for_request,
)


def article(request, code: int, slug: str):
    """Serve the article with news code ``code``; another slug redirects."""
    page = article_get_by_code(code=code)
    if page is None:
        raise Http404
    if slug != page.slug:
        return HttpResponsePermanentRedirect(page.url)
    return page.serve(request)


def short_link(request, code: int):
    """Redirect ``/x/<code>`` permanently to the article's address."""
    page = article_get_by_code(code=code)
    if page is None:
        raise Http404
    return HttpResponsePermanentRedirect(page.url)


def tag(request, name: str):
    """List the live articles carrying the tag ``name``."""
    found = Tag.objects.filter(name=name).first()
    if found is None:
        raise Http404
    articles = article_page_for_request(
        queryset=article_list_for_tag(tag=found), request=request
    )
    return render(request, "site/tag_page.html", {"tag": found, "articles": articles})
