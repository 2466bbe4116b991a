"""Write one imported story (from a WordPress export or an HTML page) as an article.

The import's key (``wxr:<site>:<post-id>``, ``html:<address>``) is kept in the
``ImportRecord`` of the article's news code with a checksum of what was
imported, so a re-run skips an unchanged story and updates a changed one in
place. Because that record is keyed by news code, an imported draft gets its
code at import (drawn, or the one its source fixes) although it stays a
draft: without one, a second run could not find it.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils.text import slugify

from ..models import ArticlePage, HomePage, ImportRecord, RelatedArticle, headline_key
from ..selectors import article_map_by_headlines
from ..services import (
    article_publish,
    news_code_next,
    news_code_reserve,
    service_get_or_create,
)
from .blocks import BodyPart
from .report import CREATED, SKIPPED, UNCHANGED, UPDATED, ImportFailure

FALLBACK_SERVICE = "عمومی"
MAX_SOURCE = 500


@dataclass
class ImportedArticle:
    """A story read from some source, ready to be written (no database object yet).

    ``news_code`` is a code the source fixes (a WordPress post ID); without
    one a code is drawn. ``live`` False keeps the story a draft.
    """

    key: str
    headline: str
    lead: str
    body: list[BodyPart]
    service: str = ""
    tags: list[str] = field(default_factory=list)
    byline: str = ""
    slug: str = ""
    published_at: datetime | None = None
    live: bool = True
    news_code: int | None = None
    warnings: list[str] = field(default_factory=list)

    @property
    def related_headlines(self) -> list[str]:
        """Return the headlines of the body's «بیشتر بخوانید» links, in order."""
        return [part.text for part in self.body if part.kind == "read_more"]


@dataclass
class SavedArticle:
    """The article an import wrote (or found unchanged) and what it did."""

    article: ArticlePage
    status: str
    reason: str = ""


def import_record_find(*, key: str) -> tuple[ImportRecord | None, ArticlePage | None]:
    """Return the import record of ``key`` and the article it names, if any."""
    record = ImportRecord.objects.filter(source=key[:MAX_SOURCE]).first()
    if record is None:
        return None, None
    return record, ArticlePage.objects.filter(news_code=record.news_code).first()


@transaction.atomic
def imported_article_save(
    *,
    item: ImportedArticle,
    home: HomePage,
    checksum: str,
    owner: AbstractBaseUser | None = None,
    image_get: Callable[[], object] | None = None,
) -> SavedArticle:
    """Create or update the article ``item`` describes; skip it when unchanged.

    A live item is published with its original date; a draft is saved as a
    revision only. A live article whose source became a draft stays live
    (unpublishing is an editor's decision) and says so in a warning.
    ``image_get`` returns the featured image; it is called only when the
    story is written, so an unchanged one reads no file.
    """
    record, existing = import_record_find(key=item.key)
    if existing is not None and record.checksum == checksum:
        return SavedArticle(existing, SKIPPED, UNCHANGED)
    code = _code_for(item, existing)
    service = service_get_or_create(home=home, name=item.service or FALLBACK_SERVICE)
    if existing is not None and existing.get_parent().pk != service.pk:
        existing.move(service, pos="last-child")
    article = ArticlePage.objects.get(pk=existing.pk) if existing else None
    if article is None:
        article = ArticlePage(live=False, news_code=code, owner=owner)
        if item.live:
            article.first_published_at = item.published_at
    _fill(article, item, image_get() if image_get else None)
    if existing is None:
        if not item.live and article.news_code is None:
            article.news_code = news_code_next()
        article.slug = _free_slug(service, item.slug or item.headline)
        service.add_child(instance=article)
    article = _store(article, item)
    ImportRecord.objects.filter(source=item.key[:MAX_SOURCE]).exclude(
        news_code=article.news_code
    ).delete()
    ImportRecord.objects.update_or_create(
        news_code=article.news_code,
        defaults={"source": item.key[:MAX_SOURCE], "checksum": checksum},
    )
    return SavedArticle(article, UPDATED if existing else CREATED)


def _code_for(item: ImportedArticle, existing: ArticlePage | None) -> int | None:
    """Return the code a new article takes; refuse one another article holds."""
    if item.news_code is None:
        return None
    holder = ArticlePage.objects.filter(news_code=item.news_code)
    if existing is not None:
        holder = holder.exclude(pk=existing.pk)
    taken = holder.first()
    if taken is not None:
        raise ImportFailure(
            f"news code {item.news_code} is already used by «{taken.title}»"
        )
    if existing is not None and existing.news_code != item.news_code:
        item.warnings.append(
            f"keeps its news code {existing.news_code}: a code never changes"
        )
        return existing.news_code
    news_code_reserve(code=item.news_code)
    return item.news_code


def _store(article: ArticlePage, item: ImportedArticle) -> ArticlePage:
    """Publish a live item with its original date, or save a draft's revision."""
    if not item.live:
        if article.live:
            item.warnings.append(
                "a draft at the source; the published article is left published"
            )
        article.save_revision(log_action=True)
        return article
    article = article_publish(article=article, published_at=item.published_at)
    if item.published_at and article.first_published_at != item.published_at:
        ArticlePage.objects.filter(pk=article.pk).update(
            first_published_at=item.published_at
        )
        article.first_published_at = item.published_at
    return article


def _fill(article: ArticlePage, item: ImportedArticle, image) -> None:
    """Copy the item's fields, body blocks and related links onto the article."""
    targets = article_map_by_headlines(headlines=item.related_headlines)
    article.title = item.headline
    article.lead = item.lead
    article.byline = item.byline[:100]
    article.body = [_block(part, targets) for part in item.body]
    article.tags.set(item.tags)
    article.related_links = [
        RelatedArticle(headline=headline, target=targets.get(headline_key(headline)))
        for headline in item.related_headlines
    ]
    if image is not None:
        article.image = image


def _block(part: BodyPart, targets: dict[str, ArticlePage]) -> tuple[str, object]:
    if part.kind == "read_more":
        target = targets.get(headline_key(part.text))
        return ("read_more", {"page": target, "headline": part.text})
    if part.kind == "quote":
        return ("quote", {"text": part.text, "speaker": part.speaker})
    return ("paragraph", f"<p>{part.text}</p>")


def _free_slug(service, wanted: str) -> str:
    """Return a slug made from ``wanted`` that no sibling under ``service`` uses."""
    base = slugify(wanted, allow_unicode=True)[:80].strip("-") or "article"
    taken = set(service.get_children().values_list("slug", flat=True))
    slug, n = base, 2
    while slug in taken:
        slug, n = f"{base}-{n}", n + 1
    return slug
