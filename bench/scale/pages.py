"""The public pages bench/scale loads, resolved against the current database.

Run with the bench settings (DJANGO_SETTINGS_MODULE=settings_bench): prints
``name<TAB>path`` lines for run.sh. ``article-deep`` is the generated story
half-way down the big set (news code 2,000,000 + N/2); on a database without
generated stories it is the oldest demo story, so the small run still has an
article page other than the reference one to compare with.
"""

from urllib.parse import quote

import django

django.setup()

from django.urls import reverse  # noqa: E402

from khabar.newsroom.models import ArticlePage, ServicePage  # noqa: E402
from khabar.newsroom.selectors import article_get_by_code  # noqa: E402

REFERENCE_CODE = 1224974
FIRST_CODE = 2_000_000
# The hot tag of generate.py: seven demo stories, one generated story in 20.
SEARCH_WORD = "سپیددشت"
SERVICE_SLUG = "politics"


def deep_article() -> ArticlePage:
    generated = ArticlePage.objects.filter(news_code__gte=FIRST_CODE)
    last = generated.order_by("-news_code").values_list("news_code", flat=True).first()
    if last is not None:
        return generated.get(news_code=(FIRST_CODE + last) // 2)
    return ArticlePage.objects.published().order_by("first_published_at").first()


def pages() -> list[tuple[str, str]]:
    service = ServicePage.objects.live().get(slug=SERVICE_SLUG)
    service_url = service.get_url()
    return [
        ("article-ref", article_get_by_code(code=REFERENCE_CODE).get_url()),
        ("article-deep", deep_article().get_url()),
        ("home", "/"),
        ("service", service_url),
        ("service-p50", f"{service_url}?page=50"),
        ("tag", reverse("site:tag", kwargs={"name": SEARCH_WORD})),
        ("search", f"/search/?q={quote(SEARCH_WORD)}"),
        ("rss", reverse("site:rss")),
        ("sitemap", reverse("sitemap_index")),
        ("api-articles", "/api/articles"),
    ]


def main() -> None:
    for name, path in pages():
        # Paths are sent as they are by wrk and curl: percent-encode them.
        print(f"{name}\t{quote(path, safe='/?=&%')}")


if __name__ == "__main__":
    main()
