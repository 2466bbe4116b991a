"""Load the demo articles (``articles.json``, fictional texts written for Khabar)."""

import json
from datetime import timedelta
from pathlib import Path

from django.db import transaction
from django.utils import timezone
from django.utils.html import escape
from django.utils.text import slugify

from khabar.comments.models import Comment
from khabar.comments.services import comment_moderate, comment_submit
from khabar.newsroom.models import ArticlePage, HomePage, RelatedArticle, headline_key
from khabar.newsroom.selectors import article_map_by_headlines
from khabar.newsroom.services import (
    article_publish,
    service_get_or_create,
    services_ensure_standard,
)
from khabar.text import normalize

DATA = Path(__file__).with_name("articles.json")


def demo_articles_load(*, home: HomePage) -> int:
    """Create the demo articles that are not on the site yet; return how many."""
    entries = json.loads(DATA.read_text(encoding="utf-8"))["articles"]
    services_ensure_standard(home=home)
    titles = {entry["key"]: normalize(entry["title"]) for entry in entries}
    created = 0
    for entry in sorted(entries, key=lambda item: -item["hours_ago"]):
        if not ArticlePage.objects.filter(
            title_key=headline_key(titles[entry["key"]])
        ).exists():
            _article_create(home=home, entry=entry, titles=titles)
            created += 1
    return created


@transaction.atomic
def _article_create(*, home: HomePage, entry: dict, titles: dict[str, str]) -> None:
    service = service_get_or_create(home=home, name=entry["service"])
    related = [titles[key] for key in entry.get("related", [])]
    targets = article_map_by_headlines(headlines=related)
    article = ArticlePage(
        title=titles[entry["key"]],
        slug=slugify(entry["key"]),
        overline=normalize(entry.get("overline", "")),
        lead=normalize(entry["lead"]),
        body=_body(entry, related, targets),
        live=False,
    )
    article.tags.set([normalize(tag) for tag in entry["tags"]])
    article.related_links = [
        RelatedArticle(headline=headline, target=targets.get(headline_key(headline)))
        for headline in related
    ]
    service.add_child(instance=article)
    published_at = timezone.now() - timedelta(hours=entry["hours_ago"])
    article = article_publish(article=article, published_at=published_at)
    _comments_add(
        article=article, comments=entry.get("comments", []), after=published_at
    )


def _body(entry: dict, related: list[str], targets: dict) -> list[tuple[str, object]]:
    blocks: list[tuple[str, object]] = [
        ("paragraph", f"<p>{escape(normalize(text))}</p>")
        for text in entry["paragraphs"]
    ]
    if related and "read_more_after" in entry:
        target = targets.get(headline_key(related[0]))
        blocks.insert(
            entry["read_more_after"] + 1,
            ("read_more", {"page": target, "headline": related[0]}),
        )
    return blocks


def _comments_add(*, article: ArticlePage, comments: list[dict], after) -> None:
    for number, item in enumerate(comments, start=1):
        parent = _approved(
            article=article, item=item, at=after + timedelta(minutes=30 * number)
        )
        for reply in item.get("replies", []):
            _approved(
                article=article,
                item=reply,
                at=parent.created_at + timedelta(minutes=20),
                parent=parent,
            )


def _approved(
    *, article: ArticlePage, item: dict, at, parent: Comment | None = None
) -> Comment:
    comment = comment_submit(
        article=article, name=item["name"], text=item["text"], parent=parent
    )
    comment.created_at = at
    comment.save(update_fields=["created_at"])
    return comment_moderate(comment=comment, status=Comment.Status.APPROVED, user=None)
