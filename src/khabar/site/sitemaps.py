"""The XML sitemap sections and the Google News sitemap of the last 48 hours."""

from datetime import timedelta

from django.contrib.sitemaps import Sitemap
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone
from taggit.models import Tag

from khabar.newsroom.models import ArticlePage, ServicePage

NEWS_WINDOW = timedelta(hours=48)


class ArticleSitemap(Sitemap):
    """Every published article, newest first."""

    limit = 10_000

    def items(self):
        return ArticlePage.objects.published().defer_streamfields()

    def location(self, item) -> str:
        return item.url

    def lastmod(self, item):
        return item.last_published_at or item.first_published_at

    def get_latest_lastmod(self):
        """Return the newest publication in one aggregate.

        Django's default calls ``lastmod`` on every item: with a million
        articles that loaded them all (57 s and 4 GB per sitemap index).
        """
        return ArticlePage.objects.published().aggregate(
            latest=Max("last_published_at")
        )["latest"]


class ServiceSitemap(Sitemap):
    """The service pages."""

    changefreq = "hourly"

    def items(self):
        return ServicePage.objects.live().order_by("path")

    def location(self, item) -> str:
        return item.url


class TagSitemap(Sitemap):
    """Tag pages of tags that label at least one article."""

    changefreq = "daily"

    def items(self):
        return (
            Tag.objects.filter(newsroom_articletag_items__isnull=False)
            .distinct()
            .order_by("name")
        )

    def location(self, item) -> str:
        return reverse("site:tag", kwargs={"name": item.name})


SITEMAPS = {"articles": ArticleSitemap, "services": ServiceSitemap, "tags": TagSitemap}


def news_sitemap_articles() -> list[ArticlePage]:
    """Return the articles a Google News sitemap lists: the last 48 hours'."""
    since = timezone.now() - NEWS_WINDOW
    return list(
        ArticlePage.objects.published()
        .filter(first_published_at__gte=since)
        .defer_streamfields()[:1000]
    )
