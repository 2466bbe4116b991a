"""Turn a WordPress post read from an export into an ``ImportedArticle``.

No database here. The post's first category is its service (WordPress's
«Uncategorized» means none: the fallback service); its other categories
join its tags, so nothing is lost. The excerpt is the lead, else the first
paragraph. ``publish`` is live with ``post_date_gmt`` as the publication
date; ``draft``, ``pending``, ``future`` and ``private`` stay drafts.
"""

import re
from dataclasses import asdict
from html import unescape
from urllib.parse import unquote

from ..typography import imported_text
from .article import FALLBACK_SERVICE, ImportedArticle
from .blocks import html_to_body, plain_text
from .report import ImportFailure
from .wxr import WxrExport, WxrItem, wp_date

LIVE = "publish"
DRAFTS = {"draft", "pending", "future", "private"}
NOT_POSTS = {"trash", "auto-draft", "inherit"}
UNCATEGORIZED = {"uncategorized", "بدون-دسته-بندی", "دسته\u200cبندی-نشده"}
POST_ID = re.compile(r"^[1-9][0-9]{0,17}$")
MAX_TITLE = 255
MAX_TAG = 100
# Raise when the conversion changes, so a re-run rewrites what it wrote before.
CONVERSION_VERSION = 1


def post_key(export: WxrExport, item: WxrItem) -> str:
    """Return the import key of a post: ``wxr:<site-url>:<post-id>``."""
    return f"wxr:{export.site_url}:{item.post_id or f'item-{item.position}'}"


def skip_reason(item: WxrItem) -> str:
    """Return why an item is not imported (its type or status), or ``""``."""
    if item.post_type != "post":
        return item.post_type or "untyped item"
    if item.status in NOT_POSTS:
        return f"status {item.status}"
    return ""


def _text(value: str) -> str:
    return imported_text(plain_text(unescape(value)))


def post_article(
    item: WxrItem, export: WxrExport, *, post_id_codes: bool, local_tz
) -> ImportedArticle:
    """Read one post into an article; raise ``ImportFailure`` when it has none."""
    if not POST_ID.match(item.post_id):
        raise ImportFailure(f"the post has no usable wp:post_id ({item.post_id!r})")
    headline = _text(item.title)
    if not headline:
        raise ImportFailure("the post has no title")
    body = html_to_body(item.content, base_url=export.site_url)
    lead, parts = _lead(item, body.parts)
    if not lead or not parts:
        raise ImportFailure("the post has no text")
    try:
        published_at = wp_date(
            item.date_gmt, item.date, local_tz=local_tz, rfc822=item.pub_date
        )
    except ValueError as error:
        raise ImportFailure(f"unreadable date: {error}") from error
    article = ImportedArticle(
        key=post_key(export, item),
        headline=headline[:MAX_TITLE],
        lead=lead,
        body=parts,
        service=_service(item),
        tags=_tags(item),
        byline=_byline(item, export),
        slug=unquote(item.post_name),
        published_at=published_at,
        live=item.status == LIVE,
        news_code=int(item.post_id) if post_id_codes else None,
        warnings=list(body.warnings),
    )
    if len(headline) > MAX_TITLE:
        article.warnings.append(f"title cut to {MAX_TITLE} characters")
    if item.status != LIVE:
        if item.status not in DRAFTS:
            article.warnings.append(f"unknown status {item.status!r}")
        article.warnings.append(f"status {item.status}: imported as a draft")
    return article


def _lead(item: WxrItem, parts: list) -> tuple[str, list]:
    """Return the lead (the excerpt, else the first paragraph) and the body."""
    excerpt = _text(item.excerpt)
    if excerpt:
        return excerpt, parts
    paragraphs = [part for part in parts if part.kind == "paragraph"]
    if not paragraphs:
        return "", parts
    first = paragraphs[0]
    lead = imported_text(plain_text(first.text))
    rest = [part for part in parts if part is not first]
    return lead, rest if any(p.kind == "paragraph" for p in rest) else parts


def _service(item: WxrItem) -> str:
    for nicename, name in item.categories:
        if unquote(nicename) not in UNCATEGORIZED:
            return _text(name)[:MAX_TITLE]
    return FALLBACK_SERVICE


def _tags(item: WxrItem) -> list[str]:
    """Return the post's tags, then its categories beyond the first, once each."""
    names = [_text(tag) for tag in item.tags]
    categories = [
        _text(name)
        for nicename, name in item.categories
        if unquote(nicename) not in UNCATEGORIZED
    ]
    names += categories[1:]
    return list(dict.fromkeys(name[:MAX_TAG] for name in names if name))


def _byline(item: WxrItem, export: WxrExport) -> str:
    author = export.authors.get(item.creator)
    name = (author.display_name if author else "") or item.creator
    return _text(name)[:100]


def post_checksum_data(item: WxrItem, *, post_id_codes: bool, image: str) -> dict:
    """Return what decides whether a post changed since it was last imported."""
    data = asdict(item)
    data.pop("position")
    data.update(post_id_codes=post_id_codes, image=image, version=CONVERSION_VERSION)
    return data
