"""Write scraped article pages into the newsroom, idempotently by news code."""

import hashlib
import json
from dataclasses import asdict, dataclass, field
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import DatabaseError, transaction
from django.utils.html import escape
from django.utils.text import slugify

from khabar.search.tagging import site_tag_model, site_tags, tags_suggest

from ..models import (
    ArticlePage,
    HomePage,
    ImportRecord,
    RelatedArticle,
    headline_key,
)
from ..selectors import article_map_by_headlines
from ..services import article_publish, news_code_reserve, service_get_or_create
from ..typography import import_run
from .scraped import (
    DEFAULT_MAX_BYTES,
    NotAnArticle,
    ScrapedArticle,
    decode_page,
    parse_page,
)

FALLBACK_SERVICE = "عمومی"
AUTO_TAGS = 5
# The surest suggestions only: no editor looks at an imported page's tags.
AUTO_TAG_MIN_COUNT = 2.0  # no site model: weighted mentions (headline 3, lead 2)
AUTO_TAG_MIN_CHANCE = 0.5  # the site's model: chance its editors would tag it


@dataclass
class ImportResult:
    """The outcome of importing one file: created, updated, unchanged or refused."""

    source: str
    status: str
    news_code: int | None = None
    url: str = ""
    warnings: list[str] = field(default_factory=list)
    error: str = ""


@import_run
def scraped_file_import(*, path: Path, home: HomePage) -> ImportResult:
    """Import one scraped page file; a refused file writes nothing.

    ``style=`` picks how plurals and comparatives are written (:func:`import_run`).
    """
    max_bytes = getattr(settings, "KHABAR_IMPORT_MAX_BYTES", DEFAULT_MAX_BYTES)
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise NotAnArticle(
                f"the file is {size:,} bytes; an article page is at most {max_bytes:,}"
            )
        scraped = parse_page(decode_page(path.read_bytes(), max_bytes=max_bytes))
    except OSError as error:
        return ImportResult(
            source=str(path), status="refused", error=error.strerror or str(error)
        )
    except NotAnArticle as error:
        return ImportResult(source=str(path), status="refused", error=str(error))
    try:
        return scraped_article_save(scraped=scraped, home=home, source=str(path))
    except ValidationError as error:  # rolled back: nothing written
        reason = "invalid: " + "; ".join(error.messages)
        return ImportResult(source=str(path), status="refused", error=reason)
    except DatabaseError as error:
        return ImportResult(
            source=str(path), status="refused", error=f"database error: {error}"
        )


def _checksum(scraped: ScrapedArticle) -> str:
    data = asdict(scraped)
    data.pop("warnings")
    return hashlib.sha256(
        json.dumps(data, ensure_ascii=False, sort_keys=True).encode()
    ).hexdigest()


def _find_existing(scraped: ScrapedArticle) -> ArticlePage | None:
    articles = ArticlePage.objects.all()
    if scraped.news_code is not None:
        return articles.filter(news_code=scraped.news_code).first()
    return articles.filter(title_key=headline_key(scraped.headline)).first()


@transaction.atomic
def scraped_article_save(
    *, scraped: ScrapedArticle, home: HomePage, source: str
) -> ImportResult:
    """Create or update the article a parsed page describes, and publish it."""
    checksum = _checksum(scraped)
    existing = _find_existing(scraped)
    if (
        existing
        and ImportRecord.objects.filter(
            news_code=existing.news_code, checksum=checksum
        ).exists()
    ):
        return _result(existing, source, "unchanged", scraped)
    if scraped.news_code is not None:
        news_code_reserve(code=scraped.news_code)
    service = service_get_or_create(home=home, name=scraped.service or FALLBACK_SERVICE)
    article = existing or ArticlePage(news_code=scraped.news_code, live=False)
    if existing is not None and existing.get_parent().pk != service.pk:
        existing.move(service, pos="last-child")
        article = ArticlePage.objects.get(pk=existing.pk)
    _fill(article, scraped)
    if existing is None:
        article.slug = _free_slug(service, scraped.headline)
        service.add_child(instance=article)
    article = article_publish(article=article)
    ImportRecord.objects.update_or_create(
        news_code=article.news_code, defaults={"source": source, "checksum": checksum}
    )
    return _result(article, source, "updated" if existing else "created", scraped)


def _result(
    article: ArticlePage, source: str, status: str, scraped: ScrapedArticle
) -> ImportResult:
    return ImportResult(
        source=source,
        status=status,
        news_code=article.news_code,
        url=article.url or "",
        warnings=list(scraped.warnings),
    )


def _fill(article: ArticlePage, scraped: ScrapedArticle) -> None:
    """Copy the parsed fields and related headlines onto the article (unsaved)."""
    targets = article_map_by_headlines(headlines=scraped.related_headlines)
    article.title = scraped.headline
    article.lead = scraped.lead
    article.source_agency = scraped.agency
    article.body = [_body_block(item, targets) for item in scraped.body]
    article.tags.set(scraped.tags or _suggested_tags(scraped))
    article.related_links = [
        RelatedArticle(headline=headline, target=targets.get(headline_key(headline)))
        for headline in scraped.related_headlines
    ]


def _suggested_tags(scraped: ScrapedArticle) -> list[str]:
    """Tag a page that came without tags with the surest suggestions.

    With enough tagged articles on the site its own tag model ranks them (the
    chance that its editors would use each tag); before that, names found in
    the headline or lead, or mentioned twice, are used.
    """
    parts = {
        "title": scraped.headline,
        "lead": scraped.lead,
        "body": "\n".join(i.text for i in scraped.body if i.kind == "paragraph"),
    }
    model = site_tag_model()
    least = AUTO_TAG_MIN_COUNT if model is None else AUTO_TAG_MIN_CHANCE
    found = tags_suggest(
        parts=parts, existing=site_tags(), limit=AUTO_TAGS, model=model, min_score=least
    )
    names = [item.name for item in found]
    if names:
        scraped.warnings.append("no tags on the page; suggested: " + "، ".join(names))
    return names


def _body_block(item, targets: dict[str, ArticlePage]) -> tuple[str, object]:
    if item.kind == "read_more":
        target = targets.get(headline_key(item.text))
        return ("read_more", {"page": target, "headline": item.text})
    return ("paragraph", f"<p>{escape(item.text)}</p>")


def _free_slug(service, headline: str) -> str:
    """Return a slug for ``headline`` that no sibling under ``service`` uses."""
    base = slugify(headline, allow_unicode=True)[:80].strip("-") or "article"
    taken = set(service.get_children().values_list("slug", flat=True))
    slug, n = base, 2
    while slug in taken:
        slug, n = f"{base}-{n}", n + 1
    return slug
