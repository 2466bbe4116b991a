"""Writes of the newsroom: news codes, services and publishing."""

from datetime import datetime

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils.text import slugify

from .models import ArticlePage, HomePage, NewsCodeSequence, ServicePage
from .roles import service_roles_ensure

SEQUENCE_NAME = "news"

# Latin slugs for the usual services keep their addresses readable anywhere.
SERVICE_SLUGS = {
    "سیاسی": "politics",
    "اقتصادی": "economy",
    "اجتماعی": "society",
    "ورزشی": "sports",
    "بین\u200cالملل": "world",
    "فرهنگی": "culture",
    "علمی": "science",
    "استانی": "provinces",
}
# The services a new agency site starts with, in navigation order.
STANDARD_SERVICES = ("سیاسی", "اقتصادی", "اجتماعی", "بین\u200cالملل", "ورزشی", "فرهنگی")


def _sequence_locked() -> NewsCodeSequence:
    """Return the news-code counter row, locked, creating it at the configured start."""
    start = getattr(settings, "KHABAR_NEWS_CODE_START", 1000)
    sequence, _created = NewsCodeSequence.objects.select_for_update().get_or_create(
        name=SEQUENCE_NAME, defaults={"next_value": start}
    )
    return sequence


@transaction.atomic
def news_code_next() -> int:
    """Draw the next unused news code; a drawn code is never handed out again."""
    sequence = _sequence_locked()
    code = sequence.next_value
    while ArticlePage.objects.filter(news_code=code).exists():
        code += 1
    sequence.next_value = code + 1
    sequence.save(update_fields=["next_value"])
    return code


@transaction.atomic
def news_code_reserve(*, code: int) -> None:
    """Keep an imported article's code: new codes are drawn after it from now on."""
    sequence = _sequence_locked()
    if sequence.next_value <= code:
        sequence.next_value = code + 1
        sequence.save(update_fields=["next_value"])


def service_get_or_create(*, home: HomePage, name: str) -> ServicePage:
    """Return the service page called ``name`` under ``home``, creating it if needed."""
    existing = ServicePage.objects.child_of(home).filter(title=name).first()
    if existing:
        return existing
    base = SERVICE_SLUGS.get(name) or slugify(name, allow_unicode=True) or "service"
    taken = set(home.get_children().values_list("slug", flat=True))
    slug = base
    for number in range(2, len(taken) + 2):
        if slug not in taken:
            break
        slug = f"{base}-{number}"
    service = ServicePage(title=name, slug=slug)
    home.add_child(instance=service)
    service.save_revision().publish()
    service_roles_ensure(service=service)
    return service


def services_ensure_standard(*, home: HomePage) -> None:
    """Create the standard services that are missing, in navigation order."""
    for name in STANDARD_SERVICES:
        service_get_or_create(home=home, name=name)


@transaction.atomic
def article_publish(
    *,
    article: ArticlePage,
    user: AbstractBaseUser | None = None,
    published_at: datetime | None = None,
) -> ArticlePage:
    """Publish ``article`` as it stands; the news code is drawn on first publication.

    ``published_at`` keeps an imported story's original publication time.
    """
    if published_at is not None and article.first_published_at is None:
        article.first_published_at = published_at
    revision = article.save_revision(user=user, log_action=True)
    revision.publish(user=user)
    article.refresh_from_db()
    return article
