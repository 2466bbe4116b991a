"""The XML sitemap sections and the Google News sitemap of the last 48 hours.

The index counts every section's items and dates the articles, which reads
the whole archive (0.5 s with a million stories): counts and date are kept
until the next publication (``newsroom.caching.for_site_version``).
"""

from datetime import timedelta

from django.contrib.sitemaps import Sitemap
from django.core.paginator import Paginator
from django.db.models import Count, Exists, Max, OuterRef
from django.urls import reverse
from django.utils import timezone
from taggit.models import Tag

from khabar.newsroom.caching import for_site_version
from khabar.newsroom.models import ArticlePage, ArticleTag, ServicePage
from khabar.newsroom.selectors import SiteCountPaginator

NEWS_WINDOW = timedelta(hours=48)


class CountedSitemap(Sitemap):
    """A sitemap section whose size is counted once per publication."""

    @property
    def paginator(self) -> SiteCountPaginator:
        return SiteCountPaginator(self._items(), self.limit)


def _archive_summary() -> dict:
    """Return how many articles are live and their newest ``last_published_at``.

    One scan of the archive (0.5 s with a million stories) for both.
    """
    return ArticlePage.objects.published().aggregate(
        count=Count("pk"), latest=Max("last_published_at")
    )


class ArticleSitemap(Sitemap):
    """Every published article, newest first."""

    limit = 10_000

    def items(self):
        return ArticlePage.objects.published().defer_streamfields()

    def location(self, item) -> str:
        return item.url

    def lastmod(self, item):
        return item.last_published_at or item.first_published_at

    @property
    def paginator(self) -> Paginator:
        paginator = Paginator(self._items(), self.limit)
        # ``count`` is a cached_property: set here, it is never counted.
        paginator.count = self._summary()["count"]
        return paginator

    def get_latest_lastmod(self):
        """Return the newest publication, aggregated with the count.

        Django's default calls ``lastmod`` on every item: with a million
        articles that loaded them all (57 s and 4 GB per sitemap index).
        """
        return self._summary()["latest"]

    @staticmethod
    def _summary() -> dict:
        return for_site_version("sitemap:articles", _archive_summary)


class ServiceSitemap(CountedSitemap):
    """The service pages."""

    changefreq = "hourly"

    def items(self):
        return ServicePage.objects.live().order_by("path")

    def location(self, item) -> str:
        return item.url


class TagSitemap(CountedSitemap):
    """Tag pages of tags that label at least one article."""

    changefreq = "daily"

    def items(self):
        # EXISTS probes the (tag, article) index once per tag; a join with
        # DISTINCT read every link (0.5 s with a million stories).
        links = ArticleTag.objects.filter(tag=OuterRef("pk"))
        return Tag.objects.filter(Exists(links)).order_by("name")

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
