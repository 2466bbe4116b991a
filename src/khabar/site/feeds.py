"""RSS 2.0 and Atom feeds of the whole site, of each service and of each tag,
and the full-text feed for syndication partners."""

from django.contrib.syndication.views import Feed
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.html import escape
from taggit.models import Tag
from wagtail.models import Site

from khabar.core.models import AgencySettings
from khabar.newsroom.models import ArticlePage, ServicePage
from khabar.newsroom.selectors import (
    article_list_all,
    article_list_for_service,
    article_list_for_tag,
)

from .partners import partner_for_token
from .syndication import article_body_html

FEED_SIZE = 30


def _agency(request) -> str:
    site = (
        Site.find_for_request(request)
        or Site.objects.filter(is_default_site=True).first()
    )
    return AgencySettings.for_site(site).agency_name


class LatestArticlesFeed(Feed):
    """The newest articles of the site; ``service`` or ``tag`` narrow it."""

    language = "fa"

    def get_object(self, request, kind: str = "", key: str = ""):
        self.agency = _agency(request)
        if kind == "service":
            service = ServicePage.objects.live().filter(slug=key).first()
            if service is None:
                raise Http404
            return service
        if kind == "tag":
            tag = Tag.objects.filter(name=key).first()
            if tag is None:
                raise Http404
            return tag
        if kind:
            raise Http404
        return None

    def title(self, obj) -> str:
        if isinstance(obj, ServicePage):
            return f"{self.agency} - {obj.title}"
        if isinstance(obj, Tag):
            return f"{self.agency} - {obj.name}"
        return self.agency

    def link(self, obj) -> str:
        if isinstance(obj, ServicePage):
            return obj.url
        if isinstance(obj, Tag):
            return reverse("site:tag", kwargs={"name": obj.name})
        return "/"

    def description(self, obj) -> str:
        return f"تازه\u200cترین خبرهای {self.title(obj)}"

    def items(self, obj):
        if isinstance(obj, ServicePage):
            articles = article_list_for_service(service=obj)
        elif isinstance(obj, Tag):
            articles = article_list_for_tag(tag=obj)
        else:
            articles = article_list_all()
        return list(articles.prefetch_related("tags")[:FEED_SIZE])

    def item_title(self, item) -> str:
        return f"{item.overline}: {item.title}" if item.overline else item.title

    def item_description(self, item) -> str:
        # Readers treat <description> and Atom <summary type="html"> as HTML;
        # the lead is plain text, so it goes out escaped.
        return escape(item.lead)

    def item_link(self, item) -> str:
        return item.url

    def item_guid(self, item) -> str:
        return reverse("site:short_link", kwargs={"code": item.news_code})

    def item_pubdate(self, item):
        return item.first_published_at

    def item_updateddate(self, item):
        return item.last_published_at or item.first_published_at

    def item_author_name(self, item) -> str:
        return item.byline or item.source_agency or self.agency

    def item_categories(self, item) -> list[str]:
        return [tag.name for tag in item.tags.all()]


class LatestArticlesAtomFeed(LatestArticlesFeed):
    """The same feed as Atom 1.0."""

    feed_type = Atom1Feed
    subtitle = LatestArticlesFeed.description


class FullTextRss(Rss201rev2Feed):
    """RSS 2.0 with each story's full HTML body in ``content:encoded``."""

    def rss_attributes(self):
        attributes = super().rss_attributes()
        attributes["xmlns:content"] = "http://purl.org/rss/1.0/modules/content/"
        return attributes

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        handler.addQuickElement("content:encoded", item["content_encoded"])


class PartnerFeed(LatestArticlesFeed):
    """The full text of the newest stories, for partners holding a token."""

    feed_type = FullTextRss

    def get_object(self, request, token: str = ""):
        self.agency = _agency(request)
        if partner_for_token(token=token) is None:
            raise PermissionDenied("unknown or revoked partner token")
        return None

    def items(self, obj):
        return list(
            ArticlePage.objects.published().prefetch_related("tags")[:FEED_SIZE]
        )

    def item_extra_kwargs(self, item) -> dict:
        return {"content_encoded": article_body_html(article=item)}
