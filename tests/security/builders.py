"""Build articles and comments that carry the corpus in every field an editor fills."""

import json
from io import BytesIO

from django.core.files.images import ImageFile
from PIL import Image as PILImage
from wagtail.admin.rich_text.converters.contentstate import ContentstateConverter
from wagtail.images import get_image_model
from wagtail.models import Collection

from khabar.newsroom.blocks import PARAGRAPH_FEATURES
from khabar.newsroom.models import GalleryImage, RelatedArticle, ServicePage
from khabar.newsroom.selectors import home_page_get
from tests.factories import ArticleFactory

from .payloads import PAYLOADS, Payload

# Each field of article ``i`` takes PER_FIELD payloads, starting at
# ``(PER_FIELD * i + STRIDE * field) % N``: over N / PER_FIELD articles every
# payload passes through every field (fields too short for three keep the
# first, and the start of the rest).
FIELDS = [
    "title",
    "overline",
    "lead",
    "paragraph_source",
    "paragraph_editor_text",
    "paragraph_editor_link",
    "quote_text",
    "quote_speaker",
    "read_more",
    "byline",
    "source_agency",
    "tag",
    "correction_note",
    "caption",
    "credit",
    "related",
    "video_url",
    "image_title",
]
STRIDE = 7
PER_FIELD = 3
ARTICLES = -(-len(PAYLOADS) // PER_FIELD)
SERVICES = 6
IMAGES = 6


def editor_rich_text(text: str, link: str = "") -> str:
    """Store ``text`` (and a link to ``link``) as Wagtail's admin would.

    The Draftail editor posts contentstate JSON; Wagtail's converter turns it
    into the HTML kept in the database. An attacker with editor access can
    post any contentstate, so the text and the link address are theirs.
    """
    entity_ranges, entity_map = [], {}
    if link:
        entity_ranges = [{"offset": 0, "length": min(len(text), 5), "key": 0}]
        entity_map = {
            "0": {"type": "LINK", "mutability": "MUTABLE", "data": {"url": link}}
        }
    contentstate = {
        "blocks": [
            {
                "key": "x1",
                "type": "unstyled",
                "depth": 0,
                "text": text,
                "inlineStyleRanges": [
                    {"offset": 0, "length": min(len(text), 3), "style": "BOLD"}
                ],
                "entityRanges": entity_ranges,
            }
        ],
        "entityMap": entity_map,
    }
    converter = ContentstateConverter(features=PARAGRAPH_FEATURES)
    return converter.to_database_format(json.dumps(contentstate))


def escaped_source(text: str) -> str:
    """The HTML source the editor stores for a paragraph of plain ``text``."""
    from django.utils.html import escape

    return f"<p>{escape(text)}</p>"


def _image(title: str, number: int):
    if Collection.get_first_root_node() is None:  # gone with an earlier flush
        Collection.add_root(name="Root")
    buffer = BytesIO()
    PILImage.new("RGB", (12, 8), (40 * number % 255, 90, 160)).save(buffer, "PNG")
    return get_image_model().objects.create(
        title=title[:255], file=ImageFile(buffer, name=f"xss-{number}.png")
    )


def payload_services() -> list[ServicePage]:
    """Service pages whose titles are payloads (an editor names services too)."""
    home = home_page_get()
    services = []
    picked = PAYLOADS[3 :: len(PAYLOADS) // SERVICES][:SERVICES]
    for number, payload in enumerate(picked):
        service = ServicePage(title=payload.text[:255], slug=f"xss-service-{number}")
        home.add_child(instance=service)
        service.save_revision().publish()
        services.append(service)
    return services


def payload_articles(count: int = ARTICLES) -> list:
    """Publish ``count`` articles with a payload in every editor-controlled field."""
    services = payload_services()
    images = [
        _image(PAYLOADS[(5 + number * 31) % len(PAYLOADS)].text, number)
        for number in range(IMAGES)
    ]
    articles = []
    for index in range(count):
        pick = {
            name: [
                PAYLOADS[(PER_FIELD * index + part + STRIDE * number) % len(PAYLOADS)]
                for part in range(PER_FIELD)
            ]
            for number, name in enumerate(FIELDS)
        }
        articles.append(_article(index, pick, services, images))
    return articles


def _article(index: int, pick: dict[str, list[Payload]], services, images):
    text = {name: " ".join(p.text for p in payloads) for name, payloads in pick.items()}
    body = [
        ("paragraph", escaped_source(text["paragraph_source"])),
        ("quote", {"text": text["quote_text"], "speaker": text["quote_speaker"][:255]}),
        (
            "paragraph",
            editor_rich_text(
                text["paragraph_editor_text"], text["paragraph_editor_link"]
            ),
        ),
        ("read_more", {"page": None, "headline": text["read_more"][:255]}),
    ]
    if index % 5 == 0:  # a body that starts with a quote shows the dateline alone
        body = body[1:] + body[:1]
    article = ArticleFactory(
        title=text["title"][:255],
        slug=f"xss-{index}",
        overline=text["overline"][:255],
        lead=text["lead"],
        body=body,
        byline=text["byline"][:100],
        source_agency=text["source_agency"][:100],
        correction_note=text["correction_note"],
        video_url=video_address(text["video_url"]),
        story_type=["news", "photo", "video", "interview", "report"][index % 5],
        service_name=services[index % len(services)].title,
        tags=[tag_name(text["tag"])],
        image=images[index % len(images)] if index % 3 == 0 else None,
    )
    GalleryImage.objects.create(
        page=article,
        image=images[(index + 1) % len(images)],
        caption=text["caption"][:500],
        credit=text["credit"][:150],
    )
    RelatedArticle.objects.create(page=article, headline=text["related"][:255])
    if index % 4 == 1:
        # The admin's URL field refuses javascript: addresses; a row written
        # around it (an old import, a shell) must still render inert.
        type(article).objects.filter(pk=article.pk).update(
            video_url=pick["video_url"][0].text[:200]
        )
    return article


def tag_name(text: str) -> str:
    """A payload as a tag; «/» is dropped (a tag with one breaks the page, see
    test_tag_with_a_slash_does_not_break_the_article)."""
    return text.replace("/", "")[:100]


def video_address(text: str) -> str:
    """Payloads shaped to pass the URL field's validation (no spaces)."""
    return ("https://video.example.ir/v/" + "".join(text.split()))[:200]
