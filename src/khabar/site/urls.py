from django.contrib.sitemaps import views as sitemap_views
from django.urls import path, register_converter

from . import feeds, views
from .sitemaps import SITEMAPS
from .views import for_readers


class TagNameConverter:
    """Any tag name: slashes («ایران/آمریکا») and line breaks included."""

    regex = r"[\s\S]+"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(TagNameConverter, "tagname")

app_name = "site"
urlpatterns = [
    path("news/<int:code>/<str:slug>/", views.article, name="article"),
    path("x/<int:code>", views.short_link, name="short_link"),
    path("tag/<tagname:name>/", for_readers(views.tag), name="tag"),
    path("feeds/rss/", for_readers(feeds.LatestArticlesFeed()), name="rss"),
    path("feeds/atom/", for_readers(feeds.LatestArticlesAtomFeed()), name="atom"),
    path("feeds/partner/<str:token>/rss/", feeds.PartnerFeed(), name="partner_rss"),
    path(
        "feeds/<str:kind>/<tagname:key>/rss/",
        for_readers(feeds.LatestArticlesFeed()),
        name="rss_for",
    ),
    path(
        "feeds/<str:kind>/<tagname:key>/atom/",
        for_readers(feeds.LatestArticlesAtomFeed()),
        name="atom_for",
    ),
    path("news-sitemap.xml", for_readers(views.news_sitemap), name="news_sitemap"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path("hit/<int:code>", views.read_beacon, name="read_beacon"),
]

sitemap_urlpatterns = [
    path(
        "sitemap.xml",
        for_readers(sitemap_views.index),
        {"sitemaps": SITEMAPS, "sitemap_url_name": "sitemap_section"},
        name="sitemap_index",
    ),
    path(
        "sitemap-<section>.xml",
        for_readers(sitemap_views.sitemap),
        {"sitemaps": SITEMAPS},
        name="sitemap_section",
    ),
]
