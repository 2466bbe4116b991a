"""An article as other newsrooms take it: NINJS 2.0 and full-text HTML.

NINJS (IPTC's "News in JSON", schema http://www.iptc.org/std/ninjs/ninjs-schema_2.0.json)
is what agencies exchange; only ``uri`` is required, the rest is filled from
the article where it has the data.
"""

from datetime import UTC

from django.utils import timezone
from django.utils.html import format_html, strip_tags
from wagtail.rich_text import expand_db_html

from khabar.newsroom.models import ArticlePage, StoryType

NINJS_SCHEMA = "http://www.iptc.org/std/ninjs/ninjs-schema_2.0.json"
# NINJS "type" is the news item's nature (IPTC ninature codes).
NINJS_TYPES = {StoryType.PHOTO: "composite", StoryType.VIDEO: "composite"}
URGENCY_BREAKING, URGENCY_NORMAL = 1, 5


def article_body_html(*, article: ArticlePage) -> str:
    """Return the body as plain, portable HTML: paragraphs, quotes, read-more links."""
    parts = []
    for block in article.body:
        if block.block_type == "paragraph":
            parts.append(expand_db_html(block.value.source))
        elif block.block_type == "quote":
            speaker = block.value.get("speaker")
            parts.append(
                format_html(
                    "<blockquote><p>{}</p>{}</blockquote>",
                    block.value["text"],
                    format_html("<footer>{}</footer>", speaker) if speaker else "",
                )
            )
        elif block.block_type == "read_more":
            page, headline = block.value["page"], block.value["headline"]
            title = page.title if page else headline
            if page is not None and page.live:
                parts.append(
                    format_html(
                        '<p>بیشتر بخوانید: <a href="{}">{}</a></p>',
                        page.full_url,
                        title,
                    )
                )
            elif title:
                parts.append(format_html("<p>بیشتر بخوانید: {}</p>", title))
    return "\n".join(parts)


def _iso(moment) -> str | None:
    return moment.astimezone(UTC).isoformat() if moment else None


def article_ninjs(*, article: ArticlePage, agency: str, base_url: str) -> dict:
    """Return ``article`` as a NINJS 2.0 object (a dict ready for JSON)."""
    html = article_body_html(article=article)
    text = strip_tags(html)
    breaking = article.breaking_until and article.breaking_until > timezone.now()
    item = {
        "uri": f"{base_url}/x/{article.news_code}",
        "standard": {"name": "ninjs", "version": "2.0", "schema": NINJS_SCHEMA},
        "type": NINJS_TYPES.get(article.story_type, "text"),
        "representationtype": "full",
        "version": str(article.live_revision_id or 1),
        "firstcreated": _iso(article.first_published_at),
        "versioncreated": _iso(article.last_published_at),
        "embargoed": _iso(article.embargo_until),
        "pubstatus": "usable",
        "urgency": URGENCY_BREAKING if breaking else URGENCY_NORMAL,
        "copyrightholder": agency,
        "language": "fa",
        "headlines": [{"role": "main", "value": article.title}]
        + (
            [{"role": "overline", "value": article.overline}]
            if article.overline
            else []
        ),
        "descriptions": [{"role": "summary", "value": article.lead}],
        "bodies": [
            {
                "role": "main",
                "contenttype": "text/html",
                "value": html,
                "charcount": len(text),
                "wordcount": len(text.split()),
            }
        ],
        "subjects": [{"name": tag.name} for tag in article.tags.all()],
        "genres": [
            {"name": article.get_story_type_display(), "literal": article.story_type}
        ],
        "by": article.byline or None,
        "ednote": article.correction_note or None,
        "altids": [{"role": "newscode", "value": str(article.news_code)}],
        "infosources": [{"name": article.source_agency}]
        if article.source_agency
        else None,
        "associations": _image_associations(article=article, base_url=base_url),
    }
    return {key: value for key, value in item.items() if value not in (None, [], "")}


def _image_associations(*, article: ArticlePage, base_url: str) -> list[dict]:
    images = [article.image] if article.image_id else []
    images += [item.image for item in article.gallery_images.select_related("image")]
    return [
        {
            "name": f"picture{number}",
            "uri": f"{base_url}{image.file.url}",
            "type": "picture",
            "headlines": [{"value": image.title}],
            "renditions": [
                {
                    "name": "original",
                    "href": f"{base_url}{image.file.url}",
                    "width": image.width,
                    "height": image.height,
                }
            ],
        }
        for number, image in enumerate(images, start=1)
    ]
