"""The newsroom's models: pages (home, services, articles), their parts and records."""

from .pages import (
    ADDRESS_FIELDS,
    CARD_FIELDS,
    TITLE_KEY_LENGTH,
    ArticlePage,
    ArticlePageQuerySet,
    HomePage,
    ServicePage,
    StoryType,
    headline_key,
)
from .parts import (
    ArticleTag,
    GalleryImage,
    HomeLeadSlot,
    RelatedArticle,
    ServiceLeadSlot,
)
from .records import ImportRecord, NewsCodeSequence

__all__ = [
    "ADDRESS_FIELDS",
    "CARD_FIELDS",
    "TITLE_KEY_LENGTH",
    "ArticlePage",
    "ArticlePageQuerySet",
    "ArticleTag",
    "GalleryImage",
    "HomeLeadSlot",
    "HomePage",
    "ImportRecord",
    "NewsCodeSequence",
    "RelatedArticle",
    "ServiceLeadSlot",
    "ServicePage",
    "StoryType",
    "headline_key",
]
